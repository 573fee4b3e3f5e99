"""The story-clustering corpora (open ECB+ and MEANTIME), their profiles, and B-cubed scoring.

Shared by models/fit_story_clusters.py (which fits the pair model) and
benchmarks/story_clusters.py (which measures it), so both read the articles the same way.
Gold cluster labels are read from the raw records and never given to the clusterer.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace

from _shared import shared_path

# A fixed split by topic: the pair model is fitted on the other topics only. Every third ECB+
# topic (in numeric order) and two of the four MEANTIME corpora are held out.
MEANTIME_HELD_OUT = ("corpus_gm", "corpus_stock")


@dataclass
class Article:
    corpus: str  # "ecbplus" | "meantime"
    topic: str  # ECB+ topic number, or the MEANTIME corpus
    gold: str  # the story: an ECB+ cluster (topic_subtopic); for MEANTIME the corpus itself
    held_out: bool


def ecb_held_out(topics: list[str]) -> set[str]:
    ordered = sorted(set(topics), key=int)
    return {t for i, t in enumerate(ordered) if i % 3 == 2}


def load_corpora():
    """(documents with clusters removed, articles keyed by document id)."""
    from factcheck.load import load_documents

    articles: dict[str, Article] = {}
    docs = []
    ecb = shared_path("benchmarks", "news", "ecbplus_open.jsonl")
    meantime = shared_path("benchmarks", "news", "meantime.jsonl")
    rows = [json.loads(line) for line in ecb.open(encoding="utf-8")]
    held = ecb_held_out([r["topic"] for r in rows])
    for r in rows:
        articles[r["id"]] = Article("ecbplus", r["topic"], r["cluster"], r["topic"] in held)
    for r in (json.loads(line) for line in meantime.open(encoding="utf-8")):
        key = f"meantime:{r['id']}"
        articles[key] = Article("meantime", r["cluster"], r["cluster"], r["cluster"] in MEANTIME_HELD_OUT)
    for path, prefix in ((ecb, ""), (meantime, "meantime:")):
        for d in load_documents([path]):
            docs.append(replace(d, id=prefix + d.id, cluster=None))
    return docs, articles


def analyse(docs):
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    checker = Checker(Options(nli=False))
    return [checker.analyse(d) for d in docs]


def story_profiles(analyses, model):
    from factcheck.cluster import profiles
    from factcheck.embed import Embedder

    embedder = Embedder.load()
    return profiles(analyses, embedder.encode, model)


def bcubed(pred: list, gold: list) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels (per item means)."""
    by_pred, by_gold, both = defaultdict(int), defaultdict(int), defaultdict(int)
    for p, g in zip(pred, gold):
        by_pred[p] += 1
        by_gold[g] += 1
        both[p, g] += 1
    n = len(pred)
    prec = sum(both[p, g] / by_pred[p] for p, g in zip(pred, gold)) / n
    rec = sum(both[p, g] / by_gold[g] for p, g in zip(pred, gold)) / n
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def kept_apart(pred: list, articles: list[Article]) -> float:
    """Share of ECB+ articles placed in no group with any article of the other sub-topic of their topic."""
    groups = defaultdict(set)
    for p, a in zip(pred, articles):
        groups[p].add(a.gold)
    ecb = [(p, a) for p, a in zip(pred, articles) if a.corpus == "ecbplus"]
    ok = 0
    for p, a in ecb:
        ok += not any(g != a.gold and g.split("_")[0] == a.topic for g in groups[p])
    return ok / len(ecb)
