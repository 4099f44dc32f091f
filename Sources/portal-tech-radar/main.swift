import PortalTechRadar; TechRadarPlugin.main()
