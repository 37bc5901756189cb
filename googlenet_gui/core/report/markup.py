"""Small HTML builders that escape every text they are given.

WHY: labels, file names and model names come from users' files; ``<0.1%`` once vanished
as a tag in a Qt table.  Text goes through :func:`text`, attributes through :func:`attrs`.
"""

from __future__ import annotations

import html


def text(value: object) -> str:
    """``value`` as HTML text (``<``, ``&`` and quotes escaped)."""
    return html.escape(str(value), quote=True)


def attrs(**values: object) -> str:
    """`` key="value"`` pairs (``class_`` for ``class``, ``data_x`` for ``data-x``); None values left out."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(f' {name}="{text(value)}"')
    return "".join(parts)


def element(tag: str, content: str = "", **values: object) -> str:
    """``<tag attrs>content</tag>``; ``content`` is markup already (escape text with :func:`text`)."""
    return f"<{tag}{attrs(**values)}>{content}</{tag}>"


def image(uri: str, alt: str, **values: object) -> str:
    """An ``<img>`` of a data URI with its alternative text."""
    return f"<img{attrs(src=uri, alt=alt, **values)}>"


def table(header: list[str], rows: list[list[str]], row_classes: list[str | None] | None = None,
          **values: object) -> str:
    """A table from header texts (escaped) and row cells (markup: each cell a ``<td>`` already)."""
    head = element("thead", element("tr", "".join(element("th", text(h)) for h in header)))
    classes = row_classes or [None] * len(rows)
    body = element("tbody", "".join(element("tr", "".join(cells), class_=row_class)
                                    for cells, row_class in zip(rows, classes)))
    return element("table", head + body, **values)
