"""The seed edits of the same-fact issue: each edit of the two seed reports, in place or restated
in the other report in other words, and whether the checker flags it.

    python benchmarks/seed_edits.py [--no-nli]

An edit that makes the reports disagree is caught when a conflict or contradiction finding
cites the edited sentence; a control (the seeds as they are, or a compatible restatement)
passes when nothing cites it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CONFLICT_RULES = {"numeric-conflict", "temporal-conflict", "polarity-conflict", "contradiction"}

# (name, report 0 or 1, old text or None to append, new text, should it be flagged?). "In
# place": the other report gains the first one's sentence with another value; "restated": it
# gains the fact in other words.
EDITS = [
    ("seeds as they are", 0, None, "", False),
    ("jets in place", 1, None, "He said they have 80 jets on high alert to protect allied airspace.", True),
    ("jets restated", 1, None, "Roughly 70 jets were kept on high alert, he said.", True),
    ("jets restated, compatible", 1, None, "More than 90 jets were on high alert, he said.", False),
    ("ships in place", 1, None, "He said there are 90 allied ships at sea from the Arctic to the Mediterranean.", True),
    ("ships restated", 1, None, "About 80 allied vessels were at sea, he said.", True),
    ("meeting day in place", 1, None, "NATO leaders will meet on Saturday to discuss the next steps.", True),
    ("meeting day restated", 1, None, "The alliance's leaders are to gather on February 28, he said.", True),
    ("year in place", 1, "than Ukraine had in 2014", "than Ukraine had in 2015", True),
    ("year restated", 1, None, "Ukraine's forces are far stronger than they were in 2011, he said.", True),
    ("polarity in place", 0, "Autocracy will always lose to democracy", "Autocracy will never lose to democracy", True),
    ("polarity restated", 1, None, "Allied soldiers will be stationed in Ukraine, he said.", True),
]


def edited(texts: list[str], report: int, old: str | None, new: str) -> tuple[list[str], tuple[int, int] | None]:
    texts = list(texts)
    if not new:
        return texts, None
    if old is None:
        body = texts[report].rstrip() + "\n\n"
        texts[report] = body + new + "\n"
        return texts, (len(body), len(body) + len(new))
    start = texts[report].index(old)
    texts[report] = texts[report][:start] + new + texts[report][start + len(old):]
    return texts, (start, start + len(new))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-nli", action="store_true")
    args = ap.parse_args()

    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    opts = Options(nli=not args.no_nli)
    nli = None
    if opts.nli:
        from factcheck.nli import NLIModel

        nli = NLIModel.load()
    checker = Checker(opts, nli=nli)
    import tempfile

    right = 0
    for name, report, old, new, flag in EDITS:
        changed, span = edited(texts, report, old, new)
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for p, t in zip(seeds, changed):
                (Path(tmp) / p.name).write_text(t, encoding="utf-8")
                paths.append(Path(tmp) / p.name)
            docs = load_documents(paths)
            result = checker.check(docs)
        target = docs[report].id
        found = [f for f in result.findings if f.rule in CONFLICT_RULES and (span is None or any(
            e.doc == target and e.start < span[1] and span[0] < e.end for e in f.evidence))]
        ok = bool(found) == flag
        right += ok
        how = ", ".join(f"{f.rule} (same fact {f.same_fact})" for f in found) or "nothing"
        print(f"  {'ok  ' if ok else 'FAIL'} {name:28s} expected {'a finding' if flag else 'none':9s} got {how}")
    print(f"seed edits, NLI {'on' if opts.nli else 'off'}: {right}/{len(EDITS)} as expected")


if __name__ == "__main__":
    main()
