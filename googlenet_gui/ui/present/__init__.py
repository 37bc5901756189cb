"""Presentation mode: one view at a time, large, on a full-screen stage (issue #26)."""
