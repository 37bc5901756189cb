"""Build the report and save it: the one entry point for the CLI, the Python API and the window.

:func:`iter_report` is the job (yields :class:`~.contents.ReportStep`, returns the HTML, stops
at the cancel token between parts); :func:`build_report` runs it with a ``(done, total)``
callback; :func:`write_report` saves atomically, so a failed save keeps the previous file.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

from googlenet_gui.core.atomic_files import save_atomically
from googlenet_gui.core.jobs import CancelToken, ProgressCallback, mapped, result_of
from googlenet_gui.core.lesson.text import check_lang
from googlenet_gui.core.network.spec import DEFAULT_LAYER
from googlenet_gui.core.report.contents import ReportStep, check_module, iter_contents


def iter_report(loaded: Any, image: Any, layer: str = DEFAULT_LAYER, cancel: CancelToken | None = None,
                lang: str = "en") -> Generator[ReportStep, None, str]:
    """The report of ``image`` (a path, bytes or a decoded ``LoadedImage``) in ``lang`` as one HTML string."""
    from googlenet_gui import __version__
    from googlenet_gui.core.images.decode import LoadedImage, load_image
    from googlenet_gui.core.report.page import render_page

    check_lang(lang, "report")
    check_module(loaded, layer)  # before decoding: a typo is reported at once
    picture = image if isinstance(image, LoadedImage) else load_image(image)
    contents = yield from iter_contents(loaded, picture, layer, cancel)
    return render_page(contents, __version__, lang)


def build_report(loaded: Any, image: Any, layer: str = DEFAULT_LAYER, progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None, lang: str = "en") -> str:
    """:func:`iter_report` run to the end, reporting ``progress(done, total)`` before each step."""
    steps = iter_report(loaded, image, layer, cancel, lang)
    if progress is None:
        return result_of(steps)
    return result_of(mapped(steps, lambda step: progress(step.done, step.total)))


def write_report(path: str | Path, html: str) -> Path:
    """Save ``html`` at ``path`` atomically; an OS error is one sentence naming the file."""
    data = html.encode("utf-8")
    return save_atomically(Path(path), lambda handle: handle.write(data))


def report(loaded: Any, image: Any, layer: str = DEFAULT_LAYER, out: str | Path | None = None,
           lang: str = "en") -> str:
    """The Python API's ``gg.report``: the HTML of the report in ``lang``, also saved at ``out`` when given."""
    html = build_report(loaded, image, layer, lang=lang)
    if out is not None:
        write_report(out, html)
    return html
