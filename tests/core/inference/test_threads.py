"""The thread policy applies before torch is imported without importing it (start-up)."""

from __future__ import annotations

import os
import subprocess
import sys


def _run(code: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "GOOGLENET_GUI_THREADS")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={**environment, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_policy_before_torch_sets_the_openmp_default_and_torch_honours_it():
    code = ("import sys\nfrom googlenet_gui.core.inference.threads import apply_thread_policy\n"
            "chosen = apply_thread_policy(gui=True)\nprint('torch' in sys.modules, chosen)\n"
            "import torch\nprint(torch.get_num_threads())")
    imported, chosen, torch_threads = _run(code, GOOGLENET_GUI_THREADS="1")
    assert imported == "False" and chosen == torch_threads == "1"


def test_a_users_openmp_setting_is_left_alone():
    code = ("from googlenet_gui.core.inference.threads import apply_thread_policy\n"
            "print(apply_thread_policy(gui=True))\nimport torch\nprint(torch.get_num_threads())")
    assert _run(code, OMP_NUM_THREADS="2", GOOGLENET_GUI_THREADS="1") == ["2", "2"]
