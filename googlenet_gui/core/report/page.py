"""The report page: one HTML document with inline CSS (screen and ``@media print``) and no network use.

Nothing on the page points outside the file: pictures are data URIs, the style is inline and
the one script only marks, for tests and for people, whether every picture decoded
(``data-images-loaded`` on ``<body>``).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from googlenet_gui.core.inference.results import HeadResult, percent_text
from googlenet_gui.core.network.spec import BRANCH_TITLES
from googlenet_gui.core.report import pictures
from googlenet_gui.core.report.contents import ReportContents
from googlenet_gui.core.report.markup import element, image, table, text
from googlenet_gui.core.report.table1 import table1_html
from googlenet_gui.core.report.wording import phrase

STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d1f24; background: #fff;
       margin: 0 auto; max-width: 1180px; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 30px 0 8px; border-bottom: 2px solid #d8dce3; padding-bottom: 3px; }
.meta, .caption, .note { color: #4a505c; font-size: 13px; margin: 4px 0 10px; }
.note { color: #8a4b00; }
.row { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
figure { margin: 0; }
figcaption { font-size: 13px; color: #4a505c; margin-top: 4px; max-width: 340px; }
img { image-rendering: pixelated; border: 1px solid #c9ced6; display: block; }
img.picture { width: 260px; height: auto; }
img.branch { width: 218px; height: auto; }
figure.branch { width: 220px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 3px 7px; border-bottom: 1px solid #e3e6eb; text-align: left; white-space: nowrap; }
table.table1 th { white-space: normal; vertical-align: bottom; }
table.table1 th, table.table1 td { padding: 2px 4px; font-size: 11.5px; }
table.table1 td.wrap { white-space: normal; min-width: 4.5em; }
th { background: #f1f3f6; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.member { padding-left: 20px; color: #4a505c; }
td.large { color: #b3261e; font-weight: 600; }
td.quirk { text-decoration: underline dotted #8a4b00; }
tr.chosen td { font-weight: 600; background: #fff7d6; }
.heads { flex: 1; min-width: 0; display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; }
.head h3 { font-size: 15px; margin: 0 0 4px; }
.head table { width: 100%; }
.head td.label { white-space: normal; overflow-wrap: anywhere; }
.wide { overflow-x: auto; }
footer { margin-top: 36px; font-size: 12px; color: #6b717d; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; margin-top: 14px; }
  figure, .head, table.importance, tr { break-inside: avoid; }
  #cam, #table1-section { break-before: page; }
  img.picture { width: 170px; }
  img.branch { width: 170px; }
  figure.branch { width: 200px; }
  .wide { overflow: visible; }
  th, td { padding: 1px 4px; }
  table.table1 th, table.table1 td { font-size: 7pt; padding: 1px 3px; }
  table.table1 td.wrap { white-space: nowrap; min-width: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

#: Marks ``<body>`` once every picture has decoded: tests (headless Chromium) and people can check it.
SCRIPT = """
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var loaded = images.filter(function (im) { return im.complete && im.naturalWidth > 0; }).length;
  document.body.setAttribute("data-images-total", String(images.length));
  document.body.setAttribute("data-images-loaded", String(loaded));
});
"""


def render_page(contents: ReportContents, version: str, lang: str = "en") -> str:
    """The whole document for ``contents`` in ``lang``; ``version`` is the app's, for the footer."""
    title = phrase("title", lang, name=Path(contents.image).name or contents.image)
    sections = [_header(contents, title, lang), _predictions(contents, lang), _branches(contents, lang),
                _class_maps(contents, lang), _importance(contents, lang),
                element("section", element("h2", text(phrase("table1_title", lang)))
                        + table1_html(contents.ops, lang), id="table1-section")]
    footer = element("footer", text(phrase("footer", lang, version=version,
                                           when=f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M}")))
    head = ('<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
            + element("title", text(title)) + element("style", STYLE) + element("script", SCRIPT))
    return "<!DOCTYPE html>\n" + element("html", element("head", head) + element("body", "".join(sections) + footer),
                                         lang=lang)


def _header(contents: ReportContents, title: str, lang: str) -> str:
    meta = phrase("meta", lang, image=contents.image, model=contents.model, layer=contents.layer,
                  width=contents.crop.shape[1], height=contents.crop.shape[0])
    notes = "".join(element("p", text(note), class_="note") for note in contents.notes)
    return element("header", element("h1", text(title)) + element("p", text(meta), class_="meta") + notes)


def _predictions(contents: ReportContents, lang: str) -> str:
    crop = element("figure", image(pictures.crop_uri(contents.crop), phrase("crop_alt", lang), class_="picture")
                   + element("figcaption", text(phrase("crop_caption", lang))))
    heads = element("div", "".join(_head_table(head, lang) for head in contents.heads.values()), class_="heads")
    return element("section", element("h2", text(phrase("heads_title", lang)))
                   + element("div", crop + heads, class_="row"))


def _head_table(head: HeadResult, lang: str) -> str:
    rows = [[element("td", str(rank), class_="num"), element("td", text(p.label), class_="label"),
             element("td", text(percent_text(p.probability, decimals=1)), class_="num")]
            for rank, p in enumerate(head.top, 1)]
    name = phrase(f"head_{head.name}", lang) if head.name in ("main", "aux1", "aux2") else head.name
    untrained = "" if head.trained else element("p", text(phrase("untrained", lang)), class_="note")
    return element("div", element("h3", text(name)) + table(["#", phrase("col_class", lang), "p"], rows) + untrained,
                   class_="head", data_head=head.name)


def _branches(contents: ReportContents, lang: str) -> str:
    uris = pictures.branch_uris(contents.module)
    stats = {s["branch"]: s for s in contents.branch_stats}
    figures = []
    for branch in contents.module.branches:
        s = stats[branch.name]
        caption = phrase("branch_caption", lang, branch=BRANCH_TITLES[branch.name], channels=s["channels"],
                         channel_share=f"{s['channel_share']:.0%}", energy_share=f"{s['energy_share']:.0%}")
        alternative = phrase("branch_alt", lang, branch=branch.name)
        figures.append(element("figure", image(uris[branch.name], alternative, class_="branch")
                               + element("figcaption", text(caption)), class_="branch"))
    intro = phrase("branches_intro", lang, layer=contents.layer)
    return element("section", element("h2", text(phrase("branches_title", lang, layer=contents.layer)))
                   + element("p", text(intro), class_="caption") + element("div", "".join(figures), class_="row"),
                   id="branches")


def _class_maps(contents: ReportContents, lang: str) -> str:
    maps = [contents.gradcam] + ([contents.cam] if contents.cam is not None else [])
    figures = []
    for class_map in maps:
        what = phrase("cam_exact", lang) if class_map.method == "cam" else phrase("gradcam_at", lang,
                                                                                  layer=class_map.layer)
        caption = phrase("cam_caption", lang, what=what,
                         label=contents.labels.get(class_map.class_index, class_map.class_index),
                         percent=percent_text(class_map.probability, decimals=1))
        figures.append(element("figure", image(pictures.heat_uri(contents.crop, class_map), what, class_="picture")
                               + element("figcaption", text(caption))))
    return element("section", element("h2", text(phrase("cam_title", lang)))
                   + element("div", "".join(figures), class_="row"), id="cam")


def _importance(contents: ReportContents, lang: str) -> str:
    result = contents.importance
    head = result.heads.index("main")
    drops = result.drops[:, :, head]
    scale = float(np.nanmax(np.abs(drops))) or 1.0
    rows = []
    for m, module in enumerate(result.modules):
        cells = [element("td", text(module))] + [_drop_cell(float(drops[m, b]), scale)
                                                 for b in range(len(result.branches))]
        rows.append(cells)
    header = [phrase("col_module", lang), *(BRANCH_TITLES.get(b, b) for b in result.branches)]
    chosen = ["chosen" if module == contents.layer else None for module in result.modules]
    markup = table(header, rows, chosen, class_="importance")
    label = contents.labels.get(result.classes["main"], result.classes["main"])
    intro = phrase("importance_intro", lang, label=label)
    return element("section", element("h2", text(phrase("importance_title", lang)))
                   + element("p", text(intro), class_="caption")
                   + markup, id="importance")


def _drop_cell(drop: float, scale: float) -> str:
    strength = min(1.0, abs(drop) / scale)
    colour = f"rgba(179, 38, 30, {0.08 + 0.6 * strength:.2f})" if drop > 0 else "transparent"
    return element("td", text(f"{drop * 100:+.1f}"), class_="num", style=f"background: {colour}")
