"""Explain a prediction: class activation maps, occlusion, branch ablation, receptive fields.

Everything here runs on the eager PyTorch model (``engine_for(loaded, purpose="explain")``):
ONNX Runtime and the folded copy give no gradients and cannot be edited by hooks.  Results
are plain dataclasses of NumPy arrays, and long jobs are generators with progress and a
cancel token, so the window's views and the CLI share this code without Qt.
"""
