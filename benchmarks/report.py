"""Case definitions, medians, same-run ratios and the Markdown table ``run`` prints."""

from __future__ import annotations

import statistics
from typing import Any

#: case -> variants (first = reference), quick subset, the headline metric, iterations (full, quick).
CASES: dict[str, dict[str, Any]] = {
    "1": {"title": "single image, model only (ms)", "metric": "latency_ms", "lower": True,
          "variants": ["torchvision", "onnxruntime", "ours", "ours-onnx", "ours-onnx-allmaps", "ours-onnx-heads",
                       "ours-notimings", "ours-direct", "ours-unfolded"],
          "quick": ["torchvision", "onnxruntime", "ours", "ours-onnx", "ours-onnx-allmaps"], "peer": "onnxruntime",
          "iters": {False: 30, True: 10}},
    "2": {"title": "1 MP JPEG to predictions + all branch mosaics (ms)", "metric": "latency_ms", "lower": True,
          "variants": ["torchvision-predict", "ours", "ours-onnx"], "iters": {False: 10, True: 3}},
    "3": {"title": "folder of JPEGs, decode included (images/s)", "metric": "images_per_s", "lower": False,
          "variants": ["torchvision-script", "onnxruntime-batched", "inprocess", "inprocess-onnx", "cli",
                       "cli-no-cache", "onnxruntime-process", "onnxruntime-process-first"],
          "peer": "onnxruntime-batched", "iters": {False: 1, True: 1}},
    "4": {"title": "fine-tuning, batch 16 at 96 px, all layers (images/s)", "metric": "images_per_s",
          "lower": False, "variants": ["plain-loop", "ours", "ours-contiguous"], "quick": ["plain-loop", "ours"],
          "iters": {False: 8, True: 3}},
    "5": {"title": "window: GUI gaps and drop to all views (ms)", "metric": "gui_gap_inference_ms", "lower": True,
          "variants": ["app", "app-onnx", "app-onnx-first", "app-all-threads"], "quick": ["app", "app-onnx"],
          "iters": {False: 6, True: 3}},
    "6": {"title": "start-up (s)", "metric": "first_prediction_s", "lower": True, "variants": ["app", "app-onnx", "app-no-preload"],
          "iters": {False: 1, True: 1}},
}

#: (case, variant, metric, comparison, bound, against): ratio or absolute targets from issue 6.
TARGETS: list[tuple[str, str, str, str, float, str | None]] = [
    ("1", "ours", "latency_ms", "<=", 1.1, "onnxruntime"),
    ("1", "ours-onnx", "latency_ms", "<=", 1.1, "onnxruntime"),
    ("1", "ours-onnx", "x_peer_same_process", "<=", 1.1, None),  # the same, peer timed alongside
    ("3", "cli", "images_per_s", ">=", 1.0, "onnxruntime-batched"),
    ("3", "cli", "images_per_s", ">=", 1.0, "onnxruntime-process"),  # both as whole processes
    ("3", "cli-no-cache", "images_per_s", ">=", 1.0, "onnxruntime-batched"),  # torch's import: missed
    ("3", "cli-no-cache", "images_per_s", ">=", 1.0, "onnxruntime-process-first"),  # both export first
    ("3", "inprocess", "images_per_s", ">=", 1.0, "onnxruntime-batched"),
    ("3", "inprocess-onnx", "images_per_s", ">=", 1.0, "onnxruntime-batched"),
    ("4", "ours", "images_per_s", ">=", 0.95, "plain-loop"),
    ("5", "app", "gui_gap_inference_ms", "<=", 50.0, None),
    ("5", "app", "gui_gap_finetune_ms", "<=", 50.0, None),
    ("5", "app", "gui_gap_finetune_tab_ms", "<=", 50.0, None),  # opening the tab prepares training
    ("5", "app", "drop_to_views_ms", "<=", 150.0, None),
    ("5", "app-onnx", "gui_gap_inference_ms", "<=", 50.0, None),
    ("5", "app-onnx", "gui_gap_after_first_image_ms", "<=", 50.0, None),  # torch loads behind the quick answer
    ("5", "app-onnx-first", "gui_gap_after_first_image_ms", "<=", 50.0, None),  # the worker writes the graph
    ("5", "app-onnx-first", "gui_gap_inference_ms", "<=", 50.0, None),
    ("5", "app-onnx", "drop_to_views_ms", "<=", 150.0, None),
    ("6", "app", "window_shown_s", "<=", 2.0, None),
    ("6", "app", "first_prediction_s", "<=", 4.0, None),
    ("6", "app-onnx", "window_shown_s", "<=", 2.0, None),
    ("6", "app-onnx", "first_prediction_s", "<=", 4.0, None),
]


def variants_for(case: str, quick: bool) -> list[str]:
    spec = CASES[case]
    return spec.get("quick", spec["variants"]) if quick else spec["variants"]


def summarize(samples: dict[str, dict[str, list[dict]]]) -> dict[str, Any]:
    """Median of every numeric metric per (case, variant), ratios to the reference, target verdicts."""
    medians: dict[str, dict[str, dict[str, Any]]] = {}
    for case, by_variant in samples.items():
        for variant, runs in by_variant.items():
            good = [r for r in runs if "error" not in r and "unavailable" not in r]
            entry: dict[str, Any] = {"runs": len(good)}
            if not good:
                entry["problem"] = runs[-1].get("unavailable") or runs[-1].get("error")
            keys = {k for r in good for k, v in r.items() if isinstance(v, (int, float)) and k != "process_s"}
            for key in sorted(keys):
                entry[key] = statistics.median(r[key] for r in good if key in r)
            medians.setdefault(case, {})[variant] = entry
    return {"medians": medians, "ratios": _ratios(medians, samples), "targets": _targets(medians, samples)}


def _ratio(medians: dict, case: str, variant: str, other: str, metric: str,
           samples: dict | None = None) -> float | None:
    """Median over repetitions of the per-repetition ratio (pairs measured minutes apart).

    WHY: on a shared machine the load changes between repetitions; a ratio of medians
    could pair a quiet sample with a loaded one.  Falls back to the ratio of medians.
    """
    runs = (samples or {}).get(case, {})
    pairs = [(a.get(metric), b.get(metric)) for a, b in zip(runs.get(variant, []), runs.get(other, []))]
    ratios = [a / b for a, b in pairs if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b]
    if ratios:
        return statistics.median(ratios)
    mine = medians.get(case, {}).get(variant, {}).get(metric)
    theirs = medians.get(case, {}).get(other, {}).get(metric)
    return mine / theirs if mine and theirs else None


def _ratios(medians: dict, samples: dict) -> dict[str, dict[str, dict[str, float | None]]]:
    """``ratios[case][variant] = {"vs_ref": x, "vs_peer": y}`` on the case's headline metric."""
    out: dict[str, dict[str, dict[str, float | None]]] = {}
    for case, by_variant in medians.items():
        spec = CASES[case]
        ref = spec["variants"][0]
        for variant in by_variant:
            out.setdefault(case, {})[variant] = {
                "vs_ref": _ratio(medians, case, variant, ref, spec["metric"], samples),
                "vs_peer": (_ratio(medians, case, variant, spec["peer"], spec["metric"], samples)
                            if "peer" in spec else None)}
    return out


def _targets(medians: dict, samples: dict) -> list[dict[str, Any]]:
    verdicts = []
    for case, variant, metric, op, bound, against in TARGETS:
        value = (_ratio(medians, case, variant, against, metric, samples) if against
                 else medians.get(case, {}).get(variant, {}).get(metric))
        met = None if value is None else (value <= bound if op == "<=" else value >= bound)
        verdicts.append({"case": case, "variant": variant, "metric": metric, "value": value,
                         "target": f"{op} {bound}" + (f" x {against}" if against else ""), "met": met})
    return verdicts


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}" if abs(value) < 100 else f"{value:.0f}"


def format_table(summary: dict[str, Any]) -> str:
    """Markdown: one row per (case, variant) with every median metric, then the target verdicts."""
    lines = ["| case | variant | median | x reference | x peer | peak RSS MiB | other medians |",
             "|---|---|---|---|---|---|---|"]
    for case, by_variant in summary["medians"].items():
        spec = CASES[case]
        for variant, entry in by_variant.items():
            ratio = summary["ratios"][case][variant]
            if "problem" in entry:
                lines.append(f"| {case} {spec['title']} | {variant} | n/a: {entry['problem'][:80]} | | | | |")
                continue
            extra = ", ".join(f"{k}={_fmt(v)}" for k, v in entry.items()
                              if k not in (spec["metric"], "runs", "peak_rss_mb", "seconds"))
            lines.append(f"| {case} {spec['title']} | {variant} | {_fmt(entry.get(spec['metric']))} | "
                         f"{_fmt(ratio['vs_ref'])} | {_fmt(ratio['vs_peer'])} | "
                         f"{_fmt(entry.get('peak_rss_mb'), 0)} | {extra} |")
    lines += ["", "| target | value | met |", "|---|---|---|"]
    for verdict in summary["targets"]:
        met = {True: "yes", False: "NO", None: "not measured"}[verdict["met"]]
        lines.append(f"| case {verdict['case']} {verdict['variant']} {verdict['metric']} {verdict['target']} | "
                     f"{_fmt(verdict['value'])} | {met} |")
    return "\n".join(lines)
