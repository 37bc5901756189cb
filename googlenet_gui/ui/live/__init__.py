"""View > Live and ``--live``: camera, video-file and synthetic frames classified as they come."""
