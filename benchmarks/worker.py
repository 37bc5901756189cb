"""One benchmark process: ``python -m benchmarks.worker CASE VARIANT MANIFEST ITERS``.

Prints one line ``RESULT {json}`` (metrics, or ``{"unavailable": reason}``) on stdout.
"""

from __future__ import annotations

import json
import sys
import time
import traceback

START = time.perf_counter()


def dispatch(case: str, variant: str, manifest: dict, iters: int) -> dict:
    if case == "1":
        from .model_cases import case1 as run
    elif case == "2":
        from .model_cases import case2 as run
    elif case == "3":
        from .folder_cases import case3 as run
    elif case == "4":
        from .train_cases import case4 as run
    elif case == "5":
        from .gui_cases import case5 as run
    elif case == "6":
        from .gui_cases import case6 as run
    else:
        raise ValueError(f"unknown case {case}")
    return run(variant, manifest, iters)


def main(argv: list[str]) -> int:
    case, variant, manifest_path, iters = argv[:4]
    from .timing import Unavailable

    try:
        with open(manifest_path) as handle:
            manifest = json.load(handle)
        result = dispatch(case, variant, manifest, int(iters))
    except Unavailable as reason:
        result = {"unavailable": str(reason)}
    except Exception as error:  # reported in the table, the other cases still run
        traceback.print_exc(file=sys.stderr)
        result = {"error": f"{type(error).__name__}: {error}"}
    print("RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
