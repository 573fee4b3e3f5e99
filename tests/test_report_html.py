"""The HTML report in a real browser: Debian's Chromium driven by Playwright (no browser download).

The seeds, and an edited copy with a conflict and hostile text, are checked once per session
(no NLI: these tests are about the report, not the model). Each test opens the written file
as a user would and asserts on what the page shows.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from .conftest import SEEDS

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)>'
ADDED = f"Roughly 70 jets were kept on high alert, he said. {HOSTILE} NATO leaders will meet on Friday, he said.\n"


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install -e '.[test]')")
    exe = _chromium()
    if exe is None:
        pytest.skip("no chromium on PATH (make install puts Debian's there; elsewhere install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def _check(checker, folder: Path):
    from factcheck.load import load_documents

    return checker.check(load_documents([str(folder)]))


@pytest.fixture(scope="session")
def seeds_result(checker):
    return _check(checker, SEEDS)


@pytest.fixture(scope="session")
def edited_result(checker, tmp_path_factory):
    """The seeds with a conflicting year, a second jets figure, the meeting day restated (an
    agreeing date) and hostile markup in the text."""
    folder = tmp_path_factory.mktemp("edited")
    for f in SEEDS.glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    second = folder / "001_cf6b84a07b3c0ba3.txt"
    text = second.read_text(encoding="utf-8")
    assert "Stoltenberg said.\n" in text and "had in 2014" in text
    text = text.replace("Stoltenberg said.\n", "Stoltenberg said.\n\n" + ADDED, 1).replace("had in 2014", "had in 2016")
    second.write_text(text, encoding="utf-8")
    return _check(checker, folder)


class Page:
    """One report opened in Chromium, with what it logged and every request it made."""

    def __init__(self, browser, html: str, tmp: Path):
        path = tmp / "report.html"
        path.write_text(html, encoding="utf-8")
        self.console: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.as_uri()
        self.page.goto(self.url)

    def close(self):
        self.page.close()


@pytest.fixture
def open_report(browser, tmp_path):
    pages = []

    def _open(result, **context):
        from factcheck.report import html

        p = Page(browser, html.render(result, **context), tmp_path)
        pages.append(p)
        return p

    yield _open
    for p in pages:
        p.close()


def _facts_from_json(data: dict) -> list[dict[str, set[str]]]:
    """The fact table the JSON implies, computed here independently of the report code:
    claims linked by findings or agreements form one fact (a pair left not compared, aligned
    but perhaps two facts, joins nothing); each fact maps to its sources."""
    claims = {c["id"]: c for c in data["claims"]}
    adj = defaultdict(set)
    for item in data["findings"] + data["agreements"]:
        ids = [c for c in item["claims"] if c in claims]
        for a in ids:
            adj[a].update(x for x in ids if x != a)
    seen, facts = set(), []
    for cid in claims:
        if cid in seen:
            continue
        stack, comp = [cid], set()
        while stack:
            x = stack.pop()
            if x in comp:
                continue
            comp.add(x)
            stack.extend(adj[x] - comp)
        seen |= comp
        facts.append({"docs": {claims[c]["doc"] for c in comp}, "claims": comp})
    for item in data["findings"] + data["agreements"] + data.get("not_compared", []):  # sentence pairs without claims
        if not item["claims"]:
            facts.append({"docs": {e["doc"] for e in item["evidence"]}, "claims": set()})
    return facts


@pytest.mark.parametrize("which", ["seeds_result", "edited_result"])
def test_page_loads_without_console_error_or_request_leaving_the_file(which, request, open_report):
    p = open_report(request.getfixturevalue(which))
    p.page.wait_for_load_state("load")
    assert p.console == []
    assert [u for u in p.requests if u != p.url] == []
    assert p.page.locator("table.facts").count() == 1


@pytest.mark.parametrize("which", ["seeds_result", "edited_result"])
def test_fact_table_has_the_rows_and_columns_the_json_implies(which, request, open_report):
    result = request.getfixturevalue(which)
    data = result.to_dict()
    expected = _facts_from_json(data)
    docs = [d["id"] for d in data["documents"] if d["status"] == "ok"]
    p = open_report(result)
    header = p.page.locator("table.facts thead th")
    assert header.count() == 3 + len(docs)
    rows = p.page.locator("table.facts tbody tr.fact")
    assert rows.count() == len(expected)
    columns = p.page.eval_on_selector_all(
        "table.facts thead th.src", "ths => ths.map(th => th.dataset.doc)")
    got = []
    for r in p.page.eval_on_selector_all(
            "table.facts tbody tr.fact",
            "trs => trs.map(tr => Array.from(tr.querySelectorAll('td.cell')).map(td => td.dataset.doc))"):
        got.append(sorted(docs[columns.index(c)] for c in r))
    assert sorted(got) == sorted(sorted(f["docs"]) for f in expected)
    # conflicts first
    outcomes = p.page.eval_on_selector_all("table.facts tbody tr.fact", "trs => trs.map(t => t.dataset.outcome)")
    if data["findings"]:
        assert outcomes[0] == "conflict"
        assert outcomes.count("conflict") == len({frozenset(f["claims"]) for f in data["findings"]})


def test_conflict_cells_show_each_sources_value(edited_result, open_report):
    p = open_report(edited_result)
    row = p.page.locator("tr.fact[data-outcome=conflict]")
    assert row.count() == 1
    assert sorted(row.locator("td.cell").all_inner_texts()) == ["2014", "2016"]
    assert row.locator("td.cell.o-conflict").count() == 2


def test_filter_click_hides_the_rows_it_should(edited_result, open_report):
    data = edited_result.to_dict()
    single = {c for s in data["single_source"] for c in s["claims"]}
    p = open_report(edited_result)
    rows = p.page.locator("tr.fact")
    n_single = p.page.locator("tr.fact[data-outcome='single-source']").count()
    assert n_single == len(single) > 0
    p.page.click("button.outcome[data-outcome='single-source']")
    assert p.page.locator("tr.fact[data-outcome='single-source']:visible").count() == 0
    assert p.page.locator("tr.fact:visible").count() == rows.count() - n_single
    p.page.click("button.outcome[data-outcome='single-source']")  # and back
    assert p.page.locator("tr.fact:visible").count() == rows.count()
    # kind filter and the search box
    p.page.select_option("select.kind", "quantity")
    kinds = p.page.eval_on_selector_all("tr.fact:not([hidden])", "trs => trs.map(t => t.dataset.kind)")
    assert kinds and set(kinds) == {"quantity"}
    p.page.select_option("select.kind", "")
    p.page.fill("input.search", "Consultations")  # case-insensitive, labels and sentences
    visible = p.page.locator("tr.fact:visible")
    assert visible.count() == 1 and "consultations" in visible.inner_text()
    p.page.fill("input.search", "")
    assert p.page.locator("tr.fact:visible").count() == rows.count()


def test_cell_click_shows_its_sentence(edited_result, open_report):
    finding = edited_result.findings[0]
    ev = next(e for e in finding.evidence if e.doc.startswith("001"))
    p = open_report(edited_result)
    detail = p.page.locator("tr.fact[data-outcome=conflict] + tr.detail")
    assert not detail.is_visible()
    cell = p.page.locator("tr.fact[data-outcome=conflict] td.cell").nth(1)
    assert cell.inner_text() == "2016"
    cell.click()
    assert detail.is_visible()
    shown = detail.locator(".mention:visible")
    assert shown.count() == 1
    text = " ".join(shown.inner_text().split())
    assert " ".join(ev.text.split()) in text
    assert "line 5" in text  # line numbers beside the offsets
    assert shown.locator("mark").inner_text() == "2016"
    cell.click()  # a second click closes it
    assert not detail.is_visible()


def test_hostile_input_text_stays_text(edited_result, open_report):
    p = open_report(edited_result)
    assert p.dialogs == []
    assert p.page.locator("img").count() == 0
    assert p.page.locator("script").count() == 1  # the report's own
    doc = p.page.locator("details.doc", has_text="Roughly 70 jets")
    assert HOSTILE in doc.locator(".doctext").inner_text()


def test_hostile_metadata_stays_text(browser, tmp_path):
    """Ids, titles, errors and warnings are input too: none of them may become markup."""
    from factcheck.report import html

    bad = '"><img src=x onerror=alert(3)><script>alert(4)</script>'
    ev = {"doc": f"a{bad}", "start": 0, "end": 20, "text": f"They have 90 {bad} jets.", "claim": "a#q1",
          "claim_start": 10, "claim_end": 12}
    data = {
        "documents": [
            {"id": f"a{bad}", "source": f"dir/{bad}.txt", "date": "2022-02-24", "title": bad, "cluster": bad,
             "status": "ok", "error": None, "warnings": [bad]},
            {"id": "b", "source": "b.txt", "date": None, "title": None, "cluster": bad, "status": "error",
             "error": f"cannot read: {bad}", "warnings": []},
        ],
        "claims": [{"id": "a#q1", "doc": f"a{bad}", "kind": "quantity", "start": 10, "end": 12, "text": "90",
                    "sentence_start": 0, "sentence_end": 20, "value": 90, "low": 90, "high": 90,
                    "modifier": "=", "unit": bad, "qualifiers": [bad], "frame": {"predicate": bad}}],
        "findings": [], "agreements": [],
        "single_source": [{"id": "S1", "kind": "quantity", "outcome": "single-source", "message": bad,
                           "score": 1.0, "evidence": [ev], "claims": ["a#q1"]}],
    }
    p = Page(browser, html.render(data), tmp_path)
    try:
        assert p.dialogs == [] and p.console == []
        assert p.page.locator("img").count() == 0
        assert p.page.locator("script").count() == 1
        assert bad in p.page.locator("#unreadable").inner_text()
        assert bad in p.page.locator("tr.fact th").inner_text()
    finally:
        p.close()


def test_timeline_puts_disagreeing_dates_apart(edited_result, open_report):
    p = open_report(edited_result)
    svg = p.page.locator("svg[aria-label^=timeline]")
    assert svg.count() == 1
    conflict = svg.locator("g.o-conflict rect")
    assert conflict.count() == 2
    xs = sorted(float(conflict.nth(i).get_attribute("x")) for i in range(2))
    widths = [float(conflict.nth(i).get_attribute("width")) for i in range(2)]
    assert xs[1] - xs[0] > max(widths)  # the two years do not touch
    agree = svg.locator("g.o-agree")
    for i in range(agree.count()):  # sources that agree on a date mark one point
        rects = agree.nth(i).locator("rect")
        assert rects.nth(0).get_attribute("x") == rects.nth(1).get_attribute("x")


def test_link_from_a_document_claim_to_its_fact_row(edited_result, open_report):
    p = open_report(edited_result)
    claim = p.page.locator(".doctext a.claim", has_text="2016")
    fact_id = claim.get_attribute("href")[1:]
    claim.click()
    row = p.page.locator(f"#{fact_id}")
    assert row.get_attribute("data-outcome") == "conflict"
    assert row.is_visible()


def test_report_command_renders_a_saved_result_like_a_live_one(seeds_result, tmp_path, monkeypatch, browser):
    from factcheck.cli import main
    from factcheck.report import html

    monkeypatch.chdir(SEEDS.parent)  # the result's sources are relative to where the check ran
    saved = tmp_path / "result.json"
    saved.write_text(json.dumps(seeds_result.to_dict()), encoding="utf-8")
    out = tmp_path / "again.html"
    assert main(["report", str(saved), "--format", "html", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == html.render(seeds_result)
    md = tmp_path / "again.md"
    assert main(["report", str(saved), "-f", "md", "-o", str(md)]) == 0
    assert md.read_text(encoding="utf-8").startswith("# factcheck report")


def test_a_wheel_carries_the_templates():
    """The HTML report reads its templates as package data: every file there must match the
    package-data globs in pyproject.toml, or a non-editable install could not render."""
    import fnmatch
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    root = Path(__file__).resolve().parents[1]
    globs = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["factcheck.report"]
    folder = root / "factcheck" / "report"
    files = [p.relative_to(folder).as_posix() for p in (folder / "templates").iterdir()]
    assert {"templates/report.html.j2", "templates/report.css", "templates/report.js"} <= set(files)
    assert all(any(fnmatch.fnmatch(f, g) for g in globs) for f in files)


def test_report_command_does_not_highlight_a_file_changed_since_the_check(checker, tmp_path, capsys):
    from factcheck.cli import main

    folder = tmp_path / "news"
    folder.mkdir()
    for f in SEEDS.glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    result = _check(checker, folder)
    saved = tmp_path / "result.json"
    saved.write_text(json.dumps(result.to_dict()), encoding="utf-8")
    changed = folder / "000_d27642fac88a8c5e.txt"
    changed.write_text("An inserted first paragraph.\n\n" + changed.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "again.html"
    assert main(["report", str(saved), "-o", str(out)]) == 0
    assert "changed since the check" in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert "changed since the check, so its text is not shown" in page
    assert page.count('<div class="doctext">') == 1  # the unchanged document keeps its text


def test_report_command_reads_records_by_the_fields_the_check_read(tmp_path, capsys):
    """A saved check of records read with --field is rendered with their text when the report
    is given the same --field, and without it (a note, no text) when not."""
    from factcheck.cli import main

    wire = tmp_path / "wire.jsonl"
    wire.write_text('{"uid": "a", "body": "The army has 100 tanks."}\n'
                    '{"uid": "b", "body": "The army has 40 tanks."}\n', encoding="utf-8")
    fields = ["--field", "text=body", "--field", "id=uid"]
    saved = tmp_path / "result.json"
    main(["check", str(wire), *fields, "--no-nli", "--cluster", "none", "-f", "json", "-o", str(saved)])
    capsys.readouterr()
    with_fields, without = tmp_path / "with.html", tmp_path / "without.html"
    assert main(["report", str(saved), "-o", str(with_fields), *fields]) == 0
    assert capsys.readouterr().err == ""
    assert with_fields.read_text(encoding="utf-8").count('<div class="doctext">') == 2
    assert main(["report", str(saved), "-o", str(without)]) == 0
    assert "not found in it, so its text is not shown (if the check read its records by other keys, give the " \
        "same --field)" in capsys.readouterr().err
    assert without.read_text(encoding="utf-8").count('<div class="doctext">') == 0


def test_report_command_bad_input_is_one_line(tmp_path, capsys):
    from factcheck.cli import main

    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["report", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.json: not JSON" in err
    assert main(["report", str(tmp_path / "missing.json")]) == 2
    assert "missing.json: no such file" in capsys.readouterr().err


def test_conflict_finding_says_how_sure_in_words_and_a_number(edited_result, open_report):
    from factcheck.report import humanise

    data = edited_result.to_dict()
    finding = next(f for f in data["findings"] if f["rule"] == "temporal-conflict")
    assert finding["same_fact"] is not None and finding["incompatible"] is not None
    p = open_report(edited_result)
    conf = p.page.locator(f"#finding-{finding['id']} p.conf").inner_text()
    same = f"{humanise.likely(finding['same_fact'])} the same fact ({finding['same_fact']:.2f})"
    assert conf == f"How sure: {same}; cannot both be true ({finding['incompatible']:.2f})"
    assert finding["incompatible"] == 1.0  # two different years: the interval logic is sure


def test_not_compared_section_lists_the_pairs_the_json_implies(edited_result, open_report):
    """Every aligned pair the judge left unjudged is listed with its reason, both sentences and
    both values, and its claims share one row of the fact table: no aligned claim disappears."""
    data = edited_result.to_dict()
    pairs = {n["id"]: n for n in data["not_compared"]}
    assert pairs, "the second jets figure ('Roughly 70 jets') is aligned but not judged"
    p = open_report(edited_result)
    section = p.page.locator("article.unjudged")
    assert section.count() == len(pairs)
    for i in range(section.count()):
        art = section.nth(i)
        item = pairs[art.get_attribute("id").removeprefix("pair-")]
        claims = art.locator(".side").evaluate_all("els => els.map(e => e.dataset.claim)")
        assert sorted(claims) == sorted(item["claims"])
        text = " ".join(art.inner_text().split())
        assert f"the same fact ({item['score']:.2f})" in text
        for ev in item["evidence"]:
            assert " ".join(ev["text"].split()) in text
        # each claim keeps its own row, marked not compared unless its row judges it
        judged = {c for x in data["findings"] + data["agreements"] for c in x["claims"]}
        rows = art.locator("a[href^='#fact']")
        assert rows.count() == len(item["claims"])
        for k, cid in enumerate(item["claims"]):
            row = p.page.locator("#" + rows.nth(k).get_attribute("href")[1:])
            assert art.locator(".side").nth(k).locator(".val").inner_text() in row.inner_text()
            if cid not in judged:
                assert row.get_attribute("data-outcome") == "not-compared"
    jets = p.page.locator("article.unjudged", has_text="Roughly 70 jets")
    assert "may be about different facts" in jets.inner_text()
    assert sorted(jets.locator(".val").all_inner_texts()) == ["about 70 jets", "over 100 jets"]
    # "they have over 100 jets" names no one, so no subject is shown rather than a guess, and
    # the places of the purpose beside it ("to protect our airspace, as well as ... ships at sea
    # from the Arctic to the Mediterranean") are not the jets'
    frame = jets.locator("small.frame").first.inner_text()
    assert "on high alert" in frame and "WHO" not in frame and "WHERE" not in frame.upper()
    # places cased as written (the frame keeps names lower-cased): the ships' row
    ships = p.page.locator("tr.fact", has_text="120 ships").locator("small.frame").first.inner_text()
    assert "Arctic, Mediterranean" in ships
    # the outcome filter hides the not-compared rows and brings them back
    p.page.click("button.outcome[data-outcome='not-compared']")
    assert p.page.locator("tr.fact[data-outcome='not-compared']:visible").count() == 0
    p.page.click("button.outcome[data-outcome='not-compared']")
    # a claim judged nowhere else is a row of its own: one not-compared row a claim
    alone = {c for n in pairs.values() for c in n["claims"] if c not in judged}
    assert p.page.locator("tr.fact[data-outcome='not-compared']:visible").count() == len(alone) == 2


def test_documents_show_their_date_and_where_it_came_from(edited_result, open_report):
    p = open_report(edited_result)
    by_doc = {d.id: d for d in edited_result.documents}
    first = p.page.locator("details.doc", has_text="000_d27642fac88a8c5e").locator(".meta").inner_text()
    assert "2022-02-24, from the file's date line, line 1: date 2022-02-24" in " ".join(first.split())
    # the second file's date line says only "2022-02": the day comes from its "Published on" line
    text = by_doc["001_cf6b84a07b3c0ba3.txt"].text
    published = next(line for line in text.splitlines() if line.startswith("Published on"))
    line_no = text.splitlines().index(published) + 1
    second = " ".join(p.page.locator("details.doc", has_text="001_cf6b84a07b3c0ba3").locator(".meta").inner_text().split())
    assert f"2022-02-24, from the 'Published' line, line {line_no}: {published}" in second


def test_not_compared_pairs_of_a_saved_result(browser, tmp_path):
    """A saved result with one pair of each reason the judge gives: each listed, in words."""
    from factcheck.report import html

    def ev(doc, text, claim):
        return {"doc": doc, "start": 0, "end": len(text), "text": text, "claim": claim,
                "claim_start": 0, "claim_end": 2}

    def claim(cid, doc, value, unit):
        return {"id": cid, "doc": doc, "kind": "quantity", "start": 0, "end": 2, "text": str(value),
                "sentence_start": 0, "sentence_end": 20, "value": value, "modifier": "=", "unit": unit}

    data = {
        "documents": [{"id": d, "source": f"{d}.txt", "date": "2022-02-24", "status": "ok"} for d in ("a", "b")],
        "claims": [claim("a#q1", "a", 80, "jet"), claim("b#q1", "b", 100, "jet"),
                   claim("a#q2", "a", 5, "km"), claim("b#q2", "b", 5, "%")],
        "findings": [], "agreements": [], "single_source": [],
        "not_compared": [
            {"id": "N1", "kind": "quantity", "outcome": "not-compared", "score": 0.12, "claims": ["a#q1", "b#q1"],
             "message": "a says '80 jet' and b says '100 jet', but they may be about different facts (same fact: 0.12)",
             "evidence": [ev("a", "80 jets flew <b>north</b>.", "a#q1"), ev("b", "100 jets flew south.", "b#q1")]},
            {"id": "N2", "kind": "quantity", "outcome": "not-compared", "score": 0.5, "claims": ["a#q2", "b#q2"],
             "message": "'5 km' and '5 %' cannot be placed on one scale",
             "evidence": [ev("a", "5 km of road.", "a#q2"), ev("b", "5 % of road.", "b#q2")]},
        ],
    }
    p = Page(browser, html.render(data), tmp_path)
    try:
        assert p.console == []
        arts = p.page.locator("article.unjudged")
        assert arts.count() == 2
        n1, n2 = (" ".join(arts.nth(i).inner_text().split()) for i in range(2))
        assert "very likely not the same fact (0.12)" in n1 and "80 jets flew <b>north</b>." in n1
        assert "cannot be put on one scale" in n2 and "perhaps the same fact (0.50)" in n2
        # a pair left not compared joins no rows: each of its four claims is a row of its own
        assert p.page.locator("tr.fact[data-outcome='not-compared']").count() == 4
        assert p.page.locator("b", has_text="north").count() == 0  # input markup stays text
    finally:
        p.close()
