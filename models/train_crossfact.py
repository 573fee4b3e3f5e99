"""Fine-tune the same-fact cross-encoder (factcheck/crossfact.py) on the labelled claim pairs.

    python models/fit_samefact.py                 # first: builds models/data/samefact_pairs.jsonl.gz
    python models/train_crossfact.py              # fit topics, measure held-out topics, then all topics -> shipped
    python models/train_crossfact.py --held-out-only   # only the first step (the benchmarks' --split held-out model)

The pairs are those of models/fit_samefact.py (same fact: edit-case counterparts and the
hand-written restatements; different facts: value-conflicting pairs of consistent clusters),
each claim given as its ``crossfact.marked`` sentence: the claim replaced by a marker without
its value, every numeral masked. Each pair is trained on in one order, drawn at random.

Step 1 fits on the topics outside ``benchmarks/_shared.held_out`` and scores the held-out
topics: AUC, Brier and the reliability table printed here come from stories the model never
saw, and a Platt scaling of its logit is fitted on those scores. That model is written to
models/work/samefact-holdout (not shipped; the benchmarks' ``--split held-out`` uses it).
Step 2 fits the same recipe on every topic and ships it in models/factcheck-samefact-minilm
(float16 safetensors) with step 1's calibration. Initialised from the shipped NLI model,
which already reads sentence pairs; seeded, so a rerun gives the same weights on one machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from _shared import held_out  # noqa: E402

PAIRS = ROOT / "models" / "data" / "samefact_pairs.jsonl.gz"
INIT = ROOT / "models" / "factcheck-nli-minilm"
SHIPPED = ROOT / "models" / "factcheck-samefact-minilm"
HOLDOUT = ROOT / "models" / "work" / "samefact-holdout"


def load_rows() -> list[dict]:
    with gzip.open(PAIRS, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    if not rows or "input" not in rows[0]["a"]:
        sys.exit(f"{PAIRS} has no marked inputs: rebuild it with python models/fit_samefact.py")
    return rows


def train(rows: list[dict], args):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    tok = AutoTokenizer.from_pretrained(str(INIT), local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(INIT), local_files_only=True, num_labels=1, ignore_mismatched_sizes=True, dtype=torch.float32)
    model.config.id2label, model.config.label2id = {0: "same_fact"}, {"same_fact": 0}
    # each pair in one order, drawn at random: the scorer averages both orders, and training
    # on both would double the time on two cores for little
    examples = [(r["a"]["input"], r["b"]["input"], float(r["label"])) for r in rows]
    examples = [(b, a, y) if rng.random() < 0.5 else (a, b, y) for a, b, y in examples]
    pos = sum(y for *_, y in examples)
    # the positives are few (one in fourteen); weighing them up keeps the gradient from being
    # all negatives, and the Platt scaling fitted afterwards puts the probabilities back
    pos_weight = torch.tensor(math.sqrt((len(examples) - pos) / max(pos, 1)))
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(examples) / args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps))
    model.train()
    t0, step = time.time(), 0
    for epoch in range(args.epochs):
        rng.shuffle(examples)
        total = 0.0
        for i in range(0, len(examples), args.batch):
            batch = examples[i:i + args.batch]
            enc = tok([a for a, _, _ in batch], [b for _, b, _ in batch], truncation=True,
                      max_length=args.max_length, padding=True, return_tensors="pt")
            logits = model(**enc).logits[:, 0]
            loss = loss_fn(logits, torch.tensor([y for *_, y in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += float(loss) * len(batch)
            step += 1
            if step % 50 == 0:
                print(f"  epoch {epoch + 1} step {step}/{steps} loss {total / (i + len(batch)):.4f} "
                      f"({time.time() - t0:.0f} s)", flush=True)
        print(f"epoch {epoch + 1}: mean loss {total / len(examples):.4f} ({time.time() - t0:.0f} s)", flush=True)
    model.eval()
    return model, tok


def save(model, tok, out: Path, meta: dict, calibration: dict) -> None:
    import torch

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    model.to(torch.float16).save_pretrained(str(out), safe_serialization=True)
    model.to(torch.float32)
    tok.save_pretrained(str(out))
    (out / "factcheck_calibration.json").write_text(json.dumps(calibration, indent=2) + "\n", encoding="utf-8")
    (out / "training_meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    for junk in ("vocab.txt", "special_tokens_map.json"):
        if (out / junk).exists() and (out / "tokenizer.json").exists():
            (out / junk).unlink()


def reliability(y, p, bins=10):
    edges = np.linspace(0, 1, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if m.sum():
            print(f"  {lo:.1f}-{hi:.1f}  {int(m.sum()):5d}  {p[m].mean():.2f}  {y[m].mean():.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--held-out-only", action="store_true", help="step 1 only")
    args = ap.parse_args()

    import torch
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, roc_auc_score

    from factcheck.crossfact import SameFactCrossEncoder
    from factcheck.samefact import FEATURES, SameFactModel

    torch.set_num_threads(max(1, torch.get_num_threads()))
    rows = load_rows()
    fit = [r for r in rows if not held_out(r["group"])]
    test = [r for r in rows if held_out(r["group"])]
    print(f"pairs: {len(rows)} ({sum(r['label'] for r in rows)} same fact); fit topics {len(fit)}, "
          f"held-out topics {len(test)} ({sum(r['label'] for r in test)} same fact)")
    model, tok = train(fit, args)
    enc = SameFactCrossEncoder(model, tok, max_length=args.max_length)
    z = enc.logits([(r["a"]["input"], r["b"]["input"]) for r in test])
    y = np.array([r["label"] for r in test])
    platt = LogisticRegression(C=1e6).fit(z.reshape(-1, 1), y)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    p = 1 / (1 + np.exp(-(a * z + b)))
    logistic = SameFactModel.load(str(ROOT / "models" / "data" / "samefact_holdout.json"))
    q = np.array([logistic.predict(r["features"]) for r in test])
    print(f"held-out topics: cross-encoder AUC {roc_auc_score(y, z):.3f}, Brier {brier_score_loss(y, p):.3f} "
          f"(Platt a {a:.3f} b {b:.3f}); logistic model fitted without them: AUC {roc_auc_score(y, q):.3f}, "
          f"Brier {brier_score_loss(y, q):.3f}")
    for source in sorted({r["source"] for r in test}):
        m = np.array([r["source"] == source for r in test])
        print(f"  {source}: {int(m.sum())} pairs, mean p {p[m].mean():.2f} (logistic {q[m].mean():.2f}), "
              f"share >= 0.3: {(p[m] >= 0.3).mean():.2f} (logistic {(q[m] >= 0.3).mean():.2f})")
    print("reliability (held-out topics): bin, pairs, mean predicted, share same fact")
    reliability(y, p)
    calibration = {"a": round(a, 6), "b": round(b, 6), "fitted_on": "held-out topics, scored by the model fitted without them"}
    meta = {"script": "models/train_crossfact.py", "init": "models/factcheck-nli-minilm", "epochs": args.epochs,
            "batch": args.batch, "lr": args.lr, "max_length": args.max_length, "seed": args.seed,
            "pairs": len(fit), "same_fact": sum(r["label"] for r in fit), "topics": "all but held_out()",
            "held_out_auc": round(float(roc_auc_score(y, z)), 4)}
    save(model, tok, HOLDOUT, meta, calibration)
    print(f"written {HOLDOUT.relative_to(ROOT)}")
    if args.held_out_only:
        return
    model, tok = train(rows, args)
    meta.update(pairs=len(rows), same_fact=sum(r["label"] for r in rows), topics="all")
    save(model, tok, SHIPPED, meta, calibration)
    print(f"written {SHIPPED.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
