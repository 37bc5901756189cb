"""Qt layer: workers (``googlenet_gui.ui.workers``) and widgets on top of ``googlenet_gui.core``."""
