"""A read-only mapping whose values are made on first access, then kept.

WHY: one inspected image yields about forty arrays (every stem layer and Inception
module), but the window shows one layer at a time.  Where turning a raw output into
what a viewer reads costs real time (ONNX Runtime's blocked channel layout, see
``onnx_blocked``), the result holds how to make each value and makes only those that
are read.  Reading every value gives exactly what an eager dict would have held.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

V = TypeVar("V")


class LazyMapping(Mapping[str, V]):
    """``{name: make()}`` where each ``make`` runs at most once, on the first read of its name.

    Thread-safe: the engine's worker and the GUI thread may both read one result.
    """

    def __init__(self, makers: Mapping[str, Callable[[], V]]) -> None:
        self._makers = dict(makers)
        self._made: dict[str, V] = {}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> V:
        try:
            return self._made[name]
        except KeyError:
            pass
        make = self._makers[name]  # KeyError for a name this mapping does not hold
        with self._lock:
            if name not in self._made:
                self._made[name] = make()
            return self._made[name]

    def __contains__(self, name: object) -> bool:  # Mapping's own would make the value
        return name in self._makers

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)

    def made(self) -> list[str]:
        """Names whose values exist already (for tests and benchmarks)."""
        return [name for name in self._makers if name in self._made]

    def __repr__(self) -> str:
        return f"LazyMapping({list(self._makers)}, made={self.made()})"
