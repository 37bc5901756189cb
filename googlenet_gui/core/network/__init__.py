"""The GoogLeNet network itself: architecture variants as data, one module class, forward hooks."""
