import PortalCommandLine; PortalBuildCommand.main()
