"""Core tests run without Qt (tests/core/test_layering.py proves core never imports it)."""

from __future__ import annotations

import torch

torch.set_num_threads(1)
