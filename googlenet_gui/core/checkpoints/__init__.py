"""Checkpoint files of every family, read safely and written atomically, and the LoadedModel they become."""
