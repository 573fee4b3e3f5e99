"""Where a check's memory goes, stage by stage, with and without factcheck.memory's remedies.

    python benchmarks/memory.py                  # the open ECB+ articles (462), NLI on, both runs
    python benchmarks/memory.py --limit 100      # the first 100 articles

Each run is a fresh process that prints, after each stage (spaCy loaded, documents parsed, the
sentence encoder and the NLI model loaded, every cluster judged), the seconds since start, the
resident set size and its peak so far (VmRSS, VmHWM). "remedies off" gives oneDNN its default
kernel cache (1,024 shapes) and never hands the heap's free memory back; "factcheck" is the
shipped behaviour. Run it on an idle machine: the two runs are timed too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))


def _status() -> tuple[float, float]:
    fields = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("VmRSS", "VmHWM")):
                fields[line.split(":")[0]] = int(line.split()[1]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def run_stages(limit: int | None, remedies: bool) -> None:
    from _shared import shared_path

    from factcheck import pipeline
    from factcheck.load import load_documents
    from factcheck.nli import NLIModel
    from factcheck.options import Options
    from factcheck.pipeline import Checker, cluster_groups

    if not remedies:
        pipeline.release = lambda: None
    start = time.perf_counter()

    def say(stage: str) -> None:
        rss, peak = _status()
        print(f"  {time.perf_counter() - start:7.1f} s  {stage:<22} RSS {rss:6.0f} MB  peak {peak:6.0f} MB", flush=True)

    docs = load_documents([shared_path("benchmarks", "news", "ecbplus_open.jsonl")])[:limit]
    checker = Checker(Options())
    say("spaCy loaded")
    analyses = checker.analyse_all(docs)
    say(f"{len(docs)} articles parsed")
    checker.embedder
    checker.nli = NLIModel.load()
    say("models loaded")
    groups = cluster_groups(analyses)
    for g in groups:
        checker.judge_cluster(g)
    say(f"{len(groups)} clusters judged")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, help="the first N articles only")
    ap.add_argument("--stages", choices=("on", "off"), help=argparse.SUPPRESS)  # one run, in a child
    args = ap.parse_args()
    if args.stages:
        run_stages(args.limit, args.stages == "on")
        return
    extra = ["--limit", str(args.limit)] if args.limit else []
    for label, remedies, env in (("remedies off", "off", {"ONEDNN_PRIMITIVE_CACHE_CAPACITY": "1024"}),
                                 ("factcheck", "on", {})):
        print(label)
        child_env = {k: v for k, v in os.environ.items() if k != "ONEDNN_PRIMITIVE_CACHE_CAPACITY"}
        subprocess.run([sys.executable, __file__, "--stages", remedies, *extra], env={**child_env, **env},
                       check=True)


if __name__ == "__main__":
    main()
