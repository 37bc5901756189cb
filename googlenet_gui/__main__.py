"""``python -m googlenet_gui`` behaves like the ``googlenet-gui`` command."""

import sys

from googlenet_gui.cli.main import main

sys.exit(main())
