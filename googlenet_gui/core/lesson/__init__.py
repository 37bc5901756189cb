"""A guided walkthrough of the GoogLeNet paper on the loaded model's own numbers (English and Korean)."""
