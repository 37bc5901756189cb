"""Window-side speed machinery: moving passes onto ONNX Runtime and start-up answers before torch loads."""
