"""Entry script of the PyInstaller build: the frozen ``googlenet-gui`` executable.

PyInstaller needs a script file, not an entry point; this one does what the
``googlenet-gui`` console script does, so the frozen app takes the same commands
(``classify``, ``ops``, ...) and the same app options as the pip-installed one.
"""

import multiprocessing
import sys

from googlenet_gui.cli.main import main

if __name__ == "__main__":
    # DataLoader workers started with the "spawn" method re-run this script.
    multiprocessing.freeze_support()
    sys.exit(main())
