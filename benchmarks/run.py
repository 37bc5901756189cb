"""Run the benchmark suite: ``python -m benchmarks.run [--quick] [--cases 1,2] [--reps N] [--out FILE]``.

Each (case, variant) runs in its own subprocess; variants are interleaved inside each
repetition (A B C, A B C, ...) so a noisy neighbour slows every contender alike.  The
table gives medians over repetitions and ratios against the reference measured in the
same run; the JSON file keeps every raw sample.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .fixtures import build_workdir
from .report import CASES, format_table, summarize, variants_for

ROOT = Path(__file__).resolve().parents[1]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and iterations (~3 min)")
    parser.add_argument("--cases", default="1,2,3,4,5,6", help="comma-separated case numbers (7 = RSS of 2-4)")
    parser.add_argument("--reps", type=int, default=None, help="repetitions per variant (default 5, quick 2)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "latest.json"))
    parser.add_argument("--workdir", default=None, help="where weights and JPEGs are generated (default: temp)")
    parser.add_argument("--variants", default=None, help="comma-separated variant filter (e.g. ours,onnxruntime)")
    return parser.parse_args(argv)


def run_variant(case: str, variant: str, manifest_path: Path, iters: int) -> dict:
    """One fresh process; returns its metrics (or ``error``/``unavailable``)."""
    # No ONNX graph cache unless a variant asks for one (case 3 "cli"): timings stay cold and
    # nothing is written to the user's cache folder.
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               GOOGLENET_GUI_CACHE="off")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "benchmarks.worker", case, variant, str(manifest_path), str(iters)],
                          capture_output=True, text=True, env=env, cwd=str(ROOT), check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    result = json.loads(lines[-1][7:]) if lines else {"error": done.stderr.strip()[-300:] or f"exit {done.returncode}"}
    result["process_s"] = time.perf_counter() - start
    return result


def compile_sources() -> None:
    """Byte-compile the app and the benchmarks, as ``pip install`` does for an installed app.

    WHY: the children import the working tree, and with PYTHONDONTWRITEBYTECODE set (as
    on this machine) every process would recompile ~90 modules, about 0.2 s of start-up
    that no installed copy pays.
    """
    import compileall

    for folder in ("googlenet_gui", "benchmarks"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    reps = args.reps or (2 if args.quick else 5)
    wanted = [c.strip() for c in args.cases.split(",") if c.strip()]
    only = set(args.variants.split(",")) if args.variants else None
    # A private folder per run: two runs sharing inputs would rebuild them under each other.
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="googlenet_gui_bench_"))
    folder_images = 32 if args.quick else 256
    print(f"preparing inputs in {workdir} ({folder_images} JPEGs) ...", flush=True)
    build_workdir(workdir, folder_images)
    compile_sources()
    manifest_path = workdir / "manifest.json"
    plan = [(case, variant, CASES[case]["iters"][args.quick]) for case in wanted if case in CASES
            for variant in variants_for(case, args.quick) if only is None or variant in only]
    samples: dict[str, dict[str, list[dict]]] = {}
    for rep in range(reps):
        for case, variant, iters in plan:
            result = run_variant(case, variant, manifest_path, iters)
            samples.setdefault(case, {}).setdefault(variant, []).append(result)
            shown = {k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()}
            print(f"[rep {rep + 1}/{reps}] case {case} {variant}: {shown}", flush=True)
    summary = summarize(samples)
    print()
    print(format_table(summary))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    record = {"machine": {"platform": platform.platform(), "python": platform.python_version(),
                          "cpus": os.cpu_count(), "torch": _version("torch"), "onnxruntime": _version("onnxruntime")},
              "quick": args.quick, "reps": reps, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "summary": summary, "samples": samples}
    out.write_text(json.dumps(record, indent=1))
    print(f"\nwrote {out}")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _version(name: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # noqa: BLE001 - not installed
        return None


if __name__ == "__main__":
    sys.exit(main())
