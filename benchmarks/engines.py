"""Local engine vs Ray engine on a corpus built from the open ECB+ and MEANTIME articles.

    python benchmarks/engines.py --articles 10000        # the issue's size (long on 2 cores)
    python benchmarks/engines.py --articles 300 --nli

Copies of the articles are spread over distinct clusters (copy k of cluster c is cluster
"c~k"), so the work per cluster stays that of a real one. Prints articles/s and peak memory
(resident set of the process and every process it started, Ray's workers included, sampled
every 0.2 s) for each engine, and whether the two outputs are identical.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's factcheck first
from _shared import shared_path  # noqa: E402


def _tree_rss_mb(root: int) -> float:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / 1024


class PeakMemory:
    def __init__(self):
        self.peak = 0.0
        self._stop = threading.Event()

    def __enter__(self):
        def watch():
            while not self._stop.wait(0.2):
                self.peak = max(self.peak, _tree_rss_mb(os.getpid()))
        self._thread = threading.Thread(target=watch, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_rss_mb(os.getpid()))


def corpus(n: int):
    from factcheck.load import load_documents

    base = load_documents([shared_path("benchmarks", "news", "ecbplus_open.jsonl")])
    base += [replace(d, id=f"mt:{d.id}") for d in
             load_documents([shared_path("benchmarks", "news", "meantime.jsonl")])]
    docs = []
    k = 0
    while len(docs) < n:
        for d in base[: n - len(docs)]:
            docs.append(replace(d, id=f"{d.id}~{k}", cluster=f"{d.cluster}~{k}", warnings=list(d.warnings)))
        k += 1
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--nli", action="store_true")
    ap.add_argument("--engines", default="local,ray")
    args = ap.parse_args()

    from factcheck.api import _nli_for
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    opts = Options(nli=args.nli)
    docs = corpus(args.articles)
    print(f"{len(docs)} articles in {len({d.cluster for d in docs})} clusters, NLI {'on' if args.nli else 'off'}")
    outputs = {}
    for engine in args.engines.split(","):
        copy = [replace(d, warnings=list(d.warnings)) for d in docs]
        with PeakMemory() as mem:
            t0 = time.perf_counter()
            if engine == "local":
                result = Checker(opts, nli=_nli_for(opts)).check(copy)
            else:
                from factcheck.ray_engine import check_on_ray

                result = check_on_ray(copy, opts, num_cpus=os.cpu_count())
            took = time.perf_counter() - t0
        outputs[engine] = result.to_dict()
        print(f"{engine:<5}: {took:7.1f} s = {len(docs) / took:5.1f} articles/s (models loaded inside), "
              f"peak memory {mem.peak:,.0f} MB, {len(result.findings)} findings")
    if len(outputs) == 2:
        a, b = outputs.values()
        print("outputs identical:", a == b)


if __name__ == "__main__":
    main()
