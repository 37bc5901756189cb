"""``python -S benchmarks/launch.py OUT COMMAND...``: run COMMAND, write its time and peak RSS to OUT.

WHY a separate small process: ``getrusage(RUSAGE_CHILDREN)`` counts what a child shared
with its parent before ``exec``, so a benchmark worker holding torch (~530 MiB) reported
its own size for every smaller child (the CLI on a prepared checkpoint and the ONNX
Runtime script both read 527 MiB, against 455 and 275 MiB under ``/usr/bin/time``).  This
launcher is stdlib only and run without ``site`` (~10 MiB), so what it reads is the
child's own peak.  Its exit status is the child's; stdout and stderr pass through.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    out, command = argv[0], argv[1:]
    start = time.perf_counter()
    code = subprocess.call(command)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mb = peak / (1024.0 * 1024.0) if sys.platform == "darwin" else peak / 1024.0
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"seconds": seconds, "peak_rss_mb": peak_mb, "returncode": code}, handle)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
