"""The window's views: each receives plain objects and NumPy arrays and draws them."""
