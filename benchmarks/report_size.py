"""Size and render time of the reports people read (html, md), and how fast the HTML opens in
Chromium, for the seeds and for the open ECB+ clean clusters (462 articles, 40 clusters).

    python benchmarks/report_size.py                       # figures
    python benchmarks/report_size.py --screenshots reports # also PNGs of the seeds report and
                                                           # of an edited-seeds report with a conflict

The seeds are checked with the NLI stage (the report as `make report` writes it); ECB+ without
it (--no-nli), to keep the run short: NLI adds paraphrase rows, not size that matters.
Targets: the HTML of a 500-article run under 10 MB, open in Chromium in under 3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(ROOT))  # measure the checkout this script is in, not another install
from _shared import shared_path  # noqa: E402

SEEDS = ROOT / "seeds"


def edited_seeds(folder: Path) -> Path:
    """The seeds with a conflict: a second jets figure and a changed year in the second report."""
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    second = folder / "001_cf6b84a07b3c0ba3.txt"
    text = second.read_text(encoding="utf-8")
    text = text.replace("Stoltenberg said.\n", "Stoltenberg said.\n\nRoughly 70 jets were kept on high alert, he said.\n", 1)
    second.write_text(text.replace("had in 2014", "had in 2016"), encoding="utf-8")
    return folder


def ecb_documents():
    from factcheck.types import Document

    path = shared_path("benchmarks", "news", "ecbplus_open_clean.jsonl")
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        for d in case["documents"]:
            docs.append(Document(id=f"{case['cluster']}/{d['id']}", text=d["text"], date=d.get("date"),
                                 source=f"{case['cluster']}/{d['id']}", cluster=case["cluster"], verbatim=True))
    return docs


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def open_time(html_path: Path, runs: int = 3, screenshot: Path | None = None) -> float | None:
    """Median seconds from navigation to the load event (parse, style, layout, script)."""
    exe = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if exe is None:
        return None
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        for i in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            t0 = time.perf_counter()
            page.goto(html_path.as_uri(), wait_until="load")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")  # first paint done
            times.append(time.perf_counter() - t0)
            if screenshot is not None and i == 0:
                page.screenshot(path=str(screenshot), full_page=True)
            page.close()
        browser.close()
    return sorted(times)[len(times) // 2]


def measure(name: str, result, n_articles: int, out: Path, screenshot: Path | None = None) -> None:
    from factcheck import report

    row = {}
    for fmt in ("html", "md"):
        report.render(fmt, result)  # the first call also imports Jinja2 and compiles the template
        t0 = time.perf_counter()
        text = report.render(fmt, result)
        row[fmt] = (len(text.encode("utf-8")), time.perf_counter() - t0)
        (out / f"{name}.{fmt}").write_text(text, encoding="utf-8")
    opened = open_time(out / f"{name}.html", screenshot=screenshot)
    html_bytes, html_s = row["html"]
    md_bytes, md_s = row["md"]
    opened_s = f"{opened:.2f} s" if opened is not None else "skipped (no chromium or playwright)"
    print(f"{name}: {n_articles} articles, {len(result.claims)} claims, {len(result.findings)} findings | "
          f"html {html_bytes / 1e6:.2f} MB rendered in {html_s:.2f} s, opens in Chromium in {opened_s} | "
          f"md {md_bytes / 1e6:.2f} MB in {md_s:.2f} s")
    if n_articles > 50:
        per = html_bytes / n_articles
        print(f"  per article {per / 1e3:.1f} kB html: a 500-article run ~{per * 500 / 1e6:.1f} MB (target < 10 MB)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--screenshots", type=Path, help="folder for PNG screenshots of the seeds reports")
    ap.add_argument("--seeds-only", action="store_true", help="skip ECB+ (for the screenshots alone)")
    ap.add_argument("--save-json", type=Path, help="also write the ECB+ result JSON here")
    args = ap.parse_args()

    from factcheck.load import load_documents
    from factcheck.nli import NLIModel
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    out = Path(tempfile.mkdtemp(prefix="factcheck-report-size-"))
    shots = args.screenshots
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    checker = Checker(Options(), nli=NLIModel.load())
    seeds = checker.check(load_documents(["seeds/" if Path("seeds").is_dir() else str(SEEDS)]))
    measure("seeds", seeds, len(seeds.documents), out, shots / "seeds.png" if shots else None)
    work = Path(tempfile.mkdtemp())
    (work / "edited-seeds").mkdir()
    edited_seeds(work / "edited-seeds")
    here = Path.cwd()
    os.chdir(work)  # so the report names the files as a user would type them: edited-seeds/...
    try:
        edited = checker.check(load_documents(["edited-seeds/"]))
    finally:
        os.chdir(here)
    measure("edited-seeds", edited, len(edited.documents), out, shots / "edited-seeds.png" if shots else None)

    if args.seeds_only:
        return
    docs = ecb_documents()
    plain = Checker(Options(nli=False), nlp=checker.nlp)
    t0 = time.perf_counter()
    ecb = plain.check(docs)
    print(f"(ECB+ checked without NLI in {time.perf_counter() - t0:.0f} s)")
    measure("ecbplus-clean", ecb, len(docs), out)
    if args.save_json:
        args.save_json.write_text(json.dumps(ecb.to_dict()), encoding="utf-8")
    print(f"reports written to {out}")


if __name__ == "__main__":
    main()
