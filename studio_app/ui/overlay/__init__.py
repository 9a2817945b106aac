"""The overlay's Qt side: drawing overlay elements into PNGs for OBS image sources."""
