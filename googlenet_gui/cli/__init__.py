"""Command line: ``googlenet-gui`` opens the window; ``googlenet-gui COMMAND`` runs a tool."""
