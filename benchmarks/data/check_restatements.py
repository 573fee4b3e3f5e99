"""Check hand-written restatement case files against the news corpora they quote.

Usage: python benchmarks/data/check_restatements.py [CASES.jsonl ...]
(default: every benchmarks/data/restatements*.jsonl). Needs shared/benchmarks/news/; exits 0 with a note when absent.
Prints one line per problem, then counts by corpus and label; exit status 1 when any problem was found.
"""
from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEWS = HERE.parents[2] / "shared" / "benchmarks" / "news"
CORPORA = {"ecbplus": "ecbplus_open.jsonl", "meantime": "meantime.jsonl"}
FIELDS = ("case_id", "label", "corpus", "cluster", "source_doc", "source_sentence", "target_doc", "added_sentence", "fact")
PREFIX = {"incompatible": "-inc-", "compatible": "-com-"}


def load_docs(news: Path) -> dict[tuple[str, str, str], str]:
    docs = {}
    for corpus, name in CORPORA.items():
        for line in (news / name).read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            docs[(corpus, d["cluster"], d["id"])] = d["text"]
    return docs


def check(path: Path, docs: dict[tuple[str, str, str], str], seen: set[str]) -> tuple[list[str], collections.Counter]:
    problems, counts = [], collections.Counter()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{n}"
        try:
            case = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: not JSON ({e})")
            continue
        missing = [f for f in FIELDS if not case.get(f)]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
            continue
        cid = case["case_id"]
        if cid in seen:
            problems.append(f"{where}: duplicate case_id {cid}")
        seen.add(cid)
        if PREFIX.get(case["label"], "?") not in cid:
            problems.append(f"{where}: case_id {cid} does not match label {case['label']}")
        key = (case["corpus"], case["cluster"])
        source, target = docs.get((*key, case["source_doc"])), docs.get((*key, case["target_doc"]))
        if source is None:
            problems.append(f"{where}: source_doc {case['source_doc']} not in {case['corpus']} cluster {case['cluster']}")
        elif case["source_sentence"] not in source:
            problems.append(f"{where}: source_sentence is not a substring of {case['source_doc']}")
        if target is None:
            problems.append(f"{where}: target_doc {case['target_doc']} not in {case['corpus']} cluster {case['cluster']}")
        elif case["added_sentence"] in target:
            problems.append(f"{where}: added_sentence already occurs in {case['target_doc']}")
        if case["source_doc"] == case["target_doc"]:
            problems.append(f"{where}: target_doc equals source_doc")
        counts[(case["corpus"], case["label"])] += 1
    return problems, counts


def main(argv: list[str]) -> int:
    if not NEWS.is_dir():
        print(f"skipped: {NEWS} not found")
        return 0
    docs = load_docs(NEWS)
    files = [Path(a) for a in argv] or sorted(HERE.glob("restatements*.jsonl"))
    seen: set[str] = set()
    failed = False
    for path in files:
        problems, counts = check(path, docs, seen)
        for p in problems:
            print(p)
        failed |= bool(problems)
        labels = collections.Counter(label for (_, label), k in counts.items() for _ in range(k))
        print(f"{path.name}: {sum(counts.values())} cases, {dict(sorted(counts.items()))}, "
              f"labels {dict(labels)}, {'FAILED' if problems else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
