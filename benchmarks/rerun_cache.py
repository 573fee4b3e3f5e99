"""Re-run speed with the NLI score cache: a first check of the MEANTIME clusters with an empty
cache, then a second check with one article added (as a CI job re-runs after one new file).

    python benchmarks/rerun_cache.py                      # the shipped NLI model
    python benchmarks/rerun_cache.py --model PATH --cluster corpus_apple

Models are loaded before timing, so the times are those of the check itself. The second run
is also timed without the cache, for reference.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import shared_path  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", help="NLI model directory or hub id (default: the shipped one)")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--cluster", action="append", help="only these MEANTIME clusters (repeatable)")
    args = ap.parse_args()

    from factcheck.cache import ScoreCache
    from factcheck.errors import FactcheckError
    from factcheck.load import load_documents
    from factcheck.nli import NLIModel
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    corpus = shared_path("benchmarks", "news", "meantime")
    try:
        nli = NLIModel.load(args.model, device=args.device)
    except FactcheckError as e:
        print(f"skipped: no NLI model: {e}")
        return

    with tempfile.TemporaryDirectory() as tmp:
        work, cache_dir = Path(tmp) / "news", Path(tmp) / "cache"
        clusters = sorted(p for p in corpus.iterdir() if p.is_dir() and (not args.cluster or p.name in args.cluster))
        held_out = None
        for c in clusters:
            files = sorted(f for f in c.iterdir() if f.is_file())
            if held_out is None and len(files) > 2:
                held_out, files = files[-1], files[:-1]
            for f in files:
                (work / c.name).mkdir(parents=True, exist_ok=True)
                shutil.copy(f, work / c.name / f.name)
        if held_out is None:
            print("skipped: no cluster with more than two articles")
            return

        opts = Options(nli=True, device=args.device)
        checker = Checker(opts, nli=nli)  # loads spaCy and the embedder once
        checker.check(load_documents([work])[:2])  # warm-up

        def timed(cache):
            checker.cache = cache
            docs = load_documents([work])
            t0 = time.perf_counter()
            result = checker.check(docs)
            return time.perf_counter() - t0, len(docs), result

        cache = ScoreCache(cache_dir)
        t1, n1, r1 = timed(cache)
        h1, m1 = cache.hits, cache.misses
        shutil.copy(held_out, work / held_out.parent.name / held_out.name)
        cache = ScoreCache(cache_dir)
        t2, n2, r2 = timed(cache)
        h2, m2 = cache.hits, cache.misses
        t3, _, _ = timed(None)

    print(f"model: {nli.name}, clusters: {', '.join(c.name for c in clusters)}")
    print(f"first run, empty cache: {n1} articles in {t1:.2f} s (pairs scored {m1}, cached {h1}); "
          f"{len(r1.findings)} findings")
    print(f"second run, +1 article ({held_out.parent.name}/{held_out.name}), warm cache: {n2} articles "
          f"in {t2:.2f} s (pairs scored {m2}, from cache {h2}); {len(r2.findings)} findings")
    print(f"second run without the cache: {t3:.2f} s")


if __name__ == "__main__":
    main()
