"""Help > Lesson: the paper step by step in a side panel that drives the window's real views."""
