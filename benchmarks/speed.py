"""End-to-end speed and peak memory on the MEANTIME clusters (120 Wikinews articles).

    python benchmarks/speed.py            # without the NLI stage (target: >= 10 articles/s)
    python benchmarks/speed.py --nli      # with it: also pairs scored vs all cross-document pairs
    python benchmarks/speed.py --bare     # also a bare `nlp.pipe` of the same texts, same pipeline
    python benchmarks/speed.py --bare --jobs 2   # factcheck parsing in 2 processes (and the bare parse too)

``--bare`` times, in the same run and with the same loaded pipeline, spaCy alone over the whole
article texts (``nlp.pipe``, batches of 64) and over the sentences factcheck parses, and prints
factcheck's end-to-end time as a multiple of the bare parse (target: at most 1.5x). With
``--jobs N`` factcheck parses in N processes, and the bare parse is timed in one process and in N.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import shared_path  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nli", action="store_true", help="include the NLI contradiction stage")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--bare", action="store_true", help="also time a bare nlp.pipe of the same texts")
    ap.add_argument("--jobs", type=int, default=1, help="parsing processes (factcheck --jobs)")
    args = ap.parse_args()

    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    docs = load_documents([shared_path("benchmarks", "news", "meantime.jsonl")])[: args.limit]
    t0 = time.perf_counter()
    nli = None
    if args.nli:
        from factcheck.nli import NLIModel

        nli = NLIModel.load()
    checker = Checker(Options(nli=args.nli, jobs=args.jobs), nli=nli)
    load_s = time.perf_counter() - t0
    checker.check(docs[:2])  # warm-up: first spaCy call allocates

    t0 = time.perf_counter()
    analyses = checker.analyse_all(docs, prefetch=True)  # as Checker.check: the encoder starts while parsing
    extract_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    result = checker.judge(analyses)
    judge_s = time.perf_counter() - t1
    total = time.perf_counter() - t0
    words = sum(len(d.text.split()) for d in docs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"articles: {len(docs)} ({words} words), clusters: {len({d.cluster for d in docs})}, "
          f"parsing processes: {checker.jobs}")
    print(f"model loading: {load_s:.1f} s (once per run)")
    print(f"segment+parse+extract: {extract_s:.2f} s, align+judge{'+nli' if args.nli else ''}: {judge_s:.2f} s")
    print(f"end to end: {total:.2f} s = {len(docs) / total:.1f} articles/s")
    print(f"claims: {len(result.claims)}, findings: {len(result.findings)}, agreements: {len(result.agreements)}")
    print(f"peak RSS: {peak_mb:.0f} MB")
    if args.bare:
        from factcheck.limits import clip_document, split_long_sentences
        from factcheck.segment import split_sentences

        nlp = checker.nlp
        t0 = time.perf_counter()
        for _ in nlp.pipe([d.text for d in docs], batch_size=64):
            pass
        bare_docs = time.perf_counter() - t0
        opts = checker.options
        sentences = [s.text for d in docs for s in split_long_sentences(
            d, split_sentences(clip_document(d, opts.max_document_chars)), opts.max_sentence_chars)]
        t0 = time.perf_counter()
        for _ in nlp.pipe(sentences, batch_size=64):
            pass
        bare_sents = time.perf_counter() - t0
        if checker.jobs > 1:
            t0 = time.perf_counter()
            for _ in nlp.pipe([d.text for d in docs], batch_size=64, n_process=checker.jobs):
                pass
            parallel = time.perf_counter() - t0
            print(f"bare nlp.pipe of the articles in {checker.jobs} processes: {parallel:.2f} s; "
                  f"factcheck end to end / that: {total / parallel:.2f}x")
        print(f"bare nlp.pipe ({', '.join(nlp.pipe_names)}): whole articles {bare_docs:.2f} s = "
              f"{len(docs) / bare_docs:.1f} articles/s; the {len(sentences)} sentences factcheck parses "
              f"{bare_sents:.2f} s")
        print(f"factcheck{'' if args.nli else ' --no-nli'} end to end / bare parse of the articles: "
              f"{total:.2f} s / {bare_docs:.2f} s = {total / bare_docs:.2f}x (target <= 1.5x); "
              f"/ bare parse of its sentences: {total / bare_sents:.2f}x")
    if args.nli:
        from factcheck.contradiction import select_candidates

        cands, total_pairs = select_candidates(analyses, checker.embedder, checker.options)
        print(f"NLI candidate pairs: {len(cands)} of {total_pairs} cross-document sentence pairs "
              f"({100 * len(cands) / max(total_pairs, 1):.2f}%)")


if __name__ == "__main__":
    main()
