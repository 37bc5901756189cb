"""Qt layer: the job runner, the main window and its widgets on top of ``googlenet_gui.core``."""

from googlenet_gui.ui.qt_compat import shield_true_from_emit_leak

#: True when PySide6's emit() reference leak on ``True`` was detected and neutralised.
EMIT_LEAK_SHIELDED = shield_true_from_emit_leak()
