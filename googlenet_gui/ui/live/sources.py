"""Where live frames come from: a camera, a video file, or a synthetic test pattern.

Every source has the same small shape (:class:`FrameSource`): ``start()``, ``stop()``, a
``frame`` signal carrying an (H, W, 3) uint8 RGB NumPy array, ``failed(message)`` for a
camera or file that cannot be used, and a ``name`` for captions.  The window never knows
which one it has, so tests and benchmarks drive it with :class:`SyntheticSource` and no
camera.  Qt Multimedia (``QCamera``, ``QMediaCaptureSession``, ``QMediaPlayer`` into a
``QVideoSink``) is imported only when a camera or a file is opened: on a machine where
it cannot load (it needs the PulseAudio client library on Linux) the test pattern still
works and :func:`multimedia_problem` says why the rest does not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from googlenet_gui.core.errors import GoogLeNetGuiError

SYNTHETIC = "synthetic"
#: The test pattern's size: a common webcam's.
SYNTHETIC_SIZE = (480, 640)


class FrameSource(Protocol):
    """What the live session needs from a source (signals are Qt signals of a QObject)."""

    name: str
    frame: Any  # Signal(object): an (H, W, 3) uint8 RGB array per frame
    failed: Any  # Signal(str): one sentence naming the camera or file

    def start(self) -> None: ...

    def stop(self) -> None: ...


#: Qt Multimedia's start-up chatter (optional hardware-decoding libraries not found, FFmpeg's version).
QUIET_RULES = "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg.info=false\nqt.multimedia.playbackengine.codec=false"


def multimedia_problem() -> str | None:
    """None when Qt Multimedia loads, else one sentence saying why cameras and video files are unavailable."""
    try:
        from PySide6.QtCore import QLoggingCategory

        QLoggingCategory.setFilterRules(QUIET_RULES)
        from PySide6 import QtMultimedia  # noqa: F401 - the import is the check
    except ImportError as error:
        return (f"Qt Multimedia cannot load on this machine ({error}), so cameras and video files are "
                "unavailable (on Linux it needs the PulseAudio client library, e.g. the libpulse0 package)")
    return None


def camera_names() -> list[str]:
    """The cameras Qt sees (``QMediaDevices.videoInputs()``), empty without any or without Qt Multimedia."""
    if multimedia_problem() is not None:
        return []
    from PySide6.QtMultimedia import QMediaDevices

    return [device.description() for device in QMediaDevices.videoInputs()]


def frame_array(image: QImage) -> np.ndarray:
    """A video frame's QImage as an (H, W, 3) uint8 RGB array (a copy Qt no longer owns)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    height, width, stride = rgb.height(), rgb.width(), rgb.bytesPerLine()
    rows = np.frombuffer(rgb.constBits(), np.uint8, count=stride * height).reshape(height, stride)
    return rows[:, :width * 3].reshape(height, width, 3).copy()


class SyntheticSource(QObject):
    """A moving bright square on a gradient at ``fps`` frames a second: live mode without a camera."""

    frame = Signal(object)
    failed = Signal(str)

    def __init__(self, fps: float = 30.0, size: tuple[int, int] = SYNTHETIC_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = self.tr("test pattern")
        self.fps = fps
        height, width = size
        rows, cols = np.mgrid[0:height, 0:width]
        self._background = np.stack([rows * 200 // height, cols * 200 // width,
                                     np.full_like(rows, 90)], axis=-1).astype(np.uint8)
        self._count = 0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(max(1, round(1000 / fps)))
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def next_frame(self) -> np.ndarray:
        """The next picture of the pattern (the square travels around the frame)."""
        height, width = self._background.shape[:2]
        side = min(height, width) // 3
        step = self._count % 120
        self._count += 1
        top = (height - side) // 2 + int((height - side) / 2 * np.sin(step / 120 * 2 * np.pi))
        left = (width - side) * step // 120
        image = self._background.copy()
        image[top:top + side, left:left + side] = (250, 230, 40)
        return image

    @Slot()
    def _tick(self) -> None:
        self.frame.emit(self.next_frame())


class _SinkSource(QObject):
    """A Qt Multimedia producer feeding a ``QVideoSink``; each frame is converted to RGB once.

    Subclasses set ``self._play`` and ``self._halt`` (the producer's start and stop) and
    connect its ``errorOccurred`` to :meth:`_on_error`; ``failure`` words its message.
    """

    frame = Signal(object)
    failed = Signal(str)

    def __init__(self, name: str, failure: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QVideoSink

        self.name = name
        self._failure = failure
        self._play: Any = None
        self._halt: Any = None
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._on_frame)

    def start(self) -> None:
        self._play()

    def stop(self) -> None:
        self._halt()

    @Slot(object)
    def _on_frame(self, video_frame: Any) -> None:
        image = video_frame.toImage()
        if not image.isNull():
            self.frame.emit(frame_array(image))

    @Slot(object, str)
    def _on_error(self, _error: Any, text: str) -> None:
        self.failed.emit(f"{self._failure} ({text or 'unknown error'})")


class VideoFileSource(_SinkSource):
    """A video file played by ``QMediaPlayer`` into a ``QVideoSink``, looping (a short clip never runs dry)."""

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(Path(path).name, f"'{path}' cannot be played as a video", parent)
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QMediaPlayer

        self.path = path
        self.player = QMediaPlayer(self)
        self.player.setVideoSink(self.sink)
        self.player.setLoops(QMediaPlayer.Loops.Infinite)
        self.player.errorOccurred.connect(self._on_error)
        self.player.setSource(QUrl.fromLocalFile(str(Path(path).resolve())))
        self._play, self._halt = self.player.play, self.player.pause  # pause: Start goes on where it stopped


class CameraSource(_SinkSource):
    """Camera ``index`` of ``QMediaDevices.videoInputs()`` through a ``QMediaCaptureSession``."""

    def __init__(self, index: int, parent: QObject | None = None) -> None:
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices

        device = QMediaDevices.videoInputs()[index]
        super().__init__(device.description(), f"camera '{device.description()}' failed", parent)
        self.camera = QCamera(device, self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setVideoSink(self.sink)
        self.camera.errorOccurred.connect(self._on_error)
        self._play, self._halt = self.camera.start, self.camera.stop


def source_problem(spec: str) -> str | None:
    """Why ``spec`` cannot be opened (one sentence naming it), or None; checked before any window opens."""
    if spec == SYNTHETIC:
        return None
    if spec.isdigit():
        index, cameras = int(spec), camera_names()
        if index < len(cameras):
            return None
        why = multimedia_problem() or (f"this machine has {len(cameras)} camera(s)" if cameras
                                       else "no camera was found (QMediaDevices.videoInputs() is empty)")
        return f"there is no camera {index}: {why}; give a video file instead"
    path = Path(spec)
    if not path.is_file():
        return (f"'{spec}' {'is not a file' if path.exists() else 'does not exist'}: "
                "give a camera index (0, 1, …) or a video file")
    problem = multimedia_problem()
    return f"cannot play '{spec}': {problem}" if problem is not None else None


def open_source(spec: str, parent: QObject | None = None) -> FrameSource:
    """``synthetic``, a camera index (``0``) or a video file path; a bad one raises a sentence naming it.

    A file that exists but is no video fails later, through the source's ``failed`` signal.
    """
    problem = source_problem(spec)
    if problem is not None:
        raise GoogLeNetGuiError(problem)
    if spec == SYNTHETIC:
        return SyntheticSource(parent=parent)
    return CameraSource(int(spec), parent) if spec.isdigit() else VideoFileSource(spec, parent)
