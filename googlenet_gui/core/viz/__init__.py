"""NumPy-only pictures of activations: colormaps and channel mosaics."""
