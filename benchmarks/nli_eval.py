"""Accuracy of an NLI model on the open NLI / numeric-NLI sets, beside the majority-class baseline.

    HF_HUB_OFFLINE=1 python benchmarks/nli_eval.py                       # shipped model (int8, the default), all sets
    HF_HUB_OFFLINE=1 python benchmarks/nli_eval.py --limit 300           # quick run
    HF_HUB_OFFLINE=1 python benchmarks/nli_eval.py --model PATH --no-quantize   # float32
    HF_HUB_OFFLINE=1 python benchmarks/nli_eval.py --write-calibration   # store the VitaminC-dev threshold

Sets: VitaminC test (3-way), SICK test, RTE dev (2-way: entailment vs not; neutral+contradiction -> not),
Climate-FEVER, HealthVer test, EQUATE AWPNLI and StressTest (test), and the held-out split of
models/data/meantime_pairs.jsonl. The contradiction threshold is chosen on VitaminC DEV as the largest
P(contradiction) threshold that keeps contradiction recall >= 0.70, then applied to VitaminC test.
Needs the shared data folder (../shared next to the repo); skips with a message without it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
from _shared import SHARED  # noqa: E402  (one definition of where ../shared is)
NLI_DIR = SHARED / "data" / "nli"
EQUATE = SHARED / "benchmarks" / "numeric_nli" / "equate_open.jsonl"
GENERATED = ROOT / "models" / "data" / "meantime_pairs.jsonl"
LABELS = ("entailment", "neutral", "contradiction")
TARGET_RECALL = 0.70


def read(path: Path, **where):
    rows = []
    with path.open() as f:
        for line in f:
            r = json.loads(line)
            if all(r.get(k) == v for k, v in where.items()):
                rows.append(r)
    return rows


def sample(rows, limit, seed=0):
    if limit and len(rows) > limit:
        return random.Random(seed).sample(rows, limit)
    return rows


def prf(gold, pred, labels):
    out = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        P = tp / (tp + fp) if tp + fp else 0.0
        R = tp / (tp + fn) if tp + fn else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        out[lab] = (P, R, F, tp + fn)
    return out


def threshold_for_recall(p_c, is_c, target):
    """Largest threshold whose recall on this set is >= target."""
    scores = np.sort(p_c[is_c])[::-1]
    if len(scores) == 0:
        return 0.5
    k = int(np.ceil(target * len(scores))) - 1
    return float(scores[max(0, k)])


def pr_at(p_c, is_c, t):
    pred = p_c >= t
    tp = int((pred & is_c).sum())
    P = tp / pred.sum() if pred.sum() else 0.0
    R = tp / is_c.sum() if is_c.sum() else 0.0
    return P, R


def report(name, rows, probs, two_way=False, show=True):
    gold = [r["label"] for r in rows]
    if two_way:  # RTE: entailment vs not_entailment
        pred = ["entailment" if p.argmax() == 0 else "not_entailment" for p in probs]
        labels = ("entailment", "not_entailment")
    else:
        pred = [LABELS[int(p.argmax())] for p in probs]
        labels = tuple(lab for lab in LABELS if lab in set(gold))
    acc = float(np.mean([g == p for g, p in zip(gold, pred)]))
    maj_label, maj_n = Counter(gold).most_common(1)[0]
    maj = maj_n / len(gold)
    res = {"n": len(gold), "accuracy": acc, "majority": maj, "majority_label": maj_label,
           "per_class": {k: dict(zip(("P", "R", "F1", "support"), v)) for k, v in prf(gold, pred, labels).items()}}
    if show:
        print(f"\n{name}: n={len(gold)}  accuracy {acc:.3f}  (majority '{maj_label}' {maj:.3f})")
        for lab, (P, R, F, n) in prf(gold, pred, labels).items():
            print(f"    {lab:15s} P {P:.3f}  R {R:.3f}  F1 {F:.3f}  n={n}")
        other = Counter(pred) - Counter()
        extra = {k: v for k, v in other.items() if k not in labels}
        if extra:
            print(f"    predicted outside the gold label set: {dict(extra)}")
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None, help="model dir or hub id (default: the shipped model)")
    ap.add_argument("--limit", type=int, default=0, help="at most N pairs per set (random, seeded)")
    ap.add_argument("--quantize", action=argparse.BooleanOptionalAction, default=True,
                    help="NLIModel's CPU default: bfloat16 with AMX, else int8 (--no-quantize: float32)")
    ap.add_argument("--int8", action="store_true",
                    help="int8 even on a CPU with AMX, where the default is bfloat16 (to measure or calibrate int8)")
    ap.add_argument("--batch-size", type=int, default=None, help="default: NLIModel's (1 for int8, else 32)")
    ap.add_argument("--json", default=None, help="also write the figures to this JSON file")
    ap.add_argument("--write-calibration", action="store_true",
                    help="write the VitaminC-dev contradiction threshold into the model dir")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"SKIP: shared data folder not found at {SHARED}; nothing to evaluate")
        return 0
    sys.path.insert(0, str(ROOT))
    from factcheck.nli import CALIBRATION_FILE, SHIPPED_MODEL_DIR, NLIModel

    model = NLIModel.load(args.model, batch_size=args.batch_size, quantize="int8" if args.int8 else args.quantize)
    variant = None if model.precision == "float32" else model.precision
    print(f"model: {model.name}  precision: {model.precision}  limit: {args.limit or 'none'}")
    lim = args.limit
    equate = read(EQUATE)
    sets = [
        ("VitaminC test", sample(read(NLI_DIR / "vitaminc.jsonl", split="test"), lim), False),
        ("SICK test", sample(read(NLI_DIR / "sick.jsonl", split="test"), lim), False),
        ("RTE dev (2-way)", sample(read(NLI_DIR / "rte.jsonl", split="dev"), lim), True),
        ("Climate-FEVER", sample(read(NLI_DIR / "climate_fever.jsonl"), lim), False),
        ("HealthVer test", sample(read(NLI_DIR / "healthver.jsonl", split="test"), lim), False),
        ("EQUATE AWPNLI", sample([r for r in equate if r["source"] == "AWPNLI"], lim), False),
        ("EQUATE StressTest test", sample([r for r in equate if r["source"] == "StressTest"
                                           and r.get("split") == "test"], lim), False),
    ]
    if GENERATED.exists():
        sets.append(("Generated MEANTIME held-out", sample(read(GENERATED, split="heldout"), lim), False))
    results = {"model": model.name, "precision": model.precision, "limit": lim, "sets": {}}
    t0 = time.time()
    n_pairs = 0
    probs_by = {}
    for name, rows, two_way in sets:
        probs = model.predict([(r["premise"], r["hypothesis"]) for r in rows])
        n_pairs += len(rows)
        probs_by[name] = (rows, probs)
        results["sets"][name] = report(name, rows, probs, two_way)
        if name == "EQUATE AWPNLI":  # 2-class set: also the E-vs-C decision alone
            gold = [r["label"] for r in rows]
            pred = ["entailment" if p[0] >= p[2] else "contradiction" for p in probs]
            acc2 = float(np.mean([g == p for g, p in zip(gold, pred)]))
            results["sets"][name]["accuracy_e_vs_c"] = acc2
            print(f"    entailment-vs-contradiction only (argmax over those two): {acc2:.3f}")

    # contradiction threshold on VitaminC dev, applied to VitaminC test
    dev = sample(read(NLI_DIR / "vitaminc.jsonl", split="dev"), lim)
    pdev = model.predict([(r["premise"], r["hypothesis"]) for r in dev])
    n_pairs += len(dev)
    is_c_dev = np.array([r["label"] == "contradiction" for r in dev])
    t = threshold_for_recall(pdev[:, 2], is_c_dev, TARGET_RECALL)
    dev_acc = float(np.mean([LABELS[int(p.argmax())] == r["label"] for p, r in zip(pdev, dev)]))
    rows, ptest = probs_by["VitaminC test"]
    is_c = np.array([r["label"] == "contradiction" for r in rows])
    P, R = pr_at(ptest[:, 2], is_c, t)
    Pd, Rd = pr_at(pdev[:, 2], is_c_dev, t)
    t_test = threshold_for_recall(ptest[:, 2], is_c, TARGET_RECALL)
    Po, Ro = pr_at(ptest[:, 2], is_c, t_test)
    print(f"\nVitaminC dev accuracy {dev_acc:.3f} (n={len(dev)})")
    print(f"Contradiction threshold (VitaminC dev, recall >= {TARGET_RECALL}): P(contradiction) >= {t:.4f}")
    print(f"    dev:  precision {Pd:.3f} recall {Rd:.3f}")
    print(f"    test: precision {P:.3f} recall {R:.3f}   (oracle test threshold {t_test:.4f}: P {Po:.3f} R {Ro:.3f})")
    results["contradiction_threshold"] = {"threshold": t, "chosen_on": "VitaminC dev", "target_recall": TARGET_RECALL,
                                          "dev_precision": Pd, "dev_recall": Rd, "test_precision": P,
                                          "test_recall": R, "dev_accuracy": dev_acc}
    el = time.time() - t0
    print(f"\n{n_pairs} pairs in {el:.0f}s ({n_pairs / el:.0f} pairs/s)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    if args.write_calibration:
        if args.limit:
            print("not writing calibration from a --limit run")
        else:
            target = Path(args.model) if args.model else SHIPPED_MODEL_DIR
            path = target / CALIBRATION_FILE
            cal = {"contradiction_threshold": round(t, 4), "chosen_on": "VitaminC dev (shared/data/nli/vitaminc.jsonl)",
                   "target_recall": TARGET_RECALL, "dev_precision": round(Pd, 4), "dev_recall": round(Rd, 4),
                   "test_precision": round(P, 4), "test_recall": round(R, 4)}
            old = json.loads(path.read_text()) if path.is_file() else {}
            old.pop("quantized_int8", None)
            # float32 at the top level; the int8 and bf16 thresholds beside it, each run keeping the others
            data = {**old, variant: cal} if variant else {**cal, **{k: old[k] for k in ("int8", "bf16") if k in old}}
            path.write_text(json.dumps(data, indent=1) + "\n")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
