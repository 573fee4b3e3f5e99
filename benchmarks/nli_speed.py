"""NLI throughput: a plain transformers text-classification pipeline, NLIModel float32 and NLIModel's default.

    HF_HUB_OFFLINE=1 python benchmarks/nli_speed.py [--model PATH] [--n 1000] [--threads 2] [--repeat 3]

Pairs: ~N real news-sentence pairs from MEANTIME (two sentences of articles in the same topic cluster).
Prints pairs/s of the pipeline (batch 32, and batch 1, its default), of NLIModel float32 and of NLIModel's
default (bfloat16 on a CPU with AMX, where int8 on ONNX Runtime is timed too; else that int8), the default's speed-up over float32 and over the faster
pipeline run, label agreement, and peak RSS. The methods run in interleaved rounds, best round of each,
so a busy neighbour on a shared CPU hits them alike. Skips without the shared data folder.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
from _shared import SHARED  # noqa: E402  (one definition of where ../shared is)
MEANTIME = SHARED / "benchmarks" / "news" / "meantime.jsonl"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def news_pairs(n: int, seed: int = 0):
    import sentencex

    by_cluster = {}
    for line in MEANTIME.open():
        d = json.loads(line)
        sents = [d["text"][b["start_index"]:b["end_index"]].strip()
                 for b in sentencex.get_sentence_boundaries("en", d["text"])]
        by_cluster.setdefault(d["cluster"], []).extend(s for s in sents if len(s.split()) >= 5)
    rng = random.Random(seed)
    clusters = sorted(by_cluster)
    pairs = []
    while len(pairs) < n:
        c = by_cluster[clusters[len(pairs) % len(clusters)]]
        pairs.append((rng.choice(c), rng.choice(c)))
    return pairs


def timed(fn, pairs, repeat=1):
    fn(pairs[:32])  # warm-up
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn(pairs)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return out, len(pairs) / best


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3, help="best of N timings (the CPU may be shared)")
    ap.add_argument("--skip-pipeline-b1", action="store_true", help="skip the slow batch-1 pipeline run")
    args = ap.parse_args(argv)
    if not MEANTIME.exists():
        print(f"SKIP: {MEANTIME} not found (shared data folder missing)")
        return 0
    import torch

    torch.set_num_threads(args.threads)
    sys.path.insert(0, str(ROOT))
    from factcheck.nli import SHIPPED_MODEL_DIR, NLIModel

    pairs = news_pairs(args.n)
    print(f"{len(pairs)} MEANTIME sentence pairs, mean {np.mean([len(p) + len(h) for p, h in pairs]):.0f} chars/pair, "
          f"torch threads {torch.get_num_threads()}")
    print(f"RSS before models: {rss_mb():.0f} MB")

    default = NLIModel.load(args.model)
    print(f"RSS after NLIModel default load: {rss_mb():.0f} MB")
    m32 = NLIModel.load(args.model, quantize=False)
    int8 = None
    if default.precision == "bf16":  # a CPU with AMX: also time int8, the default elsewhere
        int8 = NLIModel.load(args.model, quantize="int8")

    from transformers import pipeline

    path = args.model or str(SHIPPED_MODEL_DIR)
    pipe = pipeline("text-classification", model=path, device=-1, dtype=torch.float32)
    inputs = [{"text": p, "text_pair": h} for p, h in pairs]

    def run_pipe(bs):
        return lambda items: pipe(items, batch_size=bs, top_k=None)

    def engine(m):
        return "int8, ONNX Runtime" if type(m.model).__name__ == "_OnnxModel" else m.name.rsplit("+", 1)[-1]

    methods = [(f"NLIModel default ({engine(default)}; batch {default.batch_size}, length-sorted)", default.predict, pairs),
               ("NLIModel float32 (quantize=False)", m32.predict, pairs),
               ("pipeline float32 batch 32", run_pipe(32), inputs)]
    if not args.skip_pipeline_b1:
        methods.append(("pipeline float32 batch 1 (its default)", run_pipe(1), inputs))
    if default.batch_size != 32:  # int8 scores one pair a run, so that its scores never depend on the batch
        batched = NLIModel(default.model, default.tokenizer, default.name, batch_size=32, precision=default.precision)
        methods.append((f"NLIModel default ({engine(default)}) in batches of 32", batched.predict, pairs))
    if int8 is not None:
        methods.append((f"NLIModel {engine(int8)} (the default without AMX)", int8.predict, pairs))
    best, outs = {}, {}
    for _ in range(args.repeat):
        for name, fn, data in methods:
            out, speed = timed(fn, data)
            best[name] = max(best.get(name, 0.0), speed)
            outs[name] = out
    for name, _, _ in methods:
        print(f"{name:58s} {best[name]:7.1f} pairs/s")
    p_def, p32 = outs[methods[0][0]], outs[methods[1][0]]
    print(f"default vs float32 label agreement: {np.mean(p_def.argmax(1) == p32.argmax(1)):.3f}; "
          f"max |dp| {np.abs(p_def - p32).max():.3f}")
    pipe_lab = [max(o, key=lambda d: d["score"])["label"].lower() for o in outs["pipeline float32 batch 32"]]
    ours = [NLIModel.LABELS[i] for i in p_def.argmax(1)]
    print(f"default vs pipeline label agreement: {np.mean([a == b for a, b in zip(ours, pipe_lab)]):.3f}")
    s_def = best[methods[0][0]]
    fastest_pipe = max(best[name] for name, _, _ in methods if name.startswith("pipeline"))
    print(f"speed-up of the default: {s_def / best[methods[1][0]]:.1f}x NLIModel float32, "
          f"{s_def / fastest_pipe:.1f}x the faster pipeline run ({fastest_pipe:.1f} pairs/s)")
    print(f"peak RSS: {rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
