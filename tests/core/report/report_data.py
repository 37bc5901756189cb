"""Constants the report tests share (imported as ``tests.core.report.report_data``)."""

#: A label with markup in it: the page must show it as text.
CLASSES = ("cat", "dog", "<b>bird</b> & co")

#: Pictures on the page: the crop, four branch mosaics, Grad-CAM and CAM.
IMAGES = 7
