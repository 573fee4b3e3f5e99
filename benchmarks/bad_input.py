"""The bad-input battery: every case is a folder with one bad input beside a good report, checked
by `factcheck check DIR --no-nli --format json` in a fresh process.

    python benchmarks/bad_input.py             # the whole battery
    python benchmarks/bad_input.py 30MB 1e400  # only the cases whose name contains a word

For each case it prints the exit code, the first stderr line, whether the good report was still
checked, wall time and peak memory. Targets (issue 12): no traceback, the good report always
checked, each case under 30 s and 1.5 GB. Run as root, the command runs under
`setpriv --bounding-set=-dac_override,-dac_read_search` so that an unreadable file is unreadable.
Needs nothing from ../shared.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOOD = "date: 2022-02-24\n\nThey have over 100 jets on high alert to protect the airspace.\n"
SENTENCE = "They have 80 jets on high alert to protect the airspace. "
TIMEOUT_S = 180


def _unreadable(d: Path) -> None:
    p = d / "secret.txt"
    p.write_text(GOOD)
    p.chmod(0)


def _symlink_loop(d: Path) -> None:
    os.symlink("loop", d / "loop")  # a link to itself
    os.symlink(".", d / "again")  # a folder link back to its own folder


CASES = {
    "empty": lambda d: (d / "empty.txt").write_bytes(b""),
    "binary": lambda d: (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64),
    "Latin-1": lambda d: (d / "latin1.txt").write_bytes("Le café a 80 tables.\n".encode("latin-1")),
    "UTF-16": lambda d: (d / "utf16.txt").write_bytes(("date: 2022-02-24\n\n" + SENTENCE).encode("utf-16")),
    "malformed JSON": lambda d: (d / "broken.json").write_text('{"id": "x", "text": "80 jets",'),
    "malformed CSV": lambda d: (d / "broken.csv").write_text('id,text\n"a,"They have 80 jets\n"b'),
    "malformed JSONL": lambda d: (d / "broken.jsonl").write_text('{"id": "a", "text": "80 jets"}\n{oops\n'),
    "symlink loop": _symlink_loop,
    "unreadable file": _unreadable,
    "HTML with script": lambda d: (d / "page.html").write_text(
        "<html><head><title>T</title><script>var jets = 100; alert('1e400 ' + jets)</script></head>"
        "<body><article><p>" + SENTENCE * 3 + "</p></article><script>while(true){}</script></body></html>"),
    "broken front matter": lambda d: (d / "post.md").write_text("---\ntitle: [unclosed\ndate: 2022-02-24\n---\n\n"
                                                                + SENTENCE + "\n"),
    "5,000 numbers": lambda d: (d / "numbers.txt").write_text(
        "date: 2022-02-24\n\n" + " ".join(f"Unit {i} has {i % 97 + 3} jets." for i in range(5_000)) + "\n"),
    "30 MB text": lambda d: (d / "huge.txt").write_text(
        "date: 2022-02-24\n\n" + (SENTENCE * 20 + "\n\n") * (30_000_000 // (len(SENTENCE) * 20 + 2))),
    "200,000-char line": lambda d: (d / "line.txt").write_text(
        "date: 2022-02-24\n\n" + ", ".join(f"unit {i} has {i % 97 + 3} jets" for i in range(9_000))[:200_000] + "\n"),
    "1e400": lambda d: (d / "overflow.txt").write_text("date: 2022-02-24\n\nThe value was 1e400 jets, or 1e309.\n"),
}


def _prefix() -> list[str]:
    """Drop root's power to read any file, so that an unreadable file is unreadable."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        print("note: running as root without setpriv (apt-get install util-linux): "
              "the unreadable file is readable", file=sys.stderr)
        return []
    return ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search", "--"]


def run_case(name: str, make) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "in"
        d.mkdir()
        (d / "good.txt").write_text(GOOD, encoding="utf-8")
        make(d)
        cmd = [*_prefix(), sys.executable, "-m", "factcheck", "check", str(d), "--no-nli", "--format", "json",
               "--no-cache"]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
        t0 = time.perf_counter()
        out_path, err_path = Path(tmp) / "out", Path(tmp) / "err"
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=out, stderr=err)
            try:
                _, status, usage = _wait(proc, TIMEOUT_S)
                code = os.waitstatus_to_exitcode(status)
            except TimeoutError:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                code = "timeout"
        wall = time.perf_counter() - t0
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
        try:
            payload = json.loads(out_path.read_text(encoding="utf-8"))
            good = next(x for x in payload["documents"] if x["id"] == "good.txt")
            checked = good["status"] == "ok" and any(c["doc"] == "good.txt" for c in payload["claims"])
        except (ValueError, StopIteration, KeyError):
            checked = False
        for p in Path(tmp).rglob("*"):  # let the temporary folder be removed
            if not p.is_symlink():
                p.chmod(0o700)
        return {"case": name, "exit": code, "first": (stderr.splitlines() or [""])[0],
                "traceback": "Traceback" in stderr, "checked": checked, "wall": wall,
                "peak_mb": usage.ru_maxrss / 1024}


def _wait(proc, timeout: float):
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return pid, status, usage
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.05)


def main() -> None:
    wanted = [w.lower() for w in sys.argv[1:]]
    rows = [run_case(n, make) for n, make in CASES.items()
            if not wanted or any(w in n.lower() for w in wanted)]
    print(f"{'case':20} {'exit':>4}  {'first stderr line':72} {'good checked':>12} {'wall s':>7} {'peak MB':>8}")
    for r in rows:
        first = r["first"] if len(r["first"]) <= 72 else r["first"][:69] + "..."
        print(f"{r['case']:20} {r['exit']!s:>4}  {first:72} {'yes' if r['checked'] else 'NO':>12} "
              f"{r['wall']:7.1f} {r['peak_mb']:8.0f}")
    bad = [r["case"] for r in rows if r["traceback"] or not r["checked"] or r["wall"] >= 30 or r["peak_mb"] >= 1536]
    print("\ntargets (no traceback, good report checked, < 30 s, < 1.5 GB): "
          + ("all met" if not bad else "NOT met for " + ", ".join(bad)))


if __name__ == "__main__":
    main()
