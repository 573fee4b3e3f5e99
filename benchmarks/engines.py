"""Local engine, streaming and Ray engine on a corpus built from the open ECB+ and MEANTIME articles.

    python benchmarks/engines.py --articles 10000        # the issue's size (long on 2 cores)
    python benchmarks/engines.py --articles 300 --nli
    python benchmarks/engines.py --articles 2000 --engines stream

Copies of the articles are spread over distinct clusters (copy k of cluster c is cluster
"c~k"), so the work per cluster stays that of a real one; the corpus is written to a temporary
JSONL file (the source records with new ids and clusters) and every engine reads it. Engines:
``local`` (``Checker.check`` in this process: the whole corpus in memory), ``stream`` (the
command line, ``factcheck check corpus.jsonl --format jsonl``, which checks one cluster at a
time: factcheck.stream) and ``ray``. Prints articles/s and peak memory (resident set of the
process and every process it started, Ray's workers and the streaming command included, sampled
every 0.2 s) for each, and whether their findings are identical.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import sys
import threading
import time
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


def corpus(n: int, path: Path) -> int:
    """Write n records to ``path`` (JSONL); returns the number of clusters."""
    news = shared_path("benchmarks", "news")
    base = [json.loads(l) for l in (news / "ecbplus_open.jsonl").open(encoding="utf-8")]
    base += [dict(r, id=f"mt:{r['id']}") for r in
             (json.loads(l) for l in (news / "meantime.jsonl").open(encoding="utf-8"))]
    clusters = set()
    with path.open("w", encoding="utf-8") as f:
        written, k = 0, 0
        while written < n:
            for r in base[: n - written]:
                rec = dict(r, id=f"{r['id']}~{k}", cluster=f"{r['cluster']}~{k}")
                clusters.add(rec["cluster"])
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                written += 1
            k += 1
    return len(clusters)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--nli", action="store_true")
    ap.add_argument("--engines", default="local,stream,ray")
    args = ap.parse_args()

    from factcheck.api import _nli_for
    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    opts = Options(nli=args.nli, cluster="none")
    outputs = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        n_clusters = corpus(args.articles, path)
        print(f"{args.articles} articles in {n_clusters} clusters ({path.stat().st_size / 1e6:.0f} MB of JSONL), "
              f"NLI {'on' if args.nli else 'off'}")
        for engine in args.engines.split(","):
            with PeakMemory() as mem:
                t0 = time.perf_counter()
                if engine == "stream":
                    out = Path(tmp) / "findings.jsonl"
                    cmd = [sys.executable, "-m", "factcheck", "check", str(path), "--cluster", "none",
                           "--format", "jsonl", "--output", str(out), "--quiet", "--fail-on", "none"]
                    cmd += [] if args.nli else ["--no-nli"]
                    run = subprocess.run(cmd, cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True)
                    if run.returncode not in (0, 1, 2):
                        sys.exit(f"streaming run failed ({run.returncode}): {run.stderr[-2000:]}")
                    findings = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
                elif engine == "local":
                    docs = load_documents([path])
                    findings = [f.to_dict() for f in Checker(opts, nli=_nli_for(opts)).check(docs).findings]
                else:
                    from factcheck.ray_engine import check_on_ray

                    docs = load_documents([path])
                    findings = [f.to_dict() for f in check_on_ray(docs, opts, num_cpus=os.cpu_count()).findings]
                took = time.perf_counter() - t0
            if engine == "ray":
                import ray

                # its processes would otherwise count in the next engine's peak (local after Ray:
                # 2,739 MB against 1,181 MB first)
                ray.shutdown()
            outputs[engine] = findings
            print(f"{engine:<6}: {took:7.1f} s = {args.articles / took:5.1f} articles/s (models loaded inside), "
                  f"peak memory {mem.peak:,.0f} MB, {len(findings)} findings")
    if len(outputs) > 1:
        first = next(iter(outputs.values()))
        print("findings identical:", all(v == first for v in outputs.values()))


if __name__ == "__main__":
    main()
