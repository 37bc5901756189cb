"""The lesson's steps as data: each one's words (English and Korean), its numbers and the view it drives.

:func:`build_lesson` reads the loaded model's live Table 1 (``count_ops``) and its
receptive-field geometry and fills every step; the window (``ui/lesson``), the
``lesson`` command and ``gg.lesson`` all show the same :class:`Lesson`.  A step's
:class:`Target` is plain data (a tab key, a layer, a head, rows to highlight) so the
core never knows about widgets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from googlenet_gui.core.explain.receptive import Geometry, trunk_geometry
from googlenet_gui.core.inference.results import HeadResult, percent_text
from googlenet_gui.core.lesson import numbers
from googlenet_gui.core.lesson.text import COLUMNS, LANGUAGES, PHRASES, TEXT, check_lang
from googlenet_gui.core.network.spec import AUX_ATTACH, BRANCH_NAMES
from googlenet_gui.core.opcount import paper as table1
from googlenet_gui.core.opcount.shapes import conv_macs, reduction_example
from googlenet_gui.core.opcount.table import OpsTable, count_ops
from googlenet_gui.core.training.steps import AUX_WEIGHT

Cell = str | int | float
#: The module of the seeds' worked example (14x14x480 in, #5x5 reduce 16, #5x5 48) and the one the branches step opens.
EXAMPLE_MODULE = "inception4a"
BRANCHES_MODULE = "inception4c"
STEM: tuple[str, ...] = ("conv1", "maxpool1", "conv2", "conv3", "maxpool2")


@dataclass(frozen=True)
class Target:
    """What a step shows in the window: a tab (``explorer``, ``explain`` or ``ops``) and what to pick there."""

    tab: str
    layer: str | None = None  # explorer: the module or stem layer
    branch: str | None = None  # explorer: the branch whose channel opens (``BRANCH_NAMES``)
    head: str | None = None  # explain: the head whose CAM atlas is shown
    rows: tuple[str, ...] = ()  # ops: the Table 1 rows to highlight
    unit_field: bool = False  # explorer: outline the centre unit's receptive field

    def to_json(self) -> dict[str, Any]:
        return {"tab": self.tab, "layer": self.layer, "branch": self.branch, "head": self.head,
                "rows": list(self.rows), "unit_field": self.unit_field}


@dataclass(frozen=True)
class Step:
    """One step: ``title``/``body``/``columns`` per language, plain ``rows``, and the raw ``numbers``."""

    key: str
    title: Mapping[str, str]
    body: Mapping[str, str]
    columns: Mapping[str, tuple[str, ...]]
    rows: tuple[tuple[Cell, ...], ...]
    target: Target
    numbers: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self, lang: str) -> dict[str, Any]:
        return {"key": self.key, "title": self.title[lang], "body": self.body[lang],
                "columns": list(self.columns[lang]),
                "rows": [[c[lang] if isinstance(c, dict) else c for c in r] for r in self.rows],
                "target": self.target.to_json(), "numbers": dict(self.numbers)}


@dataclass(frozen=True)
class Lesson:
    """Every step for one model, and the language to read them in (each step keeps both)."""

    steps: tuple[Step, ...]
    lang: str = "en"

    def step(self, key: str) -> Step:
        return next(s for s in self.steps if s.key == key)

    def to_json(self) -> dict[str, Any]:
        return {"lang": self.lang, "steps": [s.to_json(self.lang) for s in self.steps]}

    def to_text(self) -> str:
        """Every step as the terminal shows it: title, paragraphs, then the table."""
        out = []
        for number, step in enumerate(self.steps, 1):
            out += [f"{number}/{len(self.steps)}  {step.title[self.lang]}", "", step.body[self.lang], "",
                    _text_table(step.columns[self.lang], step.rows, self.lang), ""]
        return "\n".join(out).rstrip() + "\n"


# ------------------------------------------------------------------ building
def lesson(loaded: Any, lang: str = "en", heads: Mapping[str, HeadResult] | None = None,
           table: OpsTable | None = None) -> Lesson:
    """The lesson for a ``LoadedModel`` (``gg.lesson``); ``heads`` (one image's classification) fills the aux step.

    ``table`` reuses a live Table 1 already counted (the window has one); otherwise it is counted
    at the model's own crop size.
    """
    check_lang(lang)
    model = loaded.model
    table = table or count_ops(model, image_size=int(loaded.preprocessing.crop))
    return Lesson(build_steps(model, table, heads or {}), lang)


def build_steps(model: Any, table: OpsTable, heads: Mapping[str, HeadResult]) -> tuple[Step, ...]:
    """Every step of the lesson from the model's Table 1, geometry and (maybe) one image's heads."""
    geometry = trunk_geometry(model)
    facts = _Facts(table, geometry, numbers.module_inputs(table))
    makers = (_stem, _module, _every_module, _branches, _atlas, _receptive, _aux, _gap, _table1)
    return tuple(maker(facts, heads) if maker is _aux else maker(facts) for maker in makers)


@dataclass(frozen=True)
class _Facts:
    table: OpsTable
    geometry: dict[str, Geometry]
    inputs: dict[str, tuple[int, int, int]]

    @property
    def size(self) -> int:
        return self.table.image_size

    def present(self, names: tuple[str, ...]) -> list[str]:
        have = {r.name for r in self.table.rows}
        return [n for n in names if n in have]

    def inception(self, preferred: str) -> str:
        rows = numbers.inception_rows(self.table)
        return preferred if any(r.name == preferred for r in rows) else rows[0].name


def _step(key: str, rows: list[tuple[Cell, ...]], target: Target, values: Mapping[str, Any],
          phrases: Mapping[str, Mapping[str, str]] | None = None) -> Step:
    """A step whose text is filled with ``values`` (the same in both languages) and per-language ``phrases``."""
    title, body = {}, {}
    for lang in LANGUAGES:
        fill = {**values, **{k: v[lang] for k, v in (phrases or {}).items()}}
        title[lang], text = TEXT[key][lang]
        body[lang] = text.format(**fill)
    raw = {k: v for k, v in values.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    return Step(key, title, body, COLUMNS[key], tuple(rows), target, raw)


def _stem(facts: _Facts) -> Step:
    stem = facts.present(STEM)
    rows = [_layer_row(facts, name) for name in stem]
    last = facts.table.row(stem[-1])
    values = {"size": facts.size, "stem_out": hwc(last.output), "stem_rf": last.receptive_field,
              "stem_jump": last.jump}
    return _step("stem", rows, Target("explorer", layer=stem[0]), values)


def _layer_row(facts: _Facts, name: str) -> tuple[Cell, ...]:
    row = facts.table.row(name)
    return (name, hwc(row.output), row.receptive_field or "", row.jump or "", row.params, megas(row.macs))


def _module(facts: _Facts) -> Step:
    example_naive, example_reduced = reduction_example()
    example_reduce = conv_macs(14, 14, 480, 16, 1)
    name = facts.inception(EXAMPLE_MODULE)
    row = facts.table.row(name)
    h, w, c = facts.inputs[name]
    kernel = _five_kernel(row, (h, w, c))
    naive, reduced = row.branch_naive_macs["5x5"], row.branch_macs["5x5"]
    rows = [(PHRASES["seed_row"], megas(example_naive), megas(example_reduced), ratio(example_naive, example_reduced)),
            ("model_row", megas(naive), megas(reduced), ratio(naive, reduced))]
    values = {"example_naive": megas(example_naive), "example_reduce": megas(example_reduce),
              "example_conv": megas(example_reduced - example_reduce), "example_reduced": megas(example_reduced),
              "example_ratio": ratio(example_naive, example_reduced), "m_input": hwc((h, w, c)),
              "m_kernel": kernel, "m_naive": megas(naive), "m_reduced": megas(reduced)}
    step = _step("module", [], Target("explorer", layer=name, branch="5x5"), values)
    raw = {"example_naive": example_naive, "example_reduced": example_reduced, "naive": naive, "reduced": reduced}
    return _with_rows(step, _localised_rows(rows, module=_short(name)), raw)


def _five_kernel(row, shape: tuple[int, int, int]) -> int:  # noqa: ANN001 - OpsRow
    """The 5x5 slot's kernel size from its naive count (torchvision keeps a 3x3 there)."""
    h, w, c = shape
    return round((row.branch_naive_macs["5x5"] / (h * w * c * row.filters["n5x5"])) ** 0.5)


def _every_module(facts: _Facts) -> Step:
    found = numbers.module_reductions(facts.table, facts.inputs)
    rows = [(_short(m.name), hwc(m.input), megas(m.naive_3x3), megas(m.reduced_3x3), megas(m.naive_5x5),
             megas(m.reduced_5x5), megas(m.naive), megas(m.reduced), f"{m.saving:.0%}") for m in found]
    total_naive, total_reduced = sum(m.naive for m in found), sum(m.reduced for m in found)
    best = max(found, key=lambda m: m.saving)
    values = {"modules": len(found), "total_naive": megas(total_naive), "total_reduced": megas(total_reduced),
              "total_saving": f"{1 - total_reduced / total_naive:.0%}", "best": _short(best.name),
              "best_saving": f"{best.saving:.0%}"}
    step = _step("every_module", rows, Target("ops", rows=tuple(m.name for m in found)), values)
    return _with_rows(step, rows, {"total_naive": total_naive, "total_reduced": total_reduced})


def _branches(facts: _Facts) -> Step:
    name = facts.inception(BRANCHES_MODULE)
    row = facts.table.row(name)
    channels = {"1x1": row.filters["n1x1"], "3x3": row.filters["n3x3"], "5x5": row.filters["n5x5"],
                "pool_proj": row.filters["pool_proj"]}
    rows = []
    for branch in BRANCH_NAMES:
        g = facts.geometry[f"{name}.{branch}"]
        rows.append((branch, channels[branch], g.receptive_field, g.jump, megas(row.branch_macs[branch])))
    fields = {f"rf_{b.replace('pool_proj', 'pool')}": facts.geometry[f"{name}.{b}"].receptive_field
              for b in BRANCH_NAMES}
    return _step("branches", rows, Target("explorer", layer=name), {"module": _short(name), **fields})


def _atlas(facts: _Facts) -> Step:
    rows = []
    for row in numbers.inception_rows(facts.table):
        rows.append((_short(row.name), f"{row.output[0]}×{row.output[1]}",
                     *(facts.geometry[f"{row.name}.{b}"].receptive_field for b in BRANCH_NAMES)))
    modules = numbers.inception_rows(facts.table)
    whole = next((r.name for r in modules if facts.geometry[r.name].receptive_field >= facts.size), modules[-1].name)
    return _step("atlas", rows, Target("explain", head="main"), {"size": facts.size, "whole": _short(whole)})


def _receptive(facts: _Facts) -> Step:
    g = facts.geometry
    trunk = [r for r in facts.table.rows if r.name in g]
    rows = [(r.name, hwc(r.output), g[r.name].receptive_field, g[r.name].jump) for r in trunk]
    inceptions = numbers.inception_rows(facts.table)
    stem_last = facts.present(STEM)[-1]
    mid, last = inceptions[len(inceptions) // 2].name, inceptions[-1].name
    values = {"first_rf": g[trunk[0].name].receptive_field, "stem_rf": g[stem_last].receptive_field,
              "mid": _short(mid), "mid_rf": g[mid].receptive_field, "last": _short(last),
              "last_rf": g[last].receptive_field, "last_jump": g[last].jump, "size": facts.size}
    return _step("receptive", rows, Target("explorer", layer=last, unit_field=True), values)


def _aux(facts: _Facts, heads: Mapping[str, HeadResult]) -> Step:
    present = [name for name in AUX_ATTACH if any(r.name == name for r in facts.table.rows)]
    rows = [(PHRASES["main"], "inception5b", 1.0, facts.table.row("fc").params, _top(heads.get("main")))]
    for name in present:
        rows.append((name, AUX_ATTACH[name], AUX_WEIGHT, facts.table.row(name).params, _top(heads.get(name))))
    values = {"weight": AUX_WEIGHT, **{f"{n}_at": _short(AUX_ATTACH[n]) for n in AUX_ATTACH},
              "aux1": "aux1", "aux2": "aux2"}
    phrases = {"aux_where": {lang: PHRASES["aux_where"][lang].format(**values) for lang in LANGUAGES},
               "aux_now": _aux_now(present, heads)}
    step = _step("aux", [], Target("explain", head="aux1" if present else "main"), values, phrases)
    return _with_rows(step, _localised_rows(rows), {"weight": AUX_WEIGHT})


def _aux_now(present: list[str], heads: Mapping[str, HeadResult]) -> dict[str, str]:
    if not present:
        return dict(PHRASES["aux_none"])
    if not heads:
        return dict(PHRASES["aux_no_image"])
    out = {}
    for lang in LANGUAGES:
        said = [PHRASES["pair"][lang].format(head=PHRASES["main"][lang] if h == "main" else h,
                                             label=heads[h].top[0].label,
                                             percent=percent_text(heads[h].top[0].probability))
                for h in ("main", *present) if h in heads and heads[h].top]
        out[lang] = PHRASES["aux_now"][lang].format(heads=", ".join(said))
    return out


def _top(head: HeadResult | None) -> str:
    if head is None or not head.top:
        return "—"
    return f"{head.top[0].label} {percent_text(head.top[0].probability)}"


def _gap(facts: _Facts) -> Step:
    paper = numbers.fc_instead_of_gap(*numbers.PAPER_MAP)
    h, w, c = numbers.last_map(facts.table)
    mine = numbers.fc_instead_of_gap(h, w, c)
    fc = facts.table.row("fc")
    rows = [("fc_instead", "paper_row", "1024", paper.fc_params),
            ("fc_instead", hwc((h, w, c)), "1024", mine.fc_params),
            ("gap_row", hwc((h, w, c)), str(c), 0),
            ("fc", str(c), str(fc.output[2]), fc.params)]
    values = {"paper_fc": f"{paper.fc_params:,}", "map": hwc((h, w, c)), "model_fc": f"{mine.fc_params:,}",
              "classifier": f"{fc.params:,}"}
    targets = tuple(n for n in ("avgpool", "dropout", "fc") if any(r.name == n for r in facts.table.rows))
    step = _step("gap", [], Target("ops", rows=targets), values)
    return _with_rows(step, _localised_rows(rows), {"paper_fc_params": paper.fc_params, "model_fc_params":
                                                    mine.fc_params, "gap_params": 0, "classifier_params": fc.params})


def _table1(facts: _Facts) -> Step:
    rows, names = [], []
    for row in facts.table.display_rows():
        if row.paper_params is None and row.paper_macs is None:
            continue
        names.append(row.name)
        rows.append((row.name, row.params, row.paper_params or "", megas(row.macs),
                     megas(row.paper_macs) if row.paper_macs else ""))
    paper_params, paper_macs = table1.paper_totals()
    t = facts.table
    values = {"params": f"{t.total_params_without_aux:,}", "paper_params": f"{paper_params:,}",
              "macs": megas(t.total_macs_without_aux), "paper_macs": megas(paper_macs)}
    step = _step("table1", rows, Target("ops", rows=tuple(names)), values)
    return _with_rows(step, rows, {"params": t.total_params_without_aux, "macs": t.total_macs_without_aux})


# ------------------------------------------------------------------ localised rows
def _localised_rows(rows: list[tuple], **fill: str) -> tuple[tuple, ...]:
    """Rows whose cells may be PHRASES keys (or per-language dicts): kept as ``{"en": .., "ko": ..}`` cells."""
    out = []
    for row in rows:
        cells = []
        for cell in row:
            if isinstance(cell, str) and cell in PHRASES:
                cell = {lang: PHRASES[cell][lang].format(**fill) for lang in LANGUAGES}
            elif isinstance(cell, dict):
                cell = {lang: cell[lang].format(**fill) for lang in LANGUAGES}
            cells.append(cell)
        out.append(tuple(cells))
    return tuple(out)


def _with_rows(step: Step, rows, raw: Mapping[str, Any]) -> Step:  # noqa: ANN001
    return Step(step.key, step.title, step.body, step.columns, tuple(tuple(r) for r in rows), step.target,
                {**step.numbers, **raw})


def cell_text(cell: Any, lang: str) -> str:
    """One table cell as text in ``lang`` (numbers with thousands separators)."""
    if isinstance(cell, dict):
        return cell[lang]
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int):
        return f"{cell:,}"
    if isinstance(cell, float):
        return f"{cell:g}"
    return str(cell)


def _text_table(columns: tuple[str, ...], rows: tuple[tuple, ...], lang: str = "en") -> str:
    cells = [list(columns)] + [[cell_text(c, lang) for c in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(columns))]
    return "\n".join("  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip() for r in cells)


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: Hangul and other wide characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# ------------------------------------------------------------------ formatting
def megas(value: int | None) -> str:
    """Multiply-adds in millions as the seeds write them: 112.9M."""
    return "" if value is None else f"{value / 1e6:,.1f}M"


def ratio(naive: int, reduced: int) -> str:
    return f"{naive / reduced:.1f}" if reduced else ""


def hwc(shape: tuple[int, ...] | None) -> str:
    return "×".join(map(str, shape)) if shape else ""


def _short(name: str) -> str:
    """``inception4a`` -> ``inception 4a`` for sentences."""
    return name.replace("inception", "inception ") if name.startswith("inception") else name
