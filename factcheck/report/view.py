"""What the reports people read show, built from the JSON result (``CheckResult.to_dict()``).

A *fact* is a group of claims that the checker linked across sources: the connected
components of the agreement and finding links, a single-source claim being a fact of one
source. The fact table has one row per fact and one column per source. Both the Markdown and
the HTML report render this one view, so a saved result (``factcheck report result.json``)
reads exactly like a live one; fields the judge may add later (``same_fact``,
``incompatible``, a claim's ``frame``) are read with ``.get`` and shown when present.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..components import components
from ..words import timex
from . import humanise

# Worst first: the order rows sort in and a cell's colour when several links touch it. An
# aligned pair the judge left unjudged ranks above agreement: the analyst has to look at it.
OUTCOMES = ("conflict", "compatible", "not-compared", "agree", "single-source", "unmatched")
OUTCOME_WORDS = {
    "conflict": "conflict", "compatible": "compatible", "not-compared": "not compared", "agree": "agree",
    "single-source": "one source", "unmatched": "unlinked",
}
# What the not-compared list of a cluster is, and its order (``near_first``), as md and html introduce it
NOT_COMPARED_INTRO = ("Claims the checker aligned across sources but did not judge, each with the reason: read "
                      "them yourself. Pairs whose values differ come first, the likeliest to state one fact "
                      "first: disagreements the checker was not sure enough to call.")

OUTCOME_HELP = {
    "conflict": "the sources state values that cannot both hold",
    "compatible": "the values differ but can both hold ('over 100' and '120')",
    "not-compared": "the checker linked these claims but did not judge them; the reason is under 'Not compared'",
    "agree": "the sources state the same value",
    "single-source": "only one source states it",
    "unmatched": "a claim the result links to nothing and does not list as single-source",
}


@dataclass(frozen=True)
class SourceText:
    """A document's text as loaded; ``verbatim`` when it is the file byte for byte, so that
    line numbers are the file's lines. ``metadata``: the (start, end) spans the loader kept out
    of the article (a date line, a "Published on" line, a timestamp), where its date came from."""

    text: str
    verbatim: bool = True
    metadata: tuple[tuple[int, int], ...] = ()


@dataclass
class Mention:
    """One claim in its sentence: what a cell click shows and a document highlights."""

    claim: str | None
    doc: str
    before: str
    span: str
    after: str
    start: int
    end: int
    line: int | None
    value: str
    frame: list[tuple[str, str]] = field(default_factory=list)  # who / what / where of the claim


@dataclass
class Cell:
    outcome: str
    values: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Fact:
    id: str
    kind: str
    outcome: str
    label: str
    rules: list[str]
    cells: dict[str, Cell]
    links: list[str]  # ids of the findings, agreements and not-compared pairs that tie it together
    frame: list[tuple[str, str]] = field(default_factory=list)  # who / what / where, beyond the label
    hint: str = ""  # a few words of the first sentence, so that two rows of one label differ


@dataclass
class Side:
    doc: str
    source: str
    value: str
    mention: Mention


@dataclass
class FindingView:
    id: str
    rule: str
    severity: str
    message: str
    confidence: str
    help: str
    fact: str | None
    sides: list[Side]
    same_fact: float | None = None
    incompatible: float | None = None
    lengths: bool = False  # its claims are lengths of time ("nine days" / "a week"), not dates


@dataclass
class NotComparedView:
    """An aligned pair the judge did not compare, with its reason: no aligned claim disappears."""

    id: str
    kind: str
    reason: str
    confidence: str
    sides: list[Side]
    facts: list[str] = field(default_factory=list)  # the rows of its claims: a pair joins no rows

    @property
    def fact(self) -> str | None:
        """The row of its first claim."""
        return self.facts[0] if self.facts else None


@dataclass
class Mark:
    doc: str
    lane: int
    x0: float
    x1: float
    label: str
    outcome: str


@dataclass
class TimelineRow:
    fact: str
    label: str
    outcome: str
    marks: list[Mark]


@dataclass
class Timeline:
    rows: list[TimelineRow]
    ticks: list[tuple[float, str]]
    width: int
    label_width: int


@dataclass
class Segment:
    text: str
    claim: str | None = None
    fact: str | None = None
    outcome: str | None = None
    line: int | None = None
    value: str | None = None


@dataclass
class DocView:
    id: str
    anchor: str
    index: int
    # how the report names the document: its file, or its id where one file (JSONL, CSV) holds
    # several documents, which would otherwise share one name in every column and citation
    source: str
    path: str  # the file (or the id of a document given as text)
    title: str | None
    date: str | None
    date_words: str | None
    date_from: DateSource | None
    status: str
    error: str | None
    warnings: list[str]
    n_claims: int
    segments: list[Segment] | None  # None: the text is not at hand (a saved result whose file moved)


@dataclass
class ClusterView:
    id: str
    anchor: str
    name: str
    docs: list[DocView]
    facts: list[Fact]
    findings: list[FindingView]
    not_compared: list[NotComparedView]
    timeline: Timeline | None
    outcome_counts: dict[str, int]
    rule_counts: dict[str, int]
    kinds: list[str]
    rules: list[str]
    # who the story is about: the people, places and organisations its claims name in the most
    # documents ("Mark Teixeira, Angels"); a story found by --cluster auto has only a number
    about: list[str] = field(default_factory=list)

    @property
    def docs_by_id(self) -> dict[str, DocView]:
        return {d.id: d for d in self.docs}


@dataclass
class ReportView:
    clusters: list[ClusterView]
    failed: list[DocView]
    n_documents: int
    n_claims: int
    outcome_counts: dict[str, int]
    rule_counts: dict[str, int]
    n_findings: int
    severity_counts: dict[str, int]
    n_not_compared: int = 0


# --------------------------------------------------------------------------- building


def _anchor(prefix: str, i: int) -> str:
    return f"{prefix}{i}"


def _components(claim_ids: list[str], links: list[list[str]]) -> dict[str, str]:
    """Claim -> the least claim id of its component, over links among these claims only."""
    known = set(claim_ids)
    return components(([c for c in link if c in known] for link in links), claim_ids)


def _mention(ev: dict[str, Any] | None, claim: dict[str, Any] | None, texts: dict[str, SourceText]) -> Mention:
    """The sentence around a claim: from the evidence when the result has it, else from the text."""
    doc = (ev or claim or {}).get("doc", "")
    src = texts.get(doc)
    if ev is not None:
        s, e, sent = ev["start"], ev["end"], ev.get("text") or ""
        cs, ce = ev.get("claim_start"), ev.get("claim_end")
    else:
        s, e = claim.get("sentence_start", claim["start"]), claim.get("sentence_end", claim["end"])
        sent = src.text[s:e] if src else claim.get("text", "")
        if not src:
            s, e = claim["start"], claim["end"]
        cs, ce = claim["start"], claim["end"]
    if cs is not None and ce is not None and s <= cs <= ce <= e:
        a, b = cs - s, ce - s
        before, span, after = sent[:a], sent[a:b], sent[b:]
    else:
        before, span, after, cs = sent, "", "", s
    line = humanise.line_of(src.text, cs) if src and src.verbatim else None
    frame = humanise.frame(claim.get("frame"), sent, src.text if src else None) if claim else []
    return Mention(claim=(ev or {}).get("claim") or (claim or {}).get("id"), doc=doc, before=before,
                   span=span, after=after, start=s, end=e, line=line,
                   value=humanise.value(claim) if claim else span, frame=frame)


def _worst(outcomes) -> str:
    present = set(outcomes)
    return next((o for o in OUTCOMES if o in present), "unmatched")


def _fact_key(f: Fact) -> tuple:
    return (OUTCOMES.index(f.outcome), -len([c for c in f.cells.values() if c.values]), f.kind, f.label.lower())


@dataclass(frozen=True)
class DateSource:
    """Where a document's date came from, what the analyst checks first: the kind of line and,
    when the text shows it, that line quoted with its line number."""

    words: str
    quote: str | None = None
    line: int | None = None


# Names the loader may write in a document's ``date_source`` (its candidates' "where").
_SOURCE_WORDS = {
    "date line": "the file's date line", "published line": "the 'Published' line",
    "updated line": "the 'Updated' line", "last updated line": "the 'Last updated' line",
    "posted line": "the 'Posted' line", "first published line": "the 'First published' line",
    "timestamp": "a timestamp in the text", "front matter": "the front matter",
    "date field": "the record's date field", "argument": "the date given with the text",
}
_KEYWORD = re.compile(r"^\W*(?P<kw>date|first published|last updated|published|updated|posted|modified)\b", re.I)


def _span_date(text: str) -> str | None:
    """The date a metadata span states, ISO at the precision it states it ("2022-02")."""
    from dateutil import parser as date_parser

    words = _KEYWORD.sub("", text)
    try:  # two defaults tell a stated day or month from a filled-in one
        a = date_parser.parse(words, fuzzy=True, ignoretz=True, default=_dt.datetime(1900, 1, 1))
        b = date_parser.parse(words, fuzzy=True, ignoretz=True, default=_dt.datetime(1904, 2, 2))
    except (ValueError, OverflowError):
        return None
    if a.year != b.year:
        return None
    if a.month != b.month:
        return f"{a.year:04d}"
    return f"{a:%Y-%m}" if a.day != b.day else f"{a:%Y-%m-%d}"


def _span_kind(text: str, start: int, end: int) -> str:
    """What a metadata span is: the seed files' first line, a line of its own ("Published
    on: ..."), or a timestamp inside running text ("Updated: November 11, 2011 20:09 IST The
    Indian Navy ...")."""
    span = text[start:end].lstrip("\ufeff ")
    m = _KEYWORD.match(span)
    own_line = text[:start].rstrip(" \t\ufeff")[-1:] in ("", "\n") and text[end:].lstrip(" \t")[:1] in ("", "\n", "\r")
    if m and m["kw"].lower() == "date" and not text[:start].strip(" \ufeff"):
        return "the file's date line"
    if m and own_line:
        return f"the '{m['kw'].capitalize()}' line"
    return "a timestamp in the text"


def date_source(doc: dict[str, Any], src: SourceText | None) -> DateSource | None:
    """Where the date came from: the loader's ``date_source`` when the result has one, else the
    metadata span of the text that states the date, else the kind of input it came with."""
    date = doc.get("date")
    if not date:
        return None
    named = _SOURCE_WORDS.get(str(doc.get("date_source") or ""), doc.get("date_source"))
    if src is not None:
        for start, end in src.metadata:
            span = src.text[start:end]
            if _span_date(span) == date:
                line = humanise.line_of(src.text, start) if src.verbatim else None
                quote = " ".join(span.lstrip("\ufeff").split())
                return DateSource(named or _span_kind(src.text, start, end), quote[:120], line)
    if named:
        return DateSource(named)
    if src is None:
        return DateSource("the input's metadata")
    head = src.text.lstrip("\ufeff")[:2000].lower()
    if head.startswith("---"):
        return DateSource("the front matter")
    if "<html" in head or "<meta" in head:
        return DateSource("the page's metadata")
    return DateSource("the record's date field" if not src.verbatim else "the input's metadata")


def _date_words(date: str | None) -> str | None:
    return timex(date) if date else None


def _segments(text: str, mentions: list[tuple[int, int, str, str, str, str]], verbatim: bool) -> list[Segment]:
    """The text cut at the claims, for highlighting; overlapping claims keep the first."""
    out, pos = [], 0
    for start, end, claim, fact, outcome, value in sorted(mentions):
        if start < pos or end > len(text) or start >= end:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], claim, fact, outcome,
                           humanise.line_of(text, start) if verbatim else None, value))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


_EPOCH = _dt.date(1, 1, 1)


def _ordinal(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return _dt.date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _ticks(lo: int, hi: int) -> list[tuple[int, str]]:
    """Axis ticks at years, months or days, whichever gives a handful."""
    a, b = _dt.date.fromordinal(lo), _dt.date.fromordinal(hi)
    span = hi - lo
    if span > 3 * 365:
        step = max(1, (b.year - a.year) // 8 or 1)
        return [(_dt.date(y, 1, 1).toordinal(), str(y)) for y in range(a.year + 1, b.year + 1, step)] or [(lo, str(a.year))]
    if span > 62:
        out, y, m = [], a.year, a.month
        months = (b.year - a.year) * 12 + b.month - a.month
        step = max(1, months // 8)
        while (y, m) <= (b.year, b.month):
            d = _dt.date(y, m, 1)
            if lo <= d.toordinal() <= hi:
                out.append((d.toordinal(), f"{d:%b %Y}"))
            m += step
            y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        return out
    step = max(1, span // 8)
    return [(o, f"{_dt.date.fromordinal(o):%d %b}") for o in range(lo, hi + 1, step)]


def _timeline(facts: list[Fact], claims: dict[str, dict], docs: list[DocView], width: int = 720) -> Timeline | None:
    """Dated events on one axis; each source's date a mark in its own lane, so that marks
    that agree line up and marks that disagree stand visibly apart."""
    lane_of = {d.id: i for i, d in enumerate(docs)}
    raw = []
    for f in facts:
        if f.kind != "time":
            continue
        marks = []
        for doc, cell in f.cells.items():
            for m in cell.mentions:
                c = claims.get(m.claim or "")
                if not c or c.get("type") not in ("DATE", "TIME"):
                    continue
                b, u = _ordinal(c.get("begin")), _ordinal(c.get("until"))
                if b is None and u is None:
                    continue
                b, u = b if b is not None else u, u if u is not None else b
                marks.append((doc, b, u + 1, m.value, cell.outcome))
        if marks:
            raw.append((f, marks))
    if not raw:
        return None
    lo = min(b for _, ms in raw for _, b, _, _, _ in ms)
    hi = max(u for _, ms in raw for _, _, u, _, _ in ms)
    pad = max(1, (hi - lo) // 20)
    lo, hi = lo - pad, hi + pad

    def x(o: int) -> float:
        return round((o - lo) / (hi - lo) * width, 1)

    rows = [TimelineRow(f.id, f.label, f.outcome,
                        [Mark(doc, lane_of.get(doc, 0), x(b), max(x(u), x(b) + 3), label, outcome)
                         for doc, b, u, label, outcome in ms])
            for f, ms in raw]
    return Timeline(rows=rows, ticks=[(x(o), t) for o, t in _ticks(lo, hi)], width=width, label_width=260)


def _names(documents: list[dict[str, Any]]) -> dict[str, str]:
    """Each document's name in the report (``DocView.source``), by id."""
    source = {d["id"]: d.get("source") or d["id"] for d in documents}
    per_file = Counter(source.values())
    return {i: i if per_file[s] > 1 else s for i, s in source.items()}


def _doc_view(d: dict[str, Any], i: int, texts: dict[str, SourceText], n_claims: int,
              highlights: list[tuple[int, int, str, str, str, str]], name: str) -> DocView:
    src = texts.get(d["id"])
    return DocView(
        id=d["id"], anchor=_anchor("doc", i), index=i, source=name, path=d.get("source") or d["id"],
        title=d.get("title"), date=d.get("date"), date_words=_date_words(d.get("date")),
        date_from=date_source(d, src), status=d.get("status", "ok"), error=d.get("error"),
        warnings=list(d.get("warnings") or []), n_claims=n_claims,
        segments=_segments(src.text, highlights, src.verbatim) if src else None,
    )


def build(data: dict[str, Any], texts: dict[str, SourceText] | None = None) -> ReportView:
    """The report view of a JSON result; ``texts`` (document id -> text) adds the documents'
    full text with their claims highlighted and line numbers."""
    texts = texts or {}
    documents = data.get("documents") or []
    claims = {c["id"]: c for c in data.get("claims") or []}
    findings = data.get("findings") or []
    agreements = data.get("agreements") or []
    singles = data.get("single_source") or []
    unjudged = data.get("not_compared") or []
    cluster_of = {d["id"]: d.get("cluster") or "" for d in documents}
    doc_names = _names(documents)

    # Evidence by claim id: the sentence the checker cited for it.
    evidence: dict[str, dict] = {}
    for item in (*findings, *agreements, *unjudged, *singles):
        for ev in item.get("evidence") or []:
            if ev.get("claim"):
                evidence.setdefault(ev["claim"], ev)

    # A fact is what the judge found to be one (judge.JudgedGroup.fact_of): claims joined by
    # findings and agreements. A pair left not compared may be about different facts (or is
    # a part and its whole, two facts each report gives...), so it joins nothing: each of its
    # claims keeps its row, marked not compared, and both rows link to the pair and its
    # reason. Joined through such pairs, one row of a cluster of 14 real reports held 91
    # claims of a dozen events.
    linked = [list(item.get("claims") or []) for item in (*findings, *agreements)]
    root = _components(list(claims), linked)
    # The outcome each link gives its claims; a claim's cell takes the worst.
    claim_outcomes: dict[str, list[str]] = defaultdict(list)
    group_items: dict[str, list[dict]] = defaultdict(list)
    for item in findings:
        for c in item.get("claims") or []:
            if c in claims:
                claim_outcomes[c].append("conflict")
        if item.get("claims") and item["claims"][0] in root:
            group_items[root[item["claims"][0]]].append(item)
    for item in agreements:
        for c in item.get("claims") or []:
            if c in claims:
                claim_outcomes[c].append(item.get("outcome", "agree"))
        if item.get("claims") and item["claims"][0] in root:
            group_items[root[item["claims"][0]]].append(item)
    judged = set(claim_outcomes)
    for item in unjudged:
        for rep in dict.fromkeys(root[c] for c in item.get("claims") or [] if c in claims):
            group_items[rep].append(item)
        for c in item.get("claims") or []:
            # a claim its row judges (agrees, conflicts) keeps that outcome: the pair left not
            # compared ties it to another row's claim, not to its own row's fact
            if c in claims and c not in judged:
                claim_outcomes[c].append("not-compared")
    for item in singles:
        for c in item.get("claims") or []:
            if c in claims:
                claim_outcomes[c].append("single-source")
                group_items[root[c]].append(item)

    members: dict[str, list[str]] = defaultdict(list)
    for cid in claims:
        members[root[cid]].append(cid)

    facts_by_cluster: dict[str, list[Fact]] = defaultdict(list)
    fact_of_claim: dict[str, str] = {}
    n = 0
    for rep, cids in members.items():
        n += 1
        fid = _anchor("fact", n)
        cells: dict[str, Cell] = {}
        for cid in sorted(cids, key=lambda c: (claims[c]["doc"], claims[c]["start"])):
            c = claims[cid]
            outcome = _worst(claim_outcomes.get(cid) or ["unmatched"])
            cell = cells.setdefault(c["doc"], Cell(outcome))
            cell.outcome = _worst([cell.outcome, outcome])
            v = humanise.value(c)
            if v not in cell.values:
                cell.values.append(v)
            cell.mentions.append(_mention(evidence.get(cid), c, texts))
            fact_of_claim[cid] = fid
        items = group_items.get(rep, [])
        first = claims[cids[0]]
        labels = [humanise.subject(claims[c]) for c in cids]
        label = max(set(labels), key=lambda s: (labels.count(s), -labels.index(s)))
        facts_by_cluster[cluster_of.get(first["doc"], "")].append(Fact(
            id=fid, kind=first.get("kind", "quantity"),
            outcome=_worst(cell.outcome for cell in cells.values()), label=label,
            rules=sorted({i["rule"] for i in items if i.get("rule")}), cells=cells,
            links=[i["id"] for i in items if i.get("id")],
            frame=_row_frame(first, label, texts), hint=_hint(next(iter(cells.values())).mentions[0]),
        ))

    # Sentence pairs without claims (NLI contradictions, paraphrases) are facts of their own.
    finding_fact: dict[str, str] = {}
    for item in (*findings, *agreements, *unjudged):
        known = [c for c in item.get("claims") or [] if c in fact_of_claim]
        if known:
            finding_fact[item.get("id", "")] = fact_of_claim[known[0]]
            continue
        n += 1
        fid = _anchor("fact", n)
        is_finding = "rule" in item
        outcome = "conflict" if is_finding else item.get("outcome", "agree")
        outcome = outcome if outcome in OUTCOMES else "unmatched"
        cells = {}
        for ev in item.get("evidence") or []:
            cell = cells.setdefault(ev["doc"], Cell(outcome))
            m = _mention(ev, None, texts)
            m.value = ev.get("text", "")
            cell.values.append(_short(ev.get("text", "")))
            cell.mentions.append(m)
        evs = item.get("evidence") or [{}]
        facts_by_cluster[cluster_of.get(evs[0].get("doc", ""), "")].append(Fact(
            id=fid, kind="paraphrase" if not is_finding else "statement", outcome=outcome,
            label=_short(evs[0].get("text", ""), 90), rules=[item["rule"]] if is_finding else [],
            cells=cells, links=[item.get("id", "")],
        ))
        finding_fact[item.get("id", "")] = fid

    # Highlights per document: every claim, coloured by its cell's outcome.
    highlights: dict[str, list] = defaultdict(list)
    for f in (f for fs in facts_by_cluster.values() for f in fs):
        for doc, cell in f.cells.items():
            for m in cell.mentions:
                if m.span:
                    s = m.start + len(m.before)
                    highlights[doc].append((s, s + len(m.span), m.claim, f.id, cell.outcome, m.value))

    n_claims_of = defaultdict(int)
    for c in claims.values():
        n_claims_of[c["doc"]] += 1
    doc_views = [_doc_view(d, i, texts, n_claims_of[d["id"]], highlights.get(d["id"], []), doc_names[d["id"]])
                 for i, d in enumerate(documents, 1)]
    by_cluster: dict[str, list[DocView]] = defaultdict(list)
    for d, dv in zip(documents, doc_views):
        by_cluster[d.get("cluster") or ""].append(dv)

    finding_views: dict[str, list[FindingView]] = defaultdict(list)
    help_of = _rule_help()

    def sides_of(item: dict[str, Any]) -> list[Side]:
        sides = []
        for ev in item.get("evidence") or []:
            c = claims.get(ev.get("claim") or "")
            sides.append(Side(ev["doc"], doc_names.get(ev["doc"], ev["doc"]),
                              humanise.value(c) if c else "", _mention(ev, c, texts)))
        return sides

    def cluster_of_item(item: dict[str, Any]) -> str:
        evs = item.get("evidence") or [{}]
        return cluster_of.get(evs[0].get("doc", ""), "")

    for item in findings:
        finding_views[cluster_of_item(item)].append(FindingView(
            id=item.get("id", ""), rule=item.get("rule", ""), severity=item.get("severity", ""),
            message=item.get("message", ""), confidence=humanise.confidence(item),
            help=help_of.get(item.get("rule", ""), ""), fact=finding_fact.get(item.get("id", "")),
            sides=sides_of(item), same_fact=item.get("same_fact"), incompatible=item.get("incompatible"),
            lengths=bool(item.get("claims")) and all(claims.get(c, {}).get("type") == "DURATION"
                                                       for c in item["claims"]),
        ))
    unjudged_views: dict[str, list[NotComparedView]] = defaultdict(list)
    # the near misses first, the likeliest one fact first (a disagreement the checker was not
    # sure enough to call), then the other reasons in the judge's order
    def near_first(indexed: tuple[int, dict[str, Any]]) -> tuple:
        p = humanise.near_miss(indexed[1])
        return p is None, -(p or 0.0), indexed[0]

    for _, item in sorted(enumerate(unjudged), key=near_first):
        reason, sure = humanise.not_compared(item)
        unjudged_views[cluster_of_item(item)].append(NotComparedView(
            id=item.get("id", ""), kind=item.get("kind", ""), reason=reason, confidence=sure,
            sides=sides_of(item),
            facts=list(dict.fromkeys(fact_of_claim[c] for c in item.get("claims") or [] if c in fact_of_claim))
            or [f for f in (finding_fact.get(item.get("id", "")),) if f],
        ))

    claims_by_cluster: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in claims.values():
        claims_by_cluster[cluster_of.get(c.get("doc", ""), "")].append(c)
    clusters = []
    # a cluster of documents that could not be read says nothing the list of failed documents
    # does not (with --cluster auto they have no story: it would read as one named "all documents")
    names = [k for k in set(by_cluster) | set(facts_by_cluster)
             if k in facts_by_cluster or any(d.status == "ok" for d in by_cluster[k])]
    # most conflicts first, then by name, its numbers read as numbers ("story-2" before "story-10")
    names.sort(key=lambda k: (-sum(f.outcome == "conflict" for f in facts_by_cluster.get(k, [])),
                              [(0, int(part), "") if part.isdigit() else (1, 0, part)
                               for part in re.split(r"(\d+)", k)]))
    for i, name in enumerate(names, 1):
        docs = [d for d in by_cluster.get(name, []) if d.status == "ok"]
        facts = sorted(facts_by_cluster.get(name, []), key=_fact_key)
        fvs = finding_views.get(name, [])
        clusters.append(ClusterView(
            id=name, anchor=_anchor("cluster", i), name=name or "all documents", docs=docs, facts=facts,
            findings=fvs, not_compared=unjudged_views.get(name, []), timeline=_timeline(facts, claims, docs),
            outcome_counts=_count(f.outcome for f in facts), rule_counts=_count(f.rule for f in fvs),
            kinds=sorted({f.kind for f in facts}), rules=sorted({r for f in facts for r in f.rules}),
            about=_about(claims_by_cluster.get(name, []), texts),
        ))
    all_facts = [f for c in clusters for f in c.facts]
    return ReportView(
        clusters=clusters, failed=[d for d in doc_views if d.status == "error"],
        n_documents=len(documents), n_claims=len(claims),
        outcome_counts=_count(f.outcome for f in all_facts),
        rule_counts=_count(f.get("rule", "") for f in findings), n_findings=len(findings),
        severity_counts=_count(f.get("severity", "") for f in findings), n_not_compared=len(unjudged),
    )


_WHY = {
    "numeric-conflict": "the ranges the two numbers admit do not overlap, even with the slack for rounding",
    "temporal-conflict": "the dates do not overlap, after relative dates are resolved against each report's own date",
    "polarity-conflict": "the values fit, but one report's clause denies what the other's states",
}
_WHY_LENGTHS = "the lengths of time the two admit do not overlap, even with the slack for rounding"


def why(f: FindingView) -> str:
    """Why a finding is one, in words: the values each source states and what rules them out."""
    values = [f"{s.source} says {s.value}" for s in f.sides if s.value]
    reason = _WHY_LENGTHS if f.lengths and f.rule == "temporal-conflict" else _WHY.get(f.rule)
    if reason is None:  # the contradiction rule says its reasons in the message, in brackets
        msg = f.message
        reason = msg[msg.find("(") + 1: msg.rfind(")")] if "(" in msg and msg.endswith(")") else msg
    return (", ".join(values) + ": " if values else "") + reason + "."


ABOUT = 3  # names a story is labelled with, at most


def _about(claims: list[dict[str, Any]], texts: dict[str, SourceText]) -> list[str]:
    """The participants the claims of a cluster name in the most documents, of two documents
    at least (one where the cluster has one), most first: what an analyst would call the story."""
    docs_of: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        for name in (c.get("frame") or {}).get("participants") or []:
            docs_of[str(name)].add(c.get("doc", ""))
    n_docs = len({c.get("doc") for c in claims})
    ranked = sorted(docs_of, key=lambda k: (-len(docs_of[k]), k))
    chosen = [k for k in ranked if len(docs_of[k]) >= min(2, n_docs)][:ABOUT]
    return [humanise.cased(k, *(texts[d].text for d in sorted(docs_of[k]) if d in texts)) for k in chosen]


def _row_frame(claim: dict[str, Any], label: str, texts: dict[str, SourceText]) -> list[tuple[str, str]]:
    """Who / what / where of a row's first claim, beyond what its label already says."""
    src = texts.get(claim.get("doc", ""))
    sentence = src.text[claim.get("sentence_start", 0):claim.get("sentence_end", 0)] if src else claim.get("text")
    return humanise.frame(claim.get("frame"), sentence, src.text if src else None, skip=label)


def _hint(m: Mention, n: int = 90) -> str:
    """The claim with some words either side: "…have over 100 jets on high alert to…"."""
    room = max(10, (n - len(m.span)) // 2)
    before = " ".join(m.before.split(" "))[-room:]
    after = m.after[:room]
    cut_before = len(m.before) > room and " " in before
    cut_after = len(m.after) > room and " " in after
    if cut_before:
        before = before[before.index(" ") + 1:]  # start at a word
    if cut_after:
        after = after[: after.rindex(" ")]
    s = " ".join(f"{before}{m.span}{after}".split())
    return ("…" if cut_before else "") + s + ("…" if cut_after else "")


def _count(items) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in items:
        out[i] = out.get(i, 0) + 1
    return out


_CLOSING = {'"': '"', "\u201c": "\u201d"}
_OPENING = {'"': '"', "\u201d": "\u201c"}


def _short(s: str, n: int = 60) -> str:
    """A sentence as a label: one line, at most ``n`` characters, without the quotation mark of
    a quote that goes on in the next sentence ("\u201cAutocracy will always lose to democracy."),
    which a reader would take for a quote left open. The evidence keeps the sentence as cited."""
    s = " ".join(s.split())
    if s[:1] in _CLOSING and _CLOSING[s[0]] not in s[1:]:
        s = s[1:].lstrip()
    if s[-1:] in _OPENING and _OPENING[s[-1]] not in s[:-1]:
        s = s[:-1].rstrip()
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _rule_help() -> dict[str, str]:
    from ..rules import RULES  # one text per rule, shared with SARIF, JUnit and `factcheck rule`

    return {r.id: f"{r.summary} {r.help}".strip() for r in RULES.values()}
