"""The typed objects that flow through factcheck.

load -> Document; segment -> Sentence; extract -> Claim; align + judge -> Finding / Agreement.
Every span is a pair of character offsets into ``Document.text`` exactly as loaded, in the way
spaCy keeps every annotation as a span into one Doc, so a report can always cite the source.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # spaCy is heavy; only type checkers need it here
    from spacy.tokens import Doc as SpacyDoc

Status = Literal["ok", "error"]
Severity = Literal["error", "warning", "info"]
Outcome = Literal["agree", "compatible", "conflict", "single-source", "not-compared"]


@dataclass
class Document:
    """One input report.

    ``content`` lists the (start, end) regions of ``text`` that are article content; loaders
    leave out metadata such as the seed files' ``date`` line or a "Published on:" footer so
    that it is not read as a claim, while offsets still point into the text as loaded.
    """

    id: str
    text: str
    date: str | None = None  # ISO at its real precision: "2022-02-24" or "2022-02"
    source: str | None = None  # the path or feed it came from
    title: str | None = None
    cluster: str | None = None  # only documents of one cluster are compared
    tz: str | None = None  # UTC offset such as "+05:30" when the source states one
    status: Status = "ok"
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    content: list[tuple[int, int]] | None = None  # None: the whole text
    verbatim: bool = False  # text is byte-for-byte the file, so offsets map to lines and columns
    # other scalar fields of the record or front matter ("topic": "12"), for --cluster FIELD
    fields: dict[str, str] = field(default_factory=dict)

    def regions(self) -> list[tuple[int, int]]:
        return self.content if self.content is not None else [(0, len(self.text))]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "date": self.date,
            "title": self.title,
            "cluster": self.cluster,
            "tz": self.tz,
            "status": self.status,
            "error": self.error,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Sentence:
    doc: str
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass
class ParsedSentence:
    """A sentence with its spaCy parse; ``token.idx + sentence.start`` is a document offset."""

    sentence: Sentence
    doc: SpacyDoc


@dataclass(frozen=True)
class Proposition:
    """What one asserted clause of a report states, with or without a number: who (``subject``,
    pronouns resolved) did what (``verb``, a lemma) to what or where (``arguments``: the
    object's lemma, "into morningside" of each prepositional phrase, "to photograph" of a
    complement, a particle or an adverb), negated or not,
    with which modal. Read by factcheck.frames.propositions, compared by factcheck.denials."""

    sentence: Sentence
    verb: str
    subject: str
    arguments: frozenset[str]
    negated: bool
    modality: str | None
    passive: bool
    # "has not yet been charged", "still has not", "so far": a denial true until the report's
    # own day, which a later report may overturn without contradicting it (read of negated
    # clauses only)
    until_now: bool = False


@dataclass
class Frame:
    """The fact a claim states, read off its clause (factcheck/frames.py)."""

    predicate: str | None = None  # lemma of the verb that governs the claim ("alert", "kill")
    polarity: str = "positive"  # "negative" when the predicate is negated ("no", "never", "not")
    modality: str | None = None  # "will", "would", "may"... ; None: asserted
    tense: str | None = None  # "past", "present", "future"
    subject: str | None = None  # the entity the claim is about, pronouns resolved
    participants: list[str] = field(default_factory=list)  # named entities of the clause
    places: list[str] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)  # "on high alert", "Somali"
    anchor: list[str] = field(default_factory=list)  # the clause's own time: "2005", "last year"
    # the TIMEX3 values of the clause's own dates: "in September" of a 2008 report is "2008-09",
    # of an undated one "XXXX-09"; bounded ones ("before May") and durations are left out
    anchor_times: list[str] = field(default_factory=list)
    # a date's: the numbers of its clause it dates, as "unit=value" ("USD=5e+09" of "revenue was
    # $5 billion in 2010"; the counted thing for a count), ages left out
    dated_values: list[str] = field(default_factory=list)
    holder: str | None = None  # whose value it is: the person an age belongs to ("paul riva")
    # the roles the report gives the holder: the document's for a named one ("actress Tara
    # Reid": "actress"), the description's for one it does not name ("the 45-year-old Australian")
    holder_roles: list[str] = field(default_factory=list)
    running_total: bool = False  # a count summed over a span or many events: "so far", "since October" (counts only)
    per_item: bool = False  # a value per item or period, a rate or an average: "in each of the past five seasons" (quantities other than ages)
    landmark: str | None = None  # where a distance is measured from: "aden" of "150 miles west of Aden"
    part: bool = False  # one of several counts of one noun: "12 Somali and 11 Yemeni pirates" (counts only)
    # its clause is reported speech under a past "said", "told" ("70 jets were kept on high
    # alert, he said"), not a quotation: its past tense and "would" may be the report's
    # backshift of the speaker's present and "will"
    reported: bool = False


@dataclass(kw_only=True)
class Claim:
    id: str = ""  # assigned by the pipeline: "<doc>#q3", "<doc>#t1"
    doc: str
    kind: Literal["quantity", "time"]
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    # content-word lemmas around the claim; alignment compares these across documents
    context: list[str] = field(default_factory=list)
    frame: Frame | None = None  # what fact the claim states; set by the pipeline

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(kw_only=True)
class QuantityClaim(Claim):
    """A number with its bound and the thing counted: "over 100 jets on high alert"."""

    kind: Literal["quantity"] = "quantity"
    value: float | None  # the number as stated (the lower one for a range)
    low: float | None  # interval the claim admits; None means unbounded on that side
    high: float | None
    modifier: Literal["=", "~", ">", ">=", "<", "<=", "range"] = "="
    unit: str | None = None  # lemma of the counted thing ("jet") or a unit ("USD", "%", "km")
    qualifiers: list[str] = field(default_factory=list)  # "on high alert", "allied"
    subject: str | None = None  # who has / does it, when the parse says
    # What sort of quantity: count | money | percent | points (percentage or basis points) |
    # measure | fraction | age. Compare only claims of one sort: an age is no count of years.
    quantity_kind: str = "count"
    # Direction of a change the clause states ("rose 5%", "fell to 980p", "+0.2%"); None when
    # the clause states no change. Opposite directions of one measure conflict.
    change: Literal["up", "down"] | None = None
    # "by": the value is the size of the change ("rose 5%"); "to": the level it reached
    # ("fell to 980p", the 980p of "down 41p at 980p"). None without a change.
    change_part: Literal["by", "to"] | None = None
    level: float | None = None  # for a "by" claim, the level the clause gives ("down 41p at 980p": 980)
    level_unit: str | None = None
    currency: str | None = None  # ISO 4217 code of a money claim (GBX for pence); value is in its units
    # "dozens", "several hundred": the words only suggest the interval low..high (vague_plurals.tsv),
    # so a value outside it is a softer conflict than one outside a stated range
    vague: bool = False
    # the same quantity restated in other units right after it: "700 km (450 miles)" -> [(450, "mi")]
    conversions: list[tuple[float, str | None]] = field(default_factory=list)


@dataclass(kw_only=True)
class TimeClaim(Claim):
    """A TIMEX3 expression normalised against the document date.

    ``begin`` and ``until`` are the ISO dates (inclusive) of the interval the expression
    covers, None when open on that side; ``end`` stays the character offset as in every claim.
    """

    kind: Literal["time"] = "time"
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str  # TIMEX3 value: 2022-02-25, 2022-02, 2014, 2022-W08, P2W, PRESENT_REF
    mod: str | None = None  # TIMEX3 mod: BEFORE, AFTER, ON_OR_AFTER, APPROX, START, ...
    begin: str | None = None
    until: str | None = None
    resolved: bool = True  # False: relative expression in an undated document
    tz: str | None = None  # UTC offset of a clock time ("05:40 PM IST" in an Indian source: +05:30)
    event: str | None = None  # what the date is about: "NATO leaders will meet"


@dataclass(frozen=True)
class Evidence:
    """Where a finding stands in a source: the sentence, and the claim inside it."""

    doc: str
    start: int
    end: int
    text: str
    claim: str | None = None  # claim id
    claim_start: int | None = None
    claim_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Finding:
    id: str
    rule: str  # "numeric-conflict" | "temporal-conflict" | "contradiction" | ...
    severity: Severity
    message: str
    score: float
    evidence: list[Evidence]
    claims: list[str] = field(default_factory=list)
    # for conflicts between claims: the probability that the claims state the same fact
    # (samefact.py) and how sure the interval logic is that they cannot both be true
    same_fact: float | None = None
    incompatible: float | None = None

    def sentences(self) -> frozenset[tuple[str, int]]:
        """The sentences it cites, as (doc, sentence start): two findings citing the same
        sentences are one."""
        return frozenset((e.doc, e.start) for e in self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # recurses into the Evidence dataclasses


@dataclass
class Agreement:
    """A group of claims (or a sentence pair) that corroborate each other, or stand alone."""

    id: str
    kind: Literal["quantity", "time", "paraphrase"]
    outcome: Outcome
    message: str
    score: float
    evidence: list[Evidence]
    claims: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # recurses into the Evidence dataclasses


@dataclass
class CheckResult:
    """Everything one check produced; every input document is listed, failed ones included."""

    documents: list[Document]
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    single_source: list[Agreement] = field(default_factory=list)
    # aligned claim pairs that were not judged, each with the reason (no claim disappears)
    not_compared: list[Agreement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "documents": [d.to_dict() for d in self.documents],
            "claims": [c.to_dict() for c in self.claims],
            "findings": [f.to_dict() for f in self.findings],
            "agreements": [a.to_dict() for a in self.agreements],
            "single_source": [a.to_dict() for a in self.single_source],
            "not_compared": [a.to_dict() for a in self.not_compared],
        }

    def to_dataframe(self, table: str = "claims"):
        """One table of the result as a pandas DataFrame: documents, claims, findings,
        agreements or single_source. The columns are there even when the table is empty, and
        offsets stay integers (pandas' nullable Int64 where some rows have none)."""
        import pandas as pd
        from dataclasses import fields

        def names(*classes) -> list[str]:
            out: list[str] = []
            for cls in classes:
                out += [f.name for f in fields(cls) if f.name not in out]
            return out

        columns = {
            "documents": list(Document(id="", text="").to_dict()),
            "claims": names(Claim, QuantityClaim, TimeClaim),
            "findings": names(Finding),
            "agreements": names(Agreement),
            "single_source": names(Agreement),
        }
        if table not in columns:
            raise ValueError(f"unknown table {table!r}: expected one of {', '.join(map(repr, columns))}")
        frame = pd.DataFrame(self.to_dict()[table], columns=columns[table])
        for name in ("start", "end", "sentence_start", "sentence_end"):
            if name in frame:
                frame[name] = frame[name].astype("Int64")
        return frame
