"""Live frames: one forward per camera or video frame, for the window's Live view and ``--live``."""
