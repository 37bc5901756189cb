"""Starting a fine-tune must not import the training code (and torchvision) on the GUI thread.

Importing ``core.training`` pulls in torchvision, about 2 s on a small machine; done in
the Start click's slot it froze the window that long (benchmark case 5 measured 2.2 s).
"""

from __future__ import annotations

import subprocess
import sys


def test_training_code_is_imported_by_the_job_not_by_the_click():
    code = (
        "import sys, threading\n"
        "from googlenet_gui.ui.training.panel import _finetune_job\n"
        "from googlenet_gui.core.training.events import FinetuneConfig\n"
        "job = _finetune_job(FinetuneConfig(out='x.pth', data_dir='missing'), None)\n"
        "generator = job(None)\n"
        "print('training' in ' '.join(m for m in sys.modules if m.startswith('googlenet_gui.core.training.steps')),\n"
        "      'googlenet_gui.core.training.finetune' in sys.modules, 'torchvision' in sys.modules)\n"
        "seen = []\n"
        "def worker():\n"
        "    try:\n"
        "        next(generator)\n"
        "    except Exception:\n"
        "        pass\n"
        "    seen.append('googlenet_gui.core.training.finetune' in sys.modules)\n"
        "thread = threading.Thread(target=worker); thread.start(); thread.join()\n"
        "print(seen[0])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    before, after = result.stdout.split("\n")[:2]
    assert before == "False False False"  # creating the job imported nothing heavy
    assert after == "True"  # the worker's first step did
