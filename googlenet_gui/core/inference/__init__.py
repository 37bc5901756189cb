"""Forward passes and what comes out of them: the engine seam, inspection, batch classification, predictions."""
