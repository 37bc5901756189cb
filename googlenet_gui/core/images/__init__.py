"""Image files in, network input out: which files are images, decoding, preprocessing, samples and URLs."""
