"""Fit the story-clustering pair model and write factcheck/story_model.json.

    python models/fit_story_clusters.py            # needs ../shared and scikit-learn (pip install -e '.[dev]')

Pairs of articles from the open ECB+ topics and MEANTIME corpora that are not held out
(benchmarks/_stories.py fixes the split by topic): a pair is one story when both articles are
of one ECB+ cluster. The two sub-topics of an ECB+ topic (ecb, ecbplus) are different stories
of one kind, so they are the hard negatives. A MEANTIME corpus (an Airbus, Apple, GM or stock
market beat over years) is many stories, so pairs inside one are left out; pairs across
corpora, and between a MEANTIME and an ECB+ article, are different stories.

A logistic regression on the pair features (factcheck.cluster.FEATURES) gives the pair
probability; the lead length, the weight of the hard negatives and the merge threshold are then
chosen by B-cubed F1 of the clustering of the training articles. The held-out topics are only
read by benchmarks/story_clusters.py.

Hard negatives weigh more in the fit (``HARD_WEIGHTS``, chosen like the rest): of the 78,000
training pairs, all but about 2,000 are articles of different topics, which no feature confuses
and the threshold never has to decide; fitted at equal weight, the model spends itself on them
and leaves two events of one kind (two quakes in Iran, two piracy raids) at a pair probability
of about 0.6, so they merge. Weighting the pairs of two sub-topics of one topic makes the fit
look where the clustering decides. The weighted model's probabilities are not calibrated pair
probabilities; the threshold is chosen for them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from _stories import analyse, bcubed, load_corpora, story_profiles  # noqa: E402

from factcheck.cluster import FEATURES, StoryModel, cluster_indices, pair_features, pair_probabilities  # noqa: E402

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
LEAD_CHOICES = (1, 3, 5)
HARD_WEIGHTS = (1.0, 5.0, 20.0, 50.0)
THRESHOLDS = np.concatenate([[0.01, 0.02, 0.03, 0.04], np.round(np.arange(0.05, 0.96, 0.05), 2)])
OUT = ROOT / "factcheck" / "story_model.json"


def training_pairs(ps, arts):
    """Feature rows, labels and hard-negative flags of the pairs the model learns from (upper
    triangle only); a hard negative is a pair of the two sub-topics of one ECB+ topic."""
    feats = pair_features(ps)
    n = len(ps)
    i, j = np.triu_indices(n, k=1)
    ecb = np.array([a.corpus == "ecbplus" for a in arts])
    corpus_topic = np.array([f"{a.corpus}:{a.topic}" for a in arts])
    gold = np.array([a.gold for a in arts])
    same_meantime = (~ecb[i]) & (~ecb[j]) & (corpus_topic[i] == corpus_topic[j])
    keep = ~same_meantime
    x = np.stack([feats[f][i[keep], j[keep]] for f in FEATURES], axis=1)
    y = (ecb[i] & ecb[j] & (gold[i] == gold[j]))[keep].astype(int)
    hard = (ecb[i] & ecb[j] & (corpus_topic[i] == corpus_topic[j]) & (gold[i] != gold[j]))[keep]
    return x, y, hard


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    docs, articles = load_corpora()
    train_docs = [d for d in docs if not articles[d.id].held_out]
    print(f"training on {len(train_docs)} articles of the topics not held out", file=sys.stderr)
    analyses = analyse(train_docs)
    arts = [articles[d.id] for d in train_docs]
    ecb_idx = [k for k, a in enumerate(arts) if a.corpus == "ecbplus"]
    gold = [arts[k].gold for k in ecb_idx]

    best = None
    for lead in LEAD_CHOICES:
        probe = StoryModel(FEATURES, (0.0,) * len(FEATURES), 0.0, 0.5, lead, ENTITY_LABELS)
        ps = story_profiles(analyses, probe)
        x, y, hard = training_pairs(ps, arts)
        for hard_weight in HARD_WEIGHTS:
            lr = LogisticRegression(C=1.0, max_iter=3000).fit(x, y, sample_weight=np.where(hard, hard_weight, 1.0))
            model = StoryModel(FEATURES, tuple(float(w) for w in lr.coef_[0]), float(lr.intercept_[0]),
                               0.5, lead, ENTITY_LABELS)
            prob = pair_probabilities(ps, model)  # all training articles in one pool, scored on ECB+
            for t in THRESHOLDS:
                labels = cluster_indices(prob, float(t))
                f1 = bcubed([labels[k] for k in ecb_idx], gold)[2]
                print(f"lead {lead} hard weight {hard_weight:g} threshold {t:.2f}: train B-cubed F1 {f1:.3f}",
                      file=sys.stderr)
                if best is None or f1 > best[0] + 1e-9:
                    best = (f1, lead, float(t), model, int(y.sum()), len(y), hard_weight, int(hard.sum()))
    f1, lead, t, model, pos, total, hard_weight, n_hard = best
    data = {
        "about": "Story clustering pair model, fitted by models/fit_story_clusters.py on the open ECB+ "
                 "and MEANTIME topics not held out; see factcheck/cluster.py",
        "features": list(model.features),
        "weights": [round(w, 6) for w in model.weights],
        "bias": round(model.bias, 6),
        "threshold": t,
        "lead_sentences": lead,
        "entity_labels": list(ENTITY_LABELS),
        "fit": {"pairs": total, "same_story_pairs": pos, "hard_negative_pairs": n_hard,
                "hard_negative_weight": hard_weight, "train_bcubed_f1": round(f1, 4)},
    }
    OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: lead {lead}, hard weight {hard_weight:g}, threshold {t}, "
          f"train B-cubed F1 {f1:.3f}")
    print(dict(zip(model.features, data["weights"])), "bias", data["bias"])


if __name__ == "__main__":
    main()
