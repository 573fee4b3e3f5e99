"""ONNX Runtime float32 vs torch float32 for the shipped NLI model, on the pairs of nli_speed.py.

(NLIModel's default, the int8 ONNX model, is measured by nli_speed.py.)

    python benchmarks/nli_onnx.py [--n 1000] [--threads 2]     # needs: pip install onnx onnxruntime

Exports the local safetensors model with torch.onnx (TorchScript exporter, eager attention;
nothing downloaded), fuses it with onnxruntime's BERT optimizer, and runs both with the same
length-sorted batches of 32. Prints pairs/s (rounds interleaved, best of each) and how far
the probabilities differ. Skips without the shared data or without onnx/onnxruntime.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's factcheck first
from nli_speed import MEANTIME, news_pairs  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    if not MEANTIME.exists():
        print(f"skipped: {MEANTIME} not found")
        return
    try:
        import onnx  # noqa: F401  (the exporter needs it)
        import onnxruntime as ort
        from onnxruntime.transformers import optimizer
    except ImportError as e:
        print(f"skipped: {e.name} not installed (pip install onnx onnxruntime)")
        return
    import torch

    from factcheck.nli import NLIModel

    torch.set_num_threads(args.threads)
    m = NLIModel.load(quantize=False)
    m.model.config._attn_implementation = "eager"  # fusable by the optimizer; same numbers
    pairs = news_pairs(args.n)
    enc = m.tokenizer(["a b c"], ["d e"], return_tensors="pt")
    names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in enc]
    raw = Path(tempfile.mkdtemp()) / "nli.onnx"
    torch.onnx.export(m.model, tuple(enc[k] for k in names), str(raw), input_names=names,
                      output_names=["logits"], opset_version=17, dynamo=False,
                      dynamic_axes={**{k: {0: "b", 1: "t"} for k in names}, "logits": {0: "b"}})
    cfg = m.model.config
    fused = raw.with_name("nli_fused.onnx")
    optimizer.optimize_model(str(raw), model_type="bert", num_heads=cfg.num_attention_heads,
                             hidden_size=cfg.hidden_size).save_model_to_file(str(fused))
    so = ort.SessionOptions()
    so.intra_op_num_threads = args.threads
    sess = ort.InferenceSession(str(fused), so, providers=["CPUExecutionProvider"])

    def ort_predict(ps):
        e = m.tokenizer([p for p, _ in ps], [h for _, h in ps], truncation=True, max_length=m.max_length)
        ids = e["input_ids"]
        order = sorted(range(len(ps)), key=lambda k: len(ids[k]))
        out = np.zeros((len(ps), 3), np.float32)
        for s in range(0, len(order), m.batch_size):
            chunk = order[s:s + m.batch_size]
            n = max(len(ids[k]) for k in chunk)
            feed = {k: np.zeros((len(chunk), n), np.int64) for k in names}
            for r, k in enumerate(chunk):
                feed["input_ids"][r, :len(ids[k])] = ids[k]
                feed["attention_mask"][r, :len(ids[k])] = 1
                if "token_type_ids" in feed:
                    feed["token_type_ids"][r, :len(ids[k])] = e["token_type_ids"][k]
            logits = sess.run(["logits"], feed)[0][:, m._order]
            p = np.exp(logits - logits.max(1, keepdims=True))
            p /= p.sum(1, keepdims=True)
            out[chunk] = p
        return out

    methods = {"torch float32 (NLIModel)": m.predict, "onnxruntime float32, fused": ort_predict}
    best = {}
    for _ in range(args.repeat):
        for name, fn in methods.items():
            fn(pairs[:32])
            t = time.perf_counter()
            fn(pairs)
            best[name] = max(best.get(name, 0.0), len(pairs) / (time.perf_counter() - t))
    print(f"{len(pairs)} MEANTIME sentence pairs, {args.threads} threads")
    for name, speed in best.items():
        print(f"{name:30s} {speed:6.1f} pairs/s")
    a, b = m.predict(pairs), ort_predict(pairs)
    print(f"label agreement {np.mean(a.argmax(1) == b.argmax(1)):.3f}, max |dp| {np.abs(a - b).max():.1e}")


if __name__ == "__main__":
    main()
