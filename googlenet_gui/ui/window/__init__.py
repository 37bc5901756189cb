"""The main window: its layout, menus, settings, intake of drops, status bar and the app's launch."""
