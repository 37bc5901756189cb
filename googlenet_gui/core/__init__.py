"""The Qt-free library: everything the app computes, for the CLI, notebooks and the window."""
