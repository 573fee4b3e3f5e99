"""Do two claims state the same fact? A cross-encoder that reads both sentences at once.

The logistic model of samefact.py weighs frame and word features of a pair; it cannot tell a
restatement in other words ("Roughly 70 jets were kept on high alert" / "NATO has over 100
jets on high alert") from another fact of the same story that shares its words ("hosted the
Tony awards three times" / "hosted the ceremony five times"). A cross-encoder attends across
the two sentences and can. It is MiniLM (the shipped NLI model) fine-tuned by
``models/train_crossfact.py`` on the labelled pairs of ``models/fit_samefact.py`` and ships in
``models/factcheck-samefact-minilm`` (safetensors, with its Platt calibration in JSON).

The values are hidden from it, as from the logistic model: the claim is replaced by a marker
that keeps only what is counted ("[# jet]", "[date]") and every other numeral is masked, so
the model says whether the two claims are about one fact, never whether their values agree.
It rescores each claim's few best candidates by the logistic model (align.py), so its cost
grows with the claims, not with their pairs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from .errors import FactcheckError
from .samefact import masked
from .types import Claim, Document, QuantityClaim, TimeClaim

CALIBRATION_FILE = "factcheck_calibration.json"
# words kept on each side of the claim: news sentences run long, and the words far from the
# claim rarely say which fact it states; two windows of this size fit max_length
WINDOW = 24


def _shipped_dir() -> Path:
    here = Path(__file__).resolve().parent
    checkout = here.parent / "models" / "factcheck-samefact-minilm"
    return checkout if checkout.is_dir() else here / "shipped_samefact"


SHIPPED_DIR = _shipped_dir()

def marker(claim: Claim) -> str:
    """What the claim is about without its value: "[# jet]", "[# USD]", "[date]"."""
    if isinstance(claim, TimeClaim):
        return f"[{claim.type.lower()}]"
    if isinstance(claim, QuantityClaim):
        unit = claim.unit or ""
        return f"[# {unit}]".replace(" ]", "]")
    return "[#]"


def marked(claim: Claim, text: str) -> str:
    """The claim's sentence (a window of it) with the claim replaced by its ``marker`` and
    every other numeral masked; ``text`` is the document text the offsets point into."""
    before = text[claim.sentence_start:claim.start].split()[-WINDOW:]
    after = text[claim.end:claim.sentence_end].split()[:WINDOW]
    out = " ".join([*before, marker(claim), *after])
    return masked(out)


class SameFactCrossEncoder:
    """``predict([(marked_a, marked_b), ...])`` -> P(same fact) per pair, calibrated."""

    def __init__(self, model, tokenizer, *, a: float = 1.0, b: float = 0.0, max_length: int = 160,
                 batch_size: int = 32):
        self.model = model
        self.tokenizer = tokenizer
        self.a, self.b = a, b  # Platt scaling of the logit, fitted out of fold
        self.max_length = max_length
        self.batch_size = batch_size

    @classmethod
    def load(cls, path: str | Path | None = None) -> SameFactCrossEncoder:
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:  # pragma: no cover - dependencies
            raise FactcheckError(f"the same-fact model needs torch and transformers: {exc}") from None
        src = Path(path) if path is not None else SHIPPED_DIR
        if not (src / "config.json").is_file():
            raise FactcheckError(f"same-fact model not found: {src} (no config.json)")
        verbosity = hf_logging.get_verbosity()
        hf_logging.set_verbosity_error()
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(src), local_files_only=True)
            model = AutoModelForSequenceClassification.from_pretrained(
                str(src), local_files_only=True, use_safetensors=True, dtype=torch.float32)
        except Exception as exc:
            raise FactcheckError(f"cannot load same-fact model {src}: {str(exc).splitlines()[0]}") from None
        finally:
            hf_logging.set_verbosity(verbosity)
        model.eval()
        cal = {}
        if (src / CALIBRATION_FILE).is_file():
            cal = json.loads((src / CALIBRATION_FILE).read_text("utf-8"))
        return cls(model, tokenizer, a=float(cal.get("a", 1.0)), b=float(cal.get("b", 0.0)))

    def logits(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Raw scores, both orders averaged: the model is symmetric by construction."""
        import torch

        pairs = list(pairs)
        if not pairs:
            return np.zeros(0, dtype=np.float32)
        both = pairs + [(b, a) for a, b in pairs]
        enc = self.tokenizer([x for x, _ in both], [y for _, y in both], truncation=True,
                             max_length=self.max_length)
        ids, types = enc["input_ids"], enc["token_type_ids"]
        order = sorted(range(len(both)), key=lambda k: len(ids[k]))
        out = np.zeros(len(both), dtype=np.float32)
        pad = self.tokenizer.pad_token_id or 0
        with torch.inference_mode():
            for i in range(0, len(order), self.batch_size):
                idx = order[i:i + self.batch_size]
                width = max(len(ids[k]) for k in idx)
                x = torch.tensor([ids[k] + [pad] * (width - len(ids[k])) for k in idx])
                t = torch.tensor([types[k] + [0] * (width - len(types[k])) for k in idx])
                m = torch.tensor([[1] * len(ids[k]) + [0] * (width - len(ids[k])) for k in idx])
                z = self.model(input_ids=x, token_type_ids=t, attention_mask=m).logits[:, -1]
                out[idx] = z.float().numpy()
        n = len(pairs)
        return (out[:n] + out[n:]) / 2

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        z = self.logits(pairs)
        return 1.0 / (1.0 + np.exp(-(self.a * z + self.b)))



def pair_scorer(documents: Mapping[str, Document], model: Callable[[], SameFactCrossEncoder]):
    """``rescore`` for align.align: the cross-encoder's probability for claim pairs of these
    documents. ``model`` is called on the first pairs, so a set with none never loads it."""

    def score(pairs: Sequence[tuple[Claim, Claim]]) -> np.ndarray:
        return model().predict([(marked(a, documents[a.doc].text), marked(b, documents[b.doc].text))
                                for a, b in pairs])

    return score
