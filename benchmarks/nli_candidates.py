"""Which NLI candidate pairs need the model: the pairs with a wording cue (the only ones that
can become contradictions) and, for paraphrases, how close in meaning and words the pairs without
a cue must be. Scores every candidate of the open ECB+ articles and MEANTIME (every pair of a
cluster compared), then prints, for cosine floors, the cue-free pairs scored and the paraphrases
kept; then, of the cue-free pairs from PARAPHRASE_COSINE up that are not one sentence in both
reports (listed as agreeing without the model), the same for floors of content-lemma Jaccard.

    python benchmarks/nli_candidates.py [--cache-dir DIR]

The product scores the cue pairs and the cue-free pairs from PARAPHRASE_COSINE and
PARAPHRASE_JACCARD up (factcheck/contradiction.py); contradiction findings never depend on the
floors.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import shared_path  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache-dir", help="keep NLI scores here between runs")
    args = ap.parse_args()

    from factcheck.cache import ScoreCache
    from factcheck.contradiction import (ENTAILMENT_THRESHOLD, PARAPHRASE_COSINE, PARAPHRASE_JACCARD, score_pairs,
                                         select_candidates)
    from factcheck.cues import find_cues
    from factcheck.load import load_documents
    from factcheck.nli import NLIModel
    from factcheck.options import Options
    from factcheck.pipeline import Checker, cluster_groups
    from factcheck.segment import sentence_lemmas

    news = shared_path("benchmarks", "news")
    nli = NLIModel.load()
    cache = ScoreCache(args.cache_dir) if args.cache_dir else None
    for name, path, gap in (("ECB+ open", news / "ecbplus_open.jsonl", None),
                            ("MEANTIME, every pair", news / "meantime.jsonl", -1)):
        options = Options(nli=False)
        if gap is not None:
            options.max_date_gap_days = None
        checker = Checker(options)
        docs = [d for d in load_documents([path]) if d.status == "ok"]
        analyses = checker.analyse_all(docs)
        rows = []
        t0 = time.perf_counter()
        for members in cluster_groups(analyses):
            lemmas = sentence_lemmas(p for a in members for p in a.sentences)
            candidates, _ = select_candidates(members, checker.embedder, options, lemmas)
            texts = [(c.a.sentence.text, c.b.sentence.text) for c in candidates]
            probs = score_pairs(nli, texts + [(b, a) for a, b in texts], cache)
            n = len(candidates)
            for i, c in enumerate(candidates):
                cues = find_cues(c.a.doc, c.b.doc)
                rows.append((c.cosine, bool(cues.contradiction or cues.minimal_edit),
                             float(min(probs[i][0], probs[n + i][0])), c.jaccard,
                             c.a.sentence.text == c.b.sentence.text))
        seconds = time.perf_counter() - t0
        cosine, cue, entail, jaccard, same = np.array(rows, dtype=float).reshape(-1, 5).T
        free = cue == 0
        para = free & (entail >= ENTAILMENT_THRESHOLD)
        print(f"{name}: {len(docs)} articles, {len(rows)} candidate pairs, {int(cue.sum())} with a cue; "
              f"{int(para.sum())} paraphrases (no cue, entailment >= {ENTAILMENT_THRESHOLD} both ways); "
              f"all scored in {seconds:.0f} s{' (cache on)' if cache else ''}")
        for floor in (0.6, 0.7, 0.75, 0.8, 0.85, 0.9):
            kept = int((para & (cosine >= floor)).sum())
            mark = "  <- PARAPHRASE_COSINE" if abs(floor - PARAPHRASE_COSINE) < 1e-9 else ""
            print(f"  floor {floor:.2f}: pairs scored {int(cue.sum() + (free & (cosine >= floor)).sum()):6d} "
                  f"of {len(rows)}, paraphrases kept {kept}/{int(para.sum())}{mark}")
        close = free & (cosine >= PARAPHRASE_COSINE) & (same == 0)
        print(f"  one sentence in both reports: {int((free & (same == 1)).sum())} cue-free pairs, "
              f"{int((para & (same == 1)).sum())} of them paraphrases to the model; of the other "
              f"{int(close.sum())} from cosine {PARAPHRASE_COSINE}, {int((para & close).sum())} paraphrases")
        for floor in (0.2, 0.3, 0.35, 0.4, 0.5, 0.6):
            kept = int((para & close & (jaccard >= floor)).sum())
            mark = "  <- PARAPHRASE_JACCARD" if abs(floor - PARAPHRASE_JACCARD) < 1e-9 else ""
            print(f"  Jaccard floor {floor:.2f}: pairs scored {int((close & (jaccard >= floor)).sum()):6d} of "
                  f"{int(close.sum())}, paraphrases kept {kept}/{int((para & close).sum())}{mark}")


if __name__ == "__main__":
    main()
