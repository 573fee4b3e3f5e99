"""Size and render time of the reports people read (html, md), and how fast the HTML opens in
Chromium: the seeds, the open ECB+ clean clusters (462 articles, 40 clusters), and an actual
500-article run (those 462 plus 38 edited copies from the valid number and date edit cases,
each added to its cluster beside the article it was made from, as a wire copy with one figure
changed would be).

    python benchmarks/report_size.py                       # every set
    python benchmarks/report_size.py --sets seeds ecb      # some of them
    python benchmarks/report_size.py --screenshots reports # also PNGs of the seeds report and
                                                           # of an edited-seeds report with a conflict

The seeds are checked with the NLI stage (the report as `make report` writes it); ECB+ without
it (--no-nli), to keep the run short: NLI adds paraphrase rows, not size that matters. ECB+ is
read as a user's JSONL file would be (`factcheck check articles.jsonl`), so in-text timestamps
date the articles as they would in a real run.
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


# The seeds edited to hold a conflict (a changed year) and a figure the checker aligns but does
# not judge (a second jets figure it doubts is the same fact): the report's hard cases.
ADDED = "Roughly 80 jets were kept on high alert, he said.\n"


def edited_seeds(folder: Path) -> Path:
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    second = folder / "001_cf6b84a07b3c0ba3.txt"
    text = second.read_text(encoding="utf-8")
    text = text.replace("Stoltenberg said.\n", "Stoltenberg said.\n\n" + ADDED, 1)
    second.write_text(text.replace("had in 2014", "had in 2016"), encoding="utf-8")
    return folder


def _records(cases: list[dict]) -> list[dict]:
    return [{"id": f"{c['cluster']}/{d['id']}", "cluster": c["cluster"], "date": d.get("date"), "text": d["text"]}
            for c in cases for d in c["documents"]]


def ecb_records(n: int | None = None) -> list[dict]:
    """The 462 clean ECB+ articles as JSONL records; with ``n`` above that, topped up with
    the edited article of valid number and date cases (in file order) until there are ``n``."""
    clean = [json.loads(line) for line in
             shared_path("benchmarks", "news", "ecbplus_open_clean.jsonl").read_text(encoding="utf-8").splitlines()]
    records = _records(clean)
    if n is None or n <= len(records):
        return records[:n] if n else records
    perturbed = shared_path("benchmarks", "news", "ecbplus_open_perturbed.jsonl")
    for line in perturbed.read_text(encoding="utf-8").splitlines():
        if len(records) >= n:
            break
        case = json.loads(line)
        if not (case["review"]["valid"] and case["kind"] in ("number", "date")):
            continue
        doc = next(d for d in case["documents"] if d["id"] == case["edited_doc"])
        records.append({"id": f"{case['cluster']}/{doc['id']}~{case['case_id']}", "cluster": case["cluster"],
                        "date": doc.get("date"), "text": doc["text"]})
    return records


def load_records(records: list[dict], folder: Path, name: str):
    """The records written as a JSONL file and read by the loader, as `factcheck check` would."""
    from factcheck.load import load_documents

    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return load_documents([str(path)])


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
    clusters = len({d.cluster for d in result.documents})
    print(f"{name}: {n_articles} articles in {clusters} cluster(s), {len(result.claims)} claims, "
          f"{len(result.findings)} findings, {len(result.not_compared)} not compared | "
          f"html {html_bytes / 1e6:.2f} MB rendered in {html_s:.2f} s, opens in Chromium in {opened_s} | "
          f"md {md_bytes / 1e6:.2f} MB in {md_s:.2f} s", flush=True)
    if n_articles >= 500:
        ok = html_bytes < 10e6 and opened is not None and opened < 3
        print(f"  500-article targets (html < 10 MB, opens in < 3 s): {'met' if ok else 'NOT met'}", flush=True)


SETS = ("seeds", "ecb", "500")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS),
                    help="seeds (and the edited seeds), ecb (462 clean articles), 500 (an actual 500-article run)")
    ap.add_argument("--screenshots", type=Path, help="folder for PNG screenshots of the seeds reports")
    ap.add_argument("--save-json", type=Path, help="also write the result JSON of the last ECB+ set here")
    args = ap.parse_args()

    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    out = Path(tempfile.mkdtemp(prefix="factcheck-report-size-"))
    shots = args.screenshots
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    nlp = None
    if "seeds" in args.sets:
        from factcheck.nli import NLIModel

        checker = Checker(Options(), nli=NLIModel.load())
        nlp = checker.nlp
        here = Path.cwd()
        work = Path(tempfile.mkdtemp())
        shutil.copytree(SEEDS, work / "seeds")
        (work / "edited-seeds").mkdir()
        edited_seeds(work / "edited-seeds")
        os.chdir(work)  # so the reports name the files as a user would type them: seeds/..., edited-seeds/...
        try:
            seeds = checker.check(load_documents(["seeds/"]))
            edited = checker.check(load_documents(["edited-seeds/"]))
        finally:
            os.chdir(here)
        measure("seeds", seeds, len(seeds.documents), out, shots / "seeds.png" if shots else None)
        measure("edited-seeds", edited, len(edited.documents), out, shots / "edited-seeds.png" if shots else None)

    plain = Checker(Options(nli=False), nlp=nlp)
    result = None
    for name, n in (("ecbplus-clean", None), ("ecbplus-500", 500)):
        if ("ecb" if n is None else "500") not in args.sets:
            continue
        docs = load_records(ecb_records(n), out, name)
        t0 = time.perf_counter()
        result = plain.check(docs)
        print(f"({name}: {len(docs)} articles checked without NLI in {time.perf_counter() - t0:.0f} s)", flush=True)
        measure(name, result, len(docs), out)
    if args.save_json and result is not None:
        args.save_json.write_text(json.dumps(result.to_dict()), encoding="utf-8")
    print(f"reports written to {out}")


if __name__ == "__main__":
    main()
