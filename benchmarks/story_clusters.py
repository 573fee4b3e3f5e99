"""Story clustering against gold clusters, labels removed: B-cubed P/R/F1 (target F1 >= 0.85 on ECB+).

    python benchmarks/story_clusters.py

ECB+ (462 open articles, 40 stories in 20 topics): the held-out topics alone, then every
article in one pool; beside it the share of articles kept apart from the other event of their
topic (ecb vs ecbplus). MEANTIME (120 articles): its four "clusters" are beats of many stories
over years, so recall against them is low by design; precision says whether articles of
different beats were kept apart. The pair model was fitted on the other topics only
(models/fit_story_clusters.py).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's factcheck first
from _stories import analyse, bcubed, kept_apart, load_corpora, story_profiles  # noqa: E402


def main() -> None:
    from factcheck.cluster import StoryModel, story_labels

    model = StoryModel.load()
    docs, articles = load_corpora()
    analyses = analyse(docs)
    profiles = dict(zip((d.id for d in docs), story_profiles(analyses, model)))

    def run(name: str, ids: list[str], apart: bool) -> None:
        t0 = time.perf_counter()
        labels = story_labels([profiles[i] for i in ids], model)
        took = time.perf_counter() - t0
        arts = [articles[i] for i in ids]
        p, r, f = bcubed(labels, [a.gold for a in arts])
        extra = f", ecb/ecbplus kept apart {100 * kept_apart(labels, arts):.1f}%" if apart else ""
        print(f"{name:<34} {len(ids):>4} articles -> {len(set(labels)):>3} stories "
              f"(gold {len({a.gold for a in arts}):>2}): B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}{extra}"
              f"  [{took:.2f} s]")

    ecb = [d.id for d in docs if articles[d.id].corpus == "ecbplus"]
    mt = [d.id for d in docs if articles[d.id].corpus == "meantime"]
    held = sorted({articles[i].topic for i in ecb if articles[i].held_out}, key=int)
    print(f"pair model: lead {model.lead_sentences} sentences, threshold {model.threshold}; "
          f"ECB+ held-out topics {', '.join(held)}")
    run("ECB+ held-out topics", [i for i in ecb if articles[i].held_out], True)
    run("ECB+ training topics", [i for i in ecb if not articles[i].held_out], True)
    run("ECB+ all topics, one pool", ecb, True)
    run("MEANTIME held-out beats (gm, stock)", [i for i in mt if articles[i].held_out], False)
    run("MEANTIME all, one pool", mt, False)
    run("ECB+ and MEANTIME, one pool", ecb + mt, True)


if __name__ == "__main__":
    main()
