"""Which reduced precision runs fastest on this CPU, for the NLI model and the sentence encoder
alike; kept apart from both so that a run without NLI never imports the NLI module."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def has_amx() -> bool:
    """Whether the CPU has AMX tiles, on which bfloat16 was measured fastest (models/README.md);
    bfloat16 without them was not measured, so there the NLI model keeps int8 and the sentence
    encoder its int8 export. Asked once a process: the encoder and the NLI model both ask."""
    import torch

    try:
        return bool(torch.cpu._is_amx_tile_supported())
    except (AttributeError, RuntimeError):  # an older torch: no way to tell, keep int8
        return False
