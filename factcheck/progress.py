"""Progress bars on stderr: documents parsed, clusters judged.

tqdm (already installed with transformers) draws them. They are on
when stderr is a terminal, or when asked for (``--progress``); ``--quiet`` turns them off. A
disabled Progress costs nothing, so the pipeline can always take one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class Progress:
    enabled: bool
    stream: TextIO | None = None  # None: sys.stderr at the time of use

    @classmethod
    def choose(cls, requested: bool | None, quiet: bool, stream: TextIO | None = None) -> Progress:
        """``requested``: True (--progress), False, or None (on when the stream is a terminal)."""
        out = stream or sys.stderr
        if quiet:
            return cls(False)
        if requested is None:
            requested = bool(getattr(out, "isatty", lambda: False)())
        return cls(bool(requested), stream)

    @contextmanager
    def stage(self, what: str, total: int, unit: str) -> Iterator[Callable[[int], None]]:
        """A bar for one stage; the yielded function advances it (by 1 unless told)."""
        if not self.enabled:
            yield lambda n=1: None
            return
        from tqdm import tqdm

        with tqdm(total=total, desc=what, unit=unit, file=self.stream or sys.stderr, leave=False,
                  dynamic_ncols=True, mininterval=0.2) as bar:
            yield lambda n=1: bar.update(n)
