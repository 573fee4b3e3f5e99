"""Which reduced precision runs fastest on this CPU, for the NLI model and the sentence encoder
alike; kept apart from both so that a run without NLI never imports the NLI module."""

from __future__ import annotations


def has_amx() -> bool:
    """Whether the CPU has AMX tiles, on which bfloat16 was measured fastest (models/README.md);
    bfloat16 without them was not measured, so there the NLI model keeps int8 and the sentence
    encoder its int8 export.

    On Linux the kernel lists the CPU's flags: without ``amx_tile`` there is no AMX, and torch
    (1.6 s to import) is not needed to say so; a run without the NLI stage then never imports it."""
    if not _may_have_amx():
        return False
    import torch

    try:
        return bool(torch.cpu._is_amx_tile_supported())
    except (AttributeError, RuntimeError):  # an older torch: no way to tell, keep int8
        return False


def _may_have_amx() -> bool:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return "amx_tile" in line.split()
    except OSError:  # not Linux: ask torch
        pass
    return True
