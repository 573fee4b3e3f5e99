"""Keeping a long run's memory down, where the models' runtime would otherwise keep what it freed.

Measured on the open ECB+ articles with NLI (benchmarks/memory.py prints the figures): judging
grew the process by about 1 GB. Two causes, two remedies:

- oneDNN, under torch on CPU, compiles a kernel for every input shape it meets and caches up to
  1,024 of them; news sentences come in every length, so nearly every batch is a new shape.
  A cache of ``KERNEL_CACHE`` shapes holds what is reused (the same length again in one
  batch run) and costs no time here.
- glibc keeps freed blocks of the heap for reuse instead of returning them; ``release`` hands
  them back after each cluster, as a long-running server would.
"""

from __future__ import annotations

import ctypes
import os
import sys
from functools import lru_cache

KERNEL_CACHE = 16


def limit_kernel_cache() -> None:
    """Cap oneDNN's kernel cache unless the user chose a size; read by oneDNN when it first
    runs, so it is set before a model is used."""
    os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", str(KERNEL_CACHE))


@lru_cache(maxsize=1)
def _libc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:  # musl or another libc: nothing to trim
        return None


def release() -> None:
    """Return the heap's free memory to the system (glibc only; elsewhere nothing)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
