"""Start-up: how fast the command line answers, and where the seed check's time goes.

    python benchmarks/startup.py          # wall time of each command in a fresh interpreter
    python benchmarks/startup.py --quick  # one run each instead of the median of three

Targets (issue 12): --help, usage errors and missing paths under 0.5 s; the seed check split
into model loading and work. Needs nothing from ../shared: it runs on seeds/.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's factcheck, not whichever one is installed
SEEDS = ROOT / "seeds"
A = "Autocracy will always lose to democracy."
B = "Democracy will always prevail over autocracy."


def wall(argv: list[str], cwd: Path, runs: int) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times, code = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        code = subprocess.run([sys.executable, "-m", "factcheck", *argv], cwd=cwd, env=env,
                              capture_output=True).returncode
        times.append(time.perf_counter() - t0)
    return statistics.median(times), code


def split() -> list[tuple[str, float]]:
    """In this process: import, model loading and work of a seed check, with and without NLI."""
    out = []
    t0 = time.perf_counter()
    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    out.append(("import factcheck (pipeline, loaders)", time.perf_counter() - t0))
    t0 = time.perf_counter()
    docs = load_documents([SEEDS])
    out.append(("read seeds/ (2 documents)", time.perf_counter() - t0))
    t0 = time.perf_counter()
    from factcheck.nlp import load_spacy

    nlp = load_spacy()
    out.append(("load spaCy (imports torch through thinc)", time.perf_counter() - t0))
    t0 = time.perf_counter()
    Checker(Options(nli=False), nlp=nlp).check(load_documents([SEEDS]))
    out.append(("work: seed check without NLI", time.perf_counter() - t0))
    t0 = time.perf_counter()
    from factcheck.api import _nli_for

    opts = Options()
    nli = _nli_for(opts)
    checker = Checker(opts, nlp=nlp, nli=nli)
    out.append(("load NLI model and sentence encoder", time.perf_counter() - t0))
    t0 = time.perf_counter()
    checker.check(docs)
    out.append(("work: seed check with NLI", time.perf_counter() - t0))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="one run per command instead of three")
    args = ap.parse_args()
    runs = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "a.txt").write_text("date: 2022-02-24\n\nThey have 80 jets.\n", encoding="utf-8")
        fast = [
            ("--help", ["--help"]),
            ("usage error (--fail-on fatal)", ["check", "a.txt", "--fail-on", "fatal"]),
            ("missing path", ["check", "missing.txt"]),
            ("compare '' x", ["compare", "", "x"]),
            ("bad config key", ["check", "a.txt", "--config", str(tmp / "bad.toml")]),
        ]
        (tmp / "bad.toml").write_text('fail_onn = "error"\n', encoding="utf-8")
        slow = [
            ("check seeds/ --no-nli", ["check", str(SEEDS), "--no-nli"]),
            ("check seeds/ (NLI, no cache)", ["check", str(SEEDS), "--no-cache"]),
            ("compare A B --no-nli", ["compare", A, B, "--no-nli"]),
            ("compare A B", ["compare", A, B]),
        ]
        print(f"{'command (fresh interpreter)':40} {'exit':>4} {'wall s':>7}  target")
        for name, argv in fast:
            t, code = wall(argv, tmp, runs)
            print(f"{name:40} {code:>4} {t:7.2f}  < 0.5 s {'met' if t < 0.5 else 'NOT met'}")
        for name, argv in slow:
            t, code = wall(argv, tmp, 1)
            print(f"{name:40} {code:>4} {t:7.2f}")
    print()
    print(f"{'seed check, in one process':40} {'s':>7}")
    for name, t in split():
        print(f"{name:40} {t:7.2f}")


if __name__ == "__main__":
    main()
