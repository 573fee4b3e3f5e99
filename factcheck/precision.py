"""Which reduced precision runs fastest on this CPU, and how many threads the models may use, for
the NLI model and the sentence encoder alike; kept apart from both so that a run without NLI
never imports the NLI module."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def _cpu_features() -> dict[str, bool]:
    try:
        from numpy._core._multiarray_umath import __cpu_features__
    except ImportError:  # numpy 1.x
        try:
            from numpy.core._multiarray_umath import __cpu_features__
        except ImportError:
            return {}
    return __cpu_features__


@lru_cache(maxsize=1)
def has_amx() -> bool:
    """Whether the CPU has AMX tiles, on which bfloat16 was measured fastest (models/README.md);
    bfloat16 without them was not measured, so there the NLI model keeps int8 and the sentence
    encoder its int8 export. Asked once a process: the encoder and the NLI model both ask.

    Every CPU with AMX also has AVX512-FP16 (Sapphire Rapids and later), which numpy reports:
    without it the answer is no, and torch, whose import is 1.2 s of a start, is not asked."""
    features = _cpu_features()
    if features and not (features.get("AVX512_SPR") or features.get("AVX512FP16")):
        return False
    import torch

    try:
        return bool(torch.cpu._is_amx_tile_supported())
    except (AttributeError, RuntimeError):  # an older torch: no way to tell, keep int8
        return False


def cpu_threads() -> int:
    """The CPU budget of a model run: torch's thread count when torch is loaded (a caller's
    torch.set_num_threads), else OMP_NUM_THREADS (what Ray sets for an actor of one CPU), else
    the CPUs this process may run on."""
    torch = sys.modules.get("torch")
    if torch is not None and hasattr(torch, "get_num_threads"):
        return max(1, torch.get_num_threads())
    try:
        return max(1, int(os.environ.get("OMP_NUM_THREADS", "")))
    except ValueError:
        pass
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def at_once(run: Callable[[T], R], items: Iterable[T], runs: int) -> list[R]:
    """``run`` over ``items``, ``runs`` of them at once in threads, results in order. For model
    runs too small to split across threads (one sentence, one pair), each on one ONNX Runtime
    thread: ONNX Runtime releases the GIL while it runs, and a session serves concurrent runs."""
    items = list(items)
    if runs <= 1 or len(items) <= 1:
        return [run(x) for x in items]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(runs, len(items))) as pool:
        return list(pool.map(run, items))
