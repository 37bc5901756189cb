"""The Features tab: channel pictures, branch mosaics, dataset examples and the semantic dictionary."""
