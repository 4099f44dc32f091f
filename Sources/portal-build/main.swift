import PortalCommandLine; await PortalBuildCommand.start()
