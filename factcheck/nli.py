"""3-way natural language inference (entailment / neutral / contradiction) with a cross-encoder.

``NLIModel.load()`` loads the model factcheck ships (models/factcheck-nli-minilm, a fine-tuned
all-MiniLM-L6-v2); any Hugging Face sequence-classification NLI model with entailment / neutral /
contradiction labels (local directory, or a hub id when HF_HUB_OFFLINE is not set) works too.

Speed: pairs are sorted by token length and padded per batch. On CPU the default (``quantize=True``) is
reduced precision, the fastest variant measured that stays within a point of float32 on every benchmark set
(models/README.md):
- bfloat16 torch on a CPU with AMX matrix units (Intel Sapphire Rapids and later): about 2.5-3x float32,
  probabilities within 0.005 of it;
- elsewhere int8: the shipped model runs as ``model_int8.onnx`` on ONNX Runtime (int8 weights with one
  scale per output channel, the first layer and the last FFN output kept float32; made by
  models/export_onnx.py), another model directory or hub id as torch dynamic int8 with per-channel
  weights. int8 scales activations per run, so it scores one pair a run by default (``batch_size``):
  a pair's probabilities then never depend on the pairs scored beside it. On ONNX Runtime as many such
  runs go at once as the CPU budget allows (``precision.cpu_threads``), each on one thread, and neither
  torch nor transformers is imported (``_OnnxModel``, ``_PairTokenizer``).
``quantize=False`` runs float32 torch (batches of 32), whose scores do not depend on the batch either.

Empty strings: a pair whose premise or hypothesis is empty (or only whitespace) is scored as neutral,
(0, 1, 0), without running the model: an empty sentence neither supports nor contradicts anything.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Literal

import numpy as np

from .errors import FactcheckError
from .precision import at_once, cpu_threads
from .precision import has_amx as _has_amx


def _shipped_model_dir() -> Path:
    # A checkout (or editable install) has the model beside its recipe in models/; a wheel carries the
    # same files as package data (see pyproject.toml).
    here = Path(__file__).resolve().parent
    checkout = here.parent / "models" / "factcheck-nli-minilm"
    return checkout if checkout.is_dir() else here / "shipped_model"


SHIPPED_MODEL_DIR = _shipped_model_dir()
CALIBRATION_FILE = "factcheck_calibration.json"
ONNX_INT8_FILE = "model_int8.onnx"

_ALIASES = {
    "entailment": 0, "entails": 0, "entail": 0, "entailed": 0,
    "neutral": 1, "neither": 1,
    "contradiction": 2, "contradicts": 2, "contradict": 2, "contradictory": 2,
}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _label_order(id2label: dict) -> list[int]:
    """Model output column for each of LABELS, or FactcheckError."""
    found: dict[int, int] = {}
    names = {}
    for idx, lab in (id2label or {}).items():
        key = str(lab).strip().lower().replace("-", "_")
        names[int(idx)] = key
        if key in _ALIASES and _ALIASES[key] not in found:
            found[_ALIASES[key]] = int(idx)
    if len(found) == 3:
        return [found[0], found[1], found[2]]
    shown = ", ".join(names[i] for i in sorted(names)) or "none"
    if any("not_entail" in n or "non_entail" in n for n in names.values()):
        raise FactcheckError(
            f"NLI model is 2-way ({shown}); factcheck needs a 3-way entailment/neutral/contradiction model")
    raise FactcheckError(f"NLI model has no entailment/neutral/contradiction labels (it has: {shown})")


class NLIModel:
    """A cross-encoder NLI model: ``predict([(premise, hypothesis), ...])`` -> (n, 3) probabilities."""

    LABELS = ("entailment", "neutral", "contradiction")

    def __init__(self, model, tokenizer, name: str, *, device: str = "cpu", batch_size: int | None = None,
                 max_length: int = 256, contradiction_threshold: float | None = None, precision: str = "float32"):
        self.model = model
        self.precision = precision  # float32 | bf16 | int8: what load() chose
        self.tokenizer = tokenizer
        self.name = name
        self.device = device
        # int8 scales the activations of a run together, so in a batch a pair's scores would move
        # with the pairs beside it (by 0.001 on average, up to about 0.1): an int8 model scores one
        # pair a run. End to end that cost nothing here (462 ECB+ articles: 82.8 s against 86.4);
        # alone, benchmarks/nli_speed.py runs it at 115.8 pairs/s against 134.5 in batches of 32
        # (a scratch run with only this model loaded: 134.4 against 133.9)
        self.batch_size = max(1, int(batch_size)) if batch_size else (1 if precision == "int8" else 32)
        self.max_length = max_length
        self.contradiction_threshold = contradiction_threshold
        self._order = _label_order(getattr(model.config, "id2label", None))

    def __repr__(self) -> str:
        return f"NLIModel({self.name!r}, device={self.device!r})"

    @classmethod
    def load(cls, name_or_path: str | None = None, device: str = "cpu", batch_size: int | None = None, *,
             quantize: bool | Literal["int8"] = True, max_length: int = 256) -> "NLIModel":
        """Load a local model directory or a hub id (None: the model factcheck ships).

        quantize: on CPU (ignored on a GPU), bfloat16 where the CPU has AMX, else int8 (ONNX Runtime when
        the directory has model_int8.onnx, else torch dynamic int8); "int8": int8 whatever the CPU (to
        measure or calibrate the default of CPUs without AMX); False: float32.
        Raises FactcheckError (one line) for a missing or corrupt model or one without NLI labels.
        """
        if name_or_path is None:
            path = SHIPPED_MODEL_DIR
            if not (path / "config.json").is_file():
                raise FactcheckError(f"the shipped NLI model is missing ({path}); reinstall factcheck")
            source, local_only = str(path), True
        else:
            raw = str(name_or_path)
            path = Path(raw).expanduser()
            if path.exists():
                if not path.is_dir() or not (path / "config.json").is_file():
                    raise FactcheckError(f"NLI model path {raw} is not a model directory (no config.json)")
                source, local_only = str(path), True
            elif raw.startswith((".", "/", "~")) or os.path.isabs(raw) or raw.count("/") > 1 or "\\" in raw:
                raise FactcheckError(f"NLI model path not found: {raw}")
            else:  # a hub id such as "cross-encoder/nli-deberta-v3-small"
                source = raw
                local_only = os.environ.get("HF_HUB_OFFLINE", "").strip().lower() not in ("", "0", "false", "no")
        if device != "cpu" and not device.startswith(("cuda", "mps")):
            raise FactcheckError(f"unknown device {device!r} (use cpu, cuda or mps)")
        bf16 = quantize is True and device == "cpu" and _has_amx()
        int8 = bool(quantize) and device == "cpu" and not bf16
        precision = "bf16" if bf16 else "int8" if int8 else "float32"
        onnx_file = Path(source) / ONNX_INT8_FILE if local_only else None
        use_onnx = int8 and onnx_file is not None and onnx_file.is_file()
        one_pair_runs = (batch_size or 1) == 1  # int8's default batch (NLIModel.__init__)
        if use_onnx and (Path(source) / "tokenizer.json").is_file():
            # ONNX Runtime and the tokenizers library alone: importing torch and transformers
            # would be 2.2 s of every run with NLI, for nothing this model needs
            try:
                model = _OnnxModel(onnx_file, _read_config(Path(source)), one_pair_runs=one_pair_runs)
                tokenizer = _PairTokenizer(Path(source) / "tokenizer.json")
            except Exception as exc:
                raise FactcheckError(f"cannot load NLI model {name_or_path or source}: {_first_line(exc)}") from None
            _label_order(model.config.id2label)
            return cls(model, tokenizer, _named(name_or_path, Path(source), onnx_file, precision), device=device,
                       batch_size=batch_size, max_length=max_length,
                       contradiction_threshold=_threshold(Path(source), precision), precision=precision)
        try:
            import torch
            from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as exc:  # pragma: no cover - torch/transformers are dependencies
            raise FactcheckError(f"NLI needs torch and transformers: {_first_line(exc)}") from None

        from transformers.utils import logging as hf_logging

        from .memory import limit_kernel_cache

        limit_kernel_cache()
        verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        try:
            tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=local_only)
            if use_onnx:  # a directory with the ONNX file but no tokenizer.json
                model = _OnnxModel(onnx_file, AutoConfig.from_pretrained(source, local_files_only=True),
                                   one_pair_runs=one_pair_runs)
            else:
                model = AutoModelForSequenceClassification.from_pretrained(
                    source, local_files_only=local_only, use_safetensors=True, dtype=torch.float32)
        except Exception as exc:  # OSError, ValueError, safetensors/json errors: all mean "cannot load"
            hint = " (offline: only locally cached models)" if local_only and source == str(name_or_path) \
                and not Path(source).exists() else ""
            raise FactcheckError(f"cannot load NLI model {name_or_path or source}{hint}: {_first_line(exc)}") from None
        finally:
            hf_logging.set_verbosity(verbosity)
            if bars:
                hf_logging.enable_progress_bar()
        _label_order(getattr(model.config, "id2label", None))  # fail before quantizing

        if int8 and not use_onnx:
            import warnings

            model.eval()
            # one weight scale per output channel, as in model_int8.onnx: per-tensor scales cost the shipped
            # model up to 3.5 accuracy points, per-channel ones under one (models/README.md)
            qconfig = torch.ao.quantization.per_channel_dynamic_qconfig
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear: qconfig}, dtype=torch.qint8)
        elif not use_onnx:
            model.eval()
            if bf16:
                model.to(torch.bfloat16)  # predict() takes the logits back to float32
            try:
                model.to(device)
            except Exception as exc:
                raise FactcheckError(f"cannot move NLI model to {device}: {_first_line(exc)}") from None

        if local_only and Path(source).is_dir():
            name = _named(name_or_path, Path(source), onnx_file if use_onnx else Path(source) / "model.safetensors",
                          precision)
            threshold = _threshold(Path(source), precision)
        else:
            name = source + ("" if precision == "float32" else "+" + precision)
            threshold = None
        return cls(model, tokenizer, name, device=device, batch_size=batch_size, max_length=max_length,
                   contradiction_threshold=threshold, precision=precision)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Probabilities (n, 3) in LABELS order; empty premise or hypothesis -> neutral (0, 1, 0)."""
        pairs = list(pairs)
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        todo: list[int] = []
        # wire copy repeats whole sentences across reports, so one pair of texts comes up for many
        # pairs of documents (2,050 pairs, 1,655 distinct, on the 462 open ECB+ articles): each
        # distinct pair is scored once and its scores copied to its repeats
        first: dict[tuple[str, str], int] = {}
        repeats: list[tuple[int, int]] = []
        for i, pair in enumerate(pairs):
            if not isinstance(pair, (tuple, list)) or len(pair) != 2 or not all(isinstance(s, str) for s in pair):
                raise FactcheckError(f"NLI input {i} is not a (premise, hypothesis) pair of strings")
            if not (pair[0].strip() and pair[1].strip()):
                out[i, 1] = 1.0
            elif (j := first.setdefault(tuple(pair), i)) != i:
                repeats.append((i, j))
            else:
                todo.append(i)
        if not todo:
            return out
        enc = self.tokenizer([pairs[i][0] for i in todo], [pairs[i][1] for i in todo],
                             truncation=True, max_length=self.max_length)
        ids = enc["input_ids"]
        types = enc.get("token_type_ids")
        order = sorted(range(len(todo)), key=lambda k: len(ids[k]))
        pad = self.tokenizer.pad_token_id or 0
        cols = self._order

        def score(chunk: list[int]) -> np.ndarray:
            n = max(len(ids[k]) for k in chunk)
            x = np.full((len(chunk), n), pad, dtype=np.int64)
            mask = np.zeros((len(chunk), n), dtype=np.int64)
            tt = np.zeros((len(chunk), n), dtype=np.int64) if types is not None else None
            for r, k in enumerate(chunk):
                L = len(ids[k])
                x[r, :L] = ids[k]
                mask[r, :L] = 1
                if tt is not None:
                    tt[r, :L] = types[k]
            inputs = {"input_ids": x, "attention_mask": mask}
            if tt is not None:
                inputs["token_type_ids"] = tt
            if isinstance(self.model, _OnnxModel):
                logits = self.model(**inputs).logits[:, cols].astype(np.float64)
                e = np.exp(logits - logits.max(axis=1, keepdims=True))
                return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
            import torch

            with torch.inference_mode():  # per call: the mode is per thread
                logits = self.model(**{k: torch.from_numpy(v).to(self.device) for k, v in inputs.items()}).logits
                return torch.softmax(logits.float()[:, cols], dim=-1).cpu().numpy()

        chunks = [order[s:s + self.batch_size] for s in range(0, len(order), self.batch_size)]
        for chunk, probs in zip(chunks, at_once(score, chunks, getattr(self.model, "runs", 1))):
            for r, k in enumerate(chunk):
                out[todo[k]] = probs[r]
        for i, j in repeats:
            out[i] = out[j]
        return out


class _OnnxModel:
    """An ONNX Runtime session behind the call NLIModel.predict makes of a transformers model.

    ``runs``: how many calls may run at once. One pair is too small a run to split across
    threads: on 800 pairs of the open ECB+ articles (62 tokens on average) one run at a time on
    two threads scored 103-124 pairs/s, two runs at once on one thread each 152-156, with
    identical logits (ONNX Runtime releases the GIL while it runs, and a session serves
    concurrent runs). So one-pair runs get ``runs`` = the CPU budget, each on one thread, and
    batched runs one call at a time on all of it."""

    def __init__(self, path: Path, config, one_pair_runs: bool = False):
        import onnxruntime as ort

        options = ort.SessionOptions()
        threads = cpu_threads()
        self.runs = threads if one_pair_runs else 1
        options.intra_op_num_threads = 1 if one_pair_runs else threads
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.config = config

    def __call__(self, **inputs) -> SimpleNamespace:
        """``inputs``: int64 arrays by name; ``logits`` comes back as an array."""
        feed = {k: np.asarray(v) for k, v in inputs.items() if k in self.inputs}
        return SimpleNamespace(logits=self.session.run(["logits"], feed)[0])


class _PairTokenizer:
    """The model's tokenizer.json read by the tokenizers library, answering the call
    NLIModel.predict makes of a transformers tokenizer (the same ids: tests/test_nli.py)."""

    def __init__(self, path: Path):
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(path))
        self._tokenizer.no_padding()
        try:  # the model's own pad token ("[PAD]" for BERT, "<pad>" for RoBERTa)
            pad = json.loads((path.parent / "tokenizer_config.json").read_text(encoding="utf-8"))["pad_token"]
            pad = pad["content"] if isinstance(pad, dict) else pad
        except (OSError, ValueError, KeyError, TypeError):
            pad = "[PAD]"
        self.pad_token_id = self._tokenizer.token_to_id(str(pad)) or 0

    def __call__(self, premises: Sequence[str], hypotheses: Sequence[str], *, truncation: bool = True,
                 max_length: int = 256) -> dict[str, list[list[int]]]:
        if truncation:
            self._tokenizer.enable_truncation(max_length, strategy="longest_first")
        else:
            self._tokenizer.no_truncation()
        found = self._tokenizer.encode_batch(list(zip(premises, hypotheses)))
        return {"input_ids": [e.ids for e in found], "token_type_ids": [e.type_ids for e in found],
                "attention_mask": [e.attention_mask for e in found]}


def _read_config(path: Path) -> SimpleNamespace:
    """What NLIModel reads of config.json: the label of each output column."""
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    return SimpleNamespace(id2label={int(k): v for k, v in (config.get("id2label") or {}).items()})


def _named(name_or_path, path: Path, weights: Path, precision: str) -> str:
    """The model's name for the score cache: which model, which weights, which precision (the
    scores of different precisions must not mix)."""
    name = "factcheck-nli-minilm" if name_or_path is None else str(name_or_path)
    if weights.is_file():
        name = f"{name}@{_file_digest(weights)}"
    return name + ("" if precision == "float32" else "+" + precision)


def _threshold(path: Path, precision: str) -> float | None:
    """The contradiction threshold calibrated for this precision (int8 and bf16 shift the
    probabilities), when the model directory has one."""
    cal = path / CALIBRATION_FILE
    if not cal.is_file():
        return None
    try:
        data = json.loads(cal.read_text())
        if isinstance(data.get(precision), dict):
            data = data[precision]
        return float(data["contradiction_threshold"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:12]
