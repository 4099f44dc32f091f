import PortalCommandLine; PortalBenchCommand.main()
