"""The Explain tab: the CAM atlas, its large view, branch ablation and branch importance."""
