"""Fine-tuning and aux-head calibration: data sets, augmentation, the loop, and the events it yields."""
