"""The public Python API: check(), extract_claims(), compare()."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .options import Options
from .types import CheckResult, Claim, Document


def _options(options: Options | None, overrides: dict) -> Options:
    """``options`` with keyword overrides, checked by the model: TypeError for an unknown name,
    ValueError (one line, naming the option) for a bad value."""
    from pydantic import ValidationError

    from .options import describe_error, kebab

    options = options or Options()
    unknown = set(overrides) - set(Options.model_fields)
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    try:
        return Options.model_validate({**options.model_dump(), **overrides})
    except ValidationError as e:
        raise ValueError(describe_error(e, {kebab(f): f for f in Options.model_fields})) from None


def _documents(inputs, fields: dict[str, str] | None = None) -> list[Document]:
    from .load import load_documents, load_text

    if isinstance(inputs, (str, Path, Document)):
        inputs = [inputs]
    docs: list[Document] = []
    paths: list[str | Path] = []
    for i, item in enumerate(inputs):
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, Path) or (isinstance(item, str) and "\n" not in item and Path(item).exists()):
            paths.append(item)
        elif isinstance(item, str):
            docs.append(load_text(item, id=f"text{i + 1}"))
        else:
            raise TypeError(f"cannot check {type(item).__name__}: give paths, texts or Documents")
    if paths:
        docs = load_documents(paths, fields=fields) + docs
    return docs


def check(inputs: Iterable[str | Path | Document] | str | Path | Document,
          options: Options | None = None, *, checker=None, engine: str = "local",
          ray_address: str | None = None, **overrides) -> CheckResult:
    """Check a set of reports against each other.

    ``inputs``: paths (files or folders), texts, or Documents. Keyword overrides set Options
    fields, e.g. ``check(paths, nli=False, numeric_tolerance=0.05, cluster="topic")``.
    ``engine="ray"`` runs the same check on Ray Data (``ray_address``, else $RAY_ADDRESS, else
    a new local Ray); the result is the same.
    """
    from .errors import FactcheckError
    from .pipeline import Checker

    opts = _options(options, overrides)
    if engine == "ray":
        from .ray_engine import check_on_ray

        return check_on_ray(_documents(inputs, opts.fields), opts, address=ray_address)
    if engine != "local":
        raise FactcheckError(f"unknown engine {engine!r}: local or ray")
    checker = checker or Checker(opts, nli=_nli_for(opts))
    return checker.check(_documents(inputs, opts.fields))


def _nli_for(options: Options):
    if not options.nli:
        return None
    try:
        from .nli import NLIModel
    except ImportError:
        return None
    return NLIModel.load(options.model, device=options.device, batch_size=options.batch_size,
                         quantize=options.quantize)


def _claims_and_parses(text: str, date: str | None, id: str, nlp):
    from .extract import extract_from_parsed
    from .load import load_text
    from .segment import parse_sentences, split_sentences

    doc = load_text(text, id=id, date=date)
    from .frames import attach_frames

    parsed = parse_sentences(split_sentences(doc), nlp)
    claims = extract_from_parsed(doc, parsed)
    attach_frames(claims, parsed)
    return claims, parsed


def extract_claims(text: str, date: str | None = None, *, id: str = "text", nlp=None) -> list[Claim]:
    """Numeric and temporal claims of one text; relative dates resolve against ``date``."""
    from .nlp import load_spacy

    return _claims_and_parses(text, date, id, nlp or load_spacy())[0]


def compare(a: str, b: str, date_a: str | None = None, date_b: str | None = None, *,
            nli=None, nlp=None, options: Options | None = None) -> dict:
    """Does ``b`` follow from, contradict, or say nothing about ``a``?

    Returns ``{"label", "scores": {entailment, neutral, contradiction}, "reason"}``. The NLI
    model gives the label, except where both sentences state aligned numbers or dates: a
    conflict between them is a contradiction whatever the model says, and a contradiction
    the model sees only because compatible numbers differ ("120" vs "more than 100") is not.
    A number of ``b`` that one operation on ``a``'s numbers gives (a total, a difference, a
    share) follows from ``a``; a total or remainder that none gives contradicts it.
    """
    from .arithmetic import arithmetic_verdict
    from .contradiction import _equalise, claim_verdict
    from .cues import find_cues
    from .nlp import load_spacy
    from .errors import FactcheckError
    from .intervals import covers
    from .judge import describe
    from spacy.tokens import Doc

    if not a.strip() or not b.strip():
        raise FactcheckError("compare: both sentences must be non-empty")
    options = options or Options()
    if nli is False:  # the comment below promises it: numbers, dates and wording only
        nli = None
    elif nli is None and options.nli:
        nli = _nli_for(options)
    nlp = nlp or load_spacy()
    # one spaCy pass per text serves both the claims and the wording cues
    ca, parsed_a = _claims_and_parses(a, date_a, "a", nlp)
    cb, parsed_b = _claims_and_parses(b, date_b, "b", nlp)
    # without the model (nli=False) only the numbers, dates and wording decide
    label, scores = None, None
    if nli is not None:
        labels = nli.LABELS
        probs = nli.predict([(a, b)])[0]
        label = labels[int(probs.argmax())]
        scores = {name: round(float(p), 4) for name, p in zip(labels, probs)}
    derived, why = arithmetic_verdict(ca, cb, a, b)
    if derived is not None:
        return {"label": derived, "scores": scores, "reason": why}
    verdict, pairs = claim_verdict(ca, cb, options)
    cues = find_cues(*(Doc.from_docs([p.doc for p in parsed]) if parsed else nlp(text)
                       for text, parsed in ((a, parsed_a), (b, parsed_b))))
    if verdict == "conflict":
        x, y, _ = next(p for p in pairs if p[2] == "conflict")
        return {"label": "contradiction", "scores": scores,
                "reason": f"{x.kind} conflict: {describe(x)!r} vs {describe(y)!r}"}
    if verdict == "compatible" and label == "contradiction":
        b2 = _equalise(b, 0, cb, {y.id: x.text for x, y, _ in pairs})
        again = nli.predict([(a, b2)])[0]
        label2 = labels[int(again.argmax())]
        if label2 == "entailment" and not all(covers(x, y, options) for x, y, _ in pairs):
            label2 = "neutral"  # b is more precise than a ("more than 4" -> "8"): compatible, not implied
        if label2 != "contradiction":
            return {"label": label2, "scores": scores,
                    "reason": "the model's contradiction rests on numbers or dates that are compatible: "
                    + "; ".join(f"{describe(x)!r} ~ {describe(y)!r}" for x, y, _ in pairs)}
    if cues.minimal_edit and not cues.converse:
        return {"label": "contradiction", "scores": scores,
                "reason": f"the same words but for {', '.join(cues.contradiction)}"}
    if cues.converse and label != "entailment":
        return {"label": "entailment", "scores": scores,
                "reason": "converse restatement (antonymous verbs, roles swapped)"}
    if label is None:
        return {"label": "neutral", "scores": None,
                "reason": "no NLI model: no conflicting number or date, no contradicting wording"}
    return {"label": label, "scores": scores, "reason": "NLI model"}
