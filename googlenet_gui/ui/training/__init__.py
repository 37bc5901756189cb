"""The window's Fine-tune tab: data, options, live curves, confusion matrix, one-click use.

Everything here is Qt glue around :func:`googlenet_gui.core.training.finetune.finetune`, which
runs on the panel's own :class:`~googlenet_gui.ui.work.runner.JobRunner` so a long training
job never blocks classification in the rest of the window.
"""
