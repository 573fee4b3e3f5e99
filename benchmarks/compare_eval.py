"""The model alone against `factcheck.compare` (model plus the numeric and temporal logic).

    python benchmarks/compare_eval.py              # EQUATE AWPNLI, StressTest test and dev, VitaminC test
    python benchmarks/compare_eval.py --limit 300  # quick run

Prints accuracy and contradiction precision/recall for both, so the effect of the interval
logic on numeric NLI is visible. Needs ../shared; skips with a message without it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import shared_path  # noqa: E402
from nli_eval import read as rows  # noqa: E402


def report(name: str, gold: list[str], pred: list[str]) -> str:
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    tp = sum(g == p == "contradiction" for g, p in zip(gold, pred))
    n_pred = sum(p == "contradiction" for p in pred)
    n_gold = sum(g == "contradiction" for g in gold)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return f"  {name:<8} accuracy {100 * acc:5.1f}   contradiction P {prec:.2f} R {rec:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=1000, help="pairs per set (0: all)")
    args = ap.parse_args()

    from factcheck import compare
    from factcheck.nli import NLIModel
    from factcheck.nlp import load_spacy

    equate = shared_path("benchmarks", "numeric_nli", "equate_open.jsonl")
    vitaminc = shared_path("data", "nli", "vitaminc.jsonl")
    sets = {
        "EQUATE AWPNLI": rows(equate, source="AWPNLI"),
        "EQUATE StressTest (test)": rows(equate, source="StressTest", split="test"),
        # the rules in factcheck were written while reading errors on AWPNLI and StressTest test; dev was not read
        "EQUATE StressTest (dev)": rows(equate, source="StressTest", split="dev"),
        "VitaminC test": rows(vitaminc, split="test"),
    }
    nli, nlp = NLIModel.load(), load_spacy()
    for name, data in sets.items():
        if args.limit and len(data) > args.limit:
            data = random.Random(0).sample(data, args.limit)
        t0 = time.perf_counter()
        gold = [r["label"] for r in data]
        alone = [NLIModel.LABELS[int(p.argmax())] for p in nli.predict([(r["premise"], r["hypothesis"]) for r in data])]
        both = [compare(r["premise"], r["hypothesis"], nli=nli, nlp=nlp)["label"] for r in data]
        labels = sorted(set(gold))
        majority = max(labels, key=gold.count)
        two_way = labels == ["contradiction", "entailment"]
        if two_way:  # AWPNLI has no neutral: a neutral answer counts as not-entailment
            alone = ["contradiction" if p != "entailment" else p for p in alone]
            both = ["contradiction" if p != "entailment" else p for p in both]
        print(f"{name}: {len(data)} pairs, majority class {majority} "
              f"{100 * gold.count(majority) / len(gold):.1f}% ({time.perf_counter() - t0:.0f} s)")
        print(report("model", gold, alone))
        print(report("compare", gold, both))


if __name__ == "__main__":
    main()
