"""Signals tried for the same-fact decision beside the shipped logistic model, on the labelled
pairs of models/data/samefact_pairs.jsonl.gz, held-out topics only (benchmarks/_shared.held_out):

    python models/experiments/samefact_alternatives.py                    # minutes on 2 cores
    python models/experiments/samefact_alternatives.py --cross-encoder    # adds ~25 min of training

Each variant is fitted on the other topics (edit-case counterparts against consistent-cluster
pairs, as models/fit_samefact.py fits) and printed as AUC of the held-out same-fact pairs of each
source against the held-out consistent-cluster pairs, the share of them at p >= 0.3 (the
conflict bar), and the share of consistent-cluster pairs at p >= 0.3 (a proxy of false alarms):

- features of the shipped model (factcheck/samefact.py) alone;
- plus the NLI model on the two marked sentences with one value put in both ("only the value
  differs"): mean entailment, largest contradiction, largest neutral, both directions;
- plus the cosine of the encoder on a window of 4, 8 or 24 words around each claim;
- with duplicate pairs (near-identical wire copies) weighted down to one;
- with the agreeing-value pairs ("silver") as same-fact pairs;
- ``--cross-encoder``: a MiniLM cross-encoder (from the shipped NLI model) fine-tuned for two
  epochs on the marked pairs of the fit topics (restatements left out), alone and with a
  quarter of its logit added to the logistic model's.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "models"))
from _shared import held_out  # noqa: E402
from fit_samefact import SignedLogistic  # noqa: E402  (the shipped model's fit, signs kept)

from factcheck.samefact import FEATURES  # noqa: E402

PAIRS = ROOT / "models" / "data" / "samefact_pairs.jsonl.gz"
SOURCES = ("edit-case counterparts", "restatement", "agreeing values")
MARKER = re.compile(r"\[[^\]]*\]")  # the claim's marker in a marked sentence (samefact.marker)


def _fill(marked: str, value: str) -> str:
    """A marked sentence (samefact.marked) with ``value`` for the claim and 3 for other numerals."""
    return MARKER.sub(lambda _: value, marked, count=1).replace("#", "3")


def _window(marked: str, k: int) -> str:
    m = MARKER.search(marked)
    if not m:
        return marked
    return " ".join(marked[:m.start()].split()[-k:] + [m.group(0)] + marked[m.end():].split()[:k])


def nli_columns(rows) -> dict[str, np.ndarray]:
    from factcheck.nli import NLIModel

    model = NLIModel.load()
    pairs = []
    for r in rows:
        a, b = _fill(r["a"]["input"], r["a"]["text"]), _fill(r["b"]["input"], r["a"]["text"])
        pairs += [(a, b), (b, a)]
    p = model.predict(pairs).reshape(len(rows), 2, 3)  # entailment, neutral, contradiction
    return {"+nli entailment": p[:, :, 0].mean(1), "+nli contradiction": p[:, :, 2].max(1),
            "nli neutral": np.log(p[:, :, 1].max(1) + 1e-4)}


def window_columns(rows) -> dict[str, np.ndarray]:
    from factcheck.embed import Embedder

    embedder = Embedder.load()
    out = {}
    for k in (4, 8, 24):
        texts = sorted({_window(r[s]["input"], k) for r in rows for s in "ab"})
        vec = dict(zip(texts, embedder.encode(texts)))
        out[f"+window {k}"] = np.array([float(vec[_window(r["a"]["input"], k)] @ vec[_window(r["b"]["input"], k)])
                                        for r in rows])
    return out


def cross_encoder_column(rows, fit: np.ndarray, epochs: int = 2) -> np.ndarray:
    """P(same fact) of a cross-encoder trained on the fit rows, for every row."""
    import random

    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from factcheck.nli import SHIPPED_MODEL_DIR

    torch.manual_seed(0)
    random.seed(0)
    tok = AutoTokenizer.from_pretrained(SHIPPED_MODEL_DIR)
    model = AutoModelForSequenceClassification.from_pretrained(
        SHIPPED_MODEL_DIR, num_labels=2, ignore_mismatched_sizes=True, torch_dtype=torch.float32)
    train = [rows[i] for i in np.flatnonzero(fit)]
    ex = [(r[x]["input"], r[y]["input"], r["label"]) for r in train for x, y in (("a", "b"), ("b", "a"))]
    batch = 32
    steps = epochs * len(ex) // batch
    opt = torch.optim.AdamW(model.parameters(), lr=3e-5, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, (steps - s) / steps))
    model.train()
    for _ in range(epochs):
        random.shuffle(ex)
        for i in range(0, len(ex) - batch + 1, batch):
            bt = ex[i:i + batch]
            enc = tok([a for a, _, _ in bt], [b for _, b, _ in bt], truncation=True, max_length=128,
                      padding=True, return_tensors="pt")
            model(**enc, labels=torch.tensor([lab for *_, lab in bt])).loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(rows), 64):
            bt = rows[i:i + 64]
            p = 0.0
            for x, y in (("a", "b"), ("b", "a")):
                enc = tok([r[x]["input"] for r in bt], [r[y]["input"] for r in bt], truncation=True,
                          max_length=128, padding=True, return_tensors="pt")
                p = p + torch.softmax(model(**enc).logits, -1)[:, 1] / 2
            out += p.tolist()
    return np.array(out)


def main() -> None:
    from sklearn.metrics import roc_auc_score

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cross-encoder", action="store_true")
    args = ap.parse_args()
    with gzip.open(PAIRS, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    src = np.array([r["source"] for r in rows])
    y = np.array([r["label"] for r in rows])
    test = np.array([held_out(r["group"]) for r in rows])
    base = {n: np.array([r["features"][n] for r in rows]) for n in FEATURES}
    extra = {**nli_columns(rows), **window_columns(rows)}
    gold = {"consistent cluster", "edit-case counterparts"}
    fit = ~test & np.isin(src, list(gold))
    if args.cross_encoder:
        # trained on every labelled pair of the fit topics but the restatements, which it is
        # measured on
        ce = cross_encoder_column(rows, ~test & (src != "restatement"))
    keys = collections.Counter((r["a"]["input"], r["b"]["input"]) for r in rows)
    dedup = np.array([1.0 / keys[(r["a"]["input"], r["b"]["input"])] for r in rows])

    def report(name, p):
        neg = test & (src == "consistent cluster")
        cells = [f"{name:34s} different p>=0.3 {np.mean(p[neg] >= 0.3):.3f}"]
        for s in SOURCES:
            pos = test & (src == s)
            m = pos | neg
            cells.append(f"| {s.split()[0]} AUC {roc_auc_score(y[m], p[m]):.3f} p>=0.3 {np.mean(p[pos] >= 0.3):.2f}")
        print(" ".join(cells))

    def variant(name, columns, rows_fit, weights=None, plus=None):
        names = list(FEATURES) + columns
        X = np.stack([base[n] if n in base else extra[n] for n in names], 1)
        mu, sd = X[rows_fit].mean(0), X[rows_fit].std(0)
        sd[sd == 0] = 1.0
        Z = (X - mu) / sd
        w = np.ones(len(y)) if weights is None else weights.copy()
        for lab in (0, 1):  # the same total weight per class as unweighted
            m = rows_fit & (y == lab)
            w[m] *= m.sum() / w[m].sum()
        model = SignedLogistic().fit(Z[rows_fit], y[rows_fit], names, w[rows_fit],
                                     for_same={n for n in names if n.startswith("+")})
        z = Z @ model.coef_[0] + model.intercept_[0]
        report(name, 1.0 / (1.0 + np.exp(-(z if plus is None else z + plus))))

    print(f"pairs: {len(rows)}; held-out topics: {int(test.sum())} pairs")
    variant("shipped features", [], fit)
    variant("+ NLI, one value in both", ["+nli entailment", "+nli contradiction", "nli neutral"], fit)
    for k in (4, 8, 24):
        variant(f"+ encoder cosine, {k}-word window", [f"+window {k}"], fit)
    variant("duplicates weighted to one", [], fit, dedup)
    silver = ~test & np.isin(src, list(gold | {"agreeing values"}))
    variant("+ agreeing values (silver)", [], silver)
    if args.cross_encoder:
        report("cross-encoder alone", ce)
        # its scores on the fit topics are in-sample, so no weight is fitted for it: a quarter
        # of its logit is added to the logistic model's
        logit = np.log(np.clip(ce, 1e-6, 1 - 1e-6) / np.clip(1 - ce, 1e-6, 1))
        variant("+ 0.25 x cross-encoder logit", [], fit, plus=0.25 * logit)


if __name__ == "__main__":
    main()
