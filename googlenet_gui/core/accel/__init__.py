"""Speed machinery behind the engine seam (core.inference.engine): the BatchNorm-folded copy, ONNX Runtime graphs and their cache, torch-free start-up."""
