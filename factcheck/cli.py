"""Command line: `factcheck check`, `extract`, `compare`, `baseline create`, `rules`, `rule NAME`.

Exit codes, as in Ruff and Vale: 0 no finding at or above --fail-on; 1 findings; 2 usage,
config or input error (an unreadable document included), and any internal error. Errors are
one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from . import report
from .errors import FactcheckError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_LEVEL = {"info": 0, "warning": 1, "error": 2}
_ISO_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 too, but with a usage dump; keep it one line
        raise FactcheckError(f"usage: {message} (see `{self.prog} --help`)")


def _add_output_args(p: argparse.ArgumentParser, formats: list[str]) -> None:
    p.add_argument("--format", "-f", action="append", choices=formats,
                   help="output format; repeat for several, each paired with an --output in order")
    p.add_argument("--output", "-o", action="append", default=[],
                   help="file for the format of the same position (default: standard output)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factcheck", description="Check whether reports about the same events agree.")
    parser.add_argument("--version", action="version", version=f"factcheck {__import__('factcheck').__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="compare a set of reports and report conflicts")
    c.add_argument("paths", nargs="+", help="files or folders of reports; - for standard input")
    c.add_argument("--out", type=Path, help="write the report set (md, json, csv, html) into this folder")
    _add_output_args(c, sorted(report.FORMATS))
    c.add_argument("--fail-on", choices=["error", "warning", "info", "none"],
                   help="lowest severity that makes the exit code 1 (default: error)")
    c.add_argument("--numeric-tolerance", "--tolerance", dest="numeric_tolerance", type=float,
                   help="relative slack for point values (default 0.02)")
    c.add_argument("--max-date-gap-days", "--max-date-gap", dest="max_date_gap_days", type=int,
                   help="compare a moving figure (a present-tense level with no time of its own) and the "
                        "wording of sentences only between documents dated at most this far apart; facts "
                        "fixed in time are compared at any distance (days; default 1, -1: no limit)")
    c.add_argument("--align-threshold", type=float,
                   help="same-fact probability for two claims to be linked (default 0.05)")
    c.add_argument("--conflict-threshold", type=float,
                   help="same-fact probability for a value difference to be a conflict (default 0.35)")
    c.add_argument("--rival-ratio", type=float,
                   help="leave a conflict out when one report also states the other's value in a claim "
                        "this share as likely the other's fact (default 0.25; above 1: off)")
    c.add_argument("--error-threshold", type=float,
                   help="same-fact probability for a conflict at the rule's full severity (default 0.5)")
    c.add_argument("--max-document-chars", type=int,
                   help="check a longer document only up to here, with a warning (default 300000; 0: no limit)")
    c.add_argument("--max-sentence-chars", type=int,
                   help="parse a longer sentence in pieces, with a warning (default 1000; 0: no limit)")
    c.add_argument("--include", action="append", default=[], help="glob of document ids to read")
    c.add_argument("--exclude", action="append", default=[], help="glob of document ids to skip")
    c.add_argument("--baseline", help="report only findings whose fingerprint is not in this baseline file")
    c.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="colour the text output: auto (default) when standard output is a terminal "
                   "and NO_COLOR is not set")
    _add_field_arg(c)
    _add_project_args(c)
    _add_model_args(c)
    _add_engine_args(c)

    b = sub.add_parser("baseline", help="record today's findings so that later checks report only new ones")
    bsub = b.add_subparsers(dest="baseline_command", required=True, parser_class=_Parser)
    bc = bsub.add_parser("create", help="write the fingerprints of the current findings to a baseline file")
    bc.add_argument("paths", nargs="+", help="files or folders of reports")
    bc.add_argument("--output", "-o", default=".factcheck-baseline.json",
                    help="baseline file to write (default: .factcheck-baseline.json)")
    bc.add_argument("--include", action="append", default=[], help="glob of document ids to read")
    bc.add_argument("--exclude", action="append", default=[], help="glob of document ids to skip")
    _add_field_arg(bc)
    _add_project_args(bc)
    _add_model_args(bc)
    _add_engine_args(bc)

    e = sub.add_parser("extract", help="print the numeric and temporal claims of reports")
    e.add_argument("paths", nargs="+")
    _add_field_arg(e)
    _add_output_args(e, ["json", "csv", "text"])

    m = sub.add_parser("compare", help="NLI label of one sentence pair, with the numeric logic")
    m.add_argument("a", help="premise sentence")
    m.add_argument("b", help="hypothesis sentence")
    m.add_argument("--date-a", help="date of A (YYYY-MM-DD), for relative dates")
    m.add_argument("--date-b", help="date of B")
    m.add_argument("--format", "-f", choices=["json", "text"], default="text")
    _add_model_args(m)

    # `report`: render a saved JSON result again, without re-checking (self-contained block)
    r = sub.add_parser("report", help="render a saved JSON result (factcheck check --format json) as html or md")
    r.add_argument("result", help="the JSON result file; - for standard input")
    r.add_argument("--format", "-f", choices=["html", "md"], default="html", help="report format (default: html)")
    r.add_argument("--output", "-o", help="file to write (default: standard output)")
    _add_field_arg(r)
    r = sub.add_parser("rules", help="list every rule with its default severity")
    r.add_argument("--format", "-f", choices=["text", "json"], default="text")
    r1 = sub.add_parser("rule", help="explain one rule: what it flags, why, how to silence it")
    r1.add_argument("name", help="rule id, e.g. numeric-conflict")
    r1.add_argument("--format", "-f", choices=["text", "json"], default="text")

    return parser


def _add_project_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="config file (default: factcheck.toml, .factcheck.toml or "
                   "[tool.factcheck] in pyproject.toml, searched for from the working directory up)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the NLI score cache")
    p.add_argument("--cache-dir", help="folder of the NLI score cache (default: .factcheck_cache "
                   "next to the config file, else in the working directory)")


def _add_field_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--field", action="append", default=[], metavar="NAME=KEY",
                   help="read a record's NAME (id, text, date, title, source) from its KEY, in JSON, JSONL "
                   "and CSV records and front matter: --field text=body --field date=published_at")


def _fields(args, configured: dict | None = None) -> dict[str, str]:
    """The --field flags over the config's fields, as Options.fields."""
    fields = dict(configured or {})
    for given in getattr(args, "field", None) or []:
        name, sep, key = given.partition("=")
        if not sep or not name.strip() or not key.strip():
            raise FactcheckError(f"usage: --field expects NAME=KEY, as text=body (got {given!r})")
        fields[name.strip()] = key.strip()
    return fields


def _field_options(args):
    """Options without the NLI stage and with the --field flags, for the commands that read
    documents without a config (extract, report)."""
    from pydantic import ValidationError

    from .options import Options, describe_error

    try:
        return Options(nli=False, fields=_fields(args))
    except ValidationError as e:
        raise FactcheckError("usage: " + describe_error(e, {"fields": "--field"})) from None


def _add_engine_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cluster", metavar="auto|none|FIELD",
                   help="which documents are compared: auto (default) groups documents that name no "
                   "cluster into stories; none compares them all; FIELD: the record field naming the cluster")
    p.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="run here (default) or on Ray Data (pip install 'factcheck[ray]')")
    p.add_argument("--ray-address", help="Ray cluster to run on (default: $RAY_ADDRESS, else a new local one)")
    p.add_argument("--progress", action="store_true", default=None,
                   help="progress bars on stderr even when it is not a terminal")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bars")


def _config(args):
    """The project config in effect (--config, else discovered, else defaults), read once."""
    if getattr(args, "_config", None) is None:
        from .config import resolve_config

        args._config = resolve_config(getattr(args, "config", None))
    return args._config


def _score_cache(opts, nli):
    """The NLI score cache in opts.cache_dir; None without NLI or with --no-cache."""
    if nli is None or opts.cache_dir is None:
        return None
    from .cache import ScoreCache

    return ScoreCache(opts.cache_dir)


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-nli", action="store_true", help="skip the NLI contradiction stage (denials read from the parse are still reported)")
    p.add_argument("--model", help="NLI model: a Hugging Face name or a local path (default: the shipped one)")
    p.add_argument("--device", help="torch device for the NLI model (cpu, cuda, cuda:0, mps)")
    p.add_argument("--batch-size", type=int, help="NLI batch size (default: 1 for int8, 32 otherwise)")
    p.add_argument("--jobs", "-j", type=int, help="processes that parse in parallel (default 0: one per CPU)")
    p.add_argument("--quantize", action=argparse.BooleanOptionalAction, default=None,
                   help="reduced-precision NLI on CPU, the default: bfloat16 with AMX, else int8 (--no-quantize: float32)")
    p.add_argument("--nli-threshold", type=float,
                   help="contradiction score the NLI model must reach (default: the model's calibrated one)")


# Options fields that a flag of the same name (in kebab case) sets
_FLAG_OPTIONS = ("fail_on", "numeric_tolerance", "max_date_gap_days", "align_threshold", "conflict_threshold",
                 "max_document_chars", "max_sentence_chars", "model", "device", "batch_size", "quantize",
                 "nli_threshold", "cache_dir", "error_threshold", "rival_ratio", "cluster", "jobs")


def _options(args):
    """Options from the defaults, the config file and the flags, in that order; every value
    checked by the Options model, a bad one named as the user typed it."""
    from pydantic import ValidationError

    from .options import Options, describe_error, kebab

    cfg = _config(args)
    opts = cfg.options(Options())
    given = {name: getattr(args, name) for name in _FLAG_OPTIONS if getattr(args, name, None) is not None}
    if getattr(args, "field", None):
        given["fields"] = _fields(args, opts.fields)
    if getattr(args, "no_nli", False):
        given["nli"] = False
    if getattr(args, "no_cache", False):
        given["cache_dir"] = None
    elif "cache_dir" not in given and opts.cache_dir is None and hasattr(args, "no_cache"):
        given["cache_dir"] = str(cfg.path.parent / ".factcheck_cache") if cfg.path else ".factcheck_cache"
    try:
        return Options.model_validate({**opts.model_dump(), **given})
    except ValidationError as e:
        flags = {kebab(name): "--" + kebab(name) for name in given} | {"fields": "--field"}
        raise FactcheckError("usage: " + describe_error(e, flags)) from None


def _check_stdout(outputs: list[tuple[str, str | None]]) -> None:
    to_stdout = [fmt for fmt, path in outputs if path is None]
    if len(to_stdout) > 1:
        raise FactcheckError(f"usage: {len(to_stdout)} formats but only one can go to standard output; "
                             "give an --output for each")


def _write(outputs: list[tuple[str, str | None]], render) -> None:
    _check_stdout(outputs)
    for fmt, path in outputs:
        text = render(fmt, path is None)
        if path is None:
            sys.stdout.write(text)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text(text, encoding="utf-8")


def _pair(args, default: str) -> list[tuple[str, str | None]]:
    formats = args.format or [default]
    if len(args.output) > len(formats):
        raise FactcheckError("usage: more --output than --format arguments")
    return [(fmt, args.output[i] if i < len(args.output) else None) for i, fmt in enumerate(formats)]


def _where(d) -> str:
    """The document's file relative to the working directory, or its id and the feed it came from."""
    from .report.locate import display_name

    return display_name(d)


def _use_color(mode: str, stream) -> bool:
    """--color always/never, else colour on a terminal unless NO_COLOR is set (no-color.org)."""
    if mode != "auto":
        return mode == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


# a warning many documents share ("no date: relative dates are not resolved" on an archive
# of undated articles) is named for this many of them; one line counts the rest, which the
# report lists with their warnings, so that an error line is not lost among hundreds
_WARNINGS_NAMED = 3


def _report_errors(documents, seen: Counter | None = None, warnings: bool = True) -> bool:
    """One stderr line per unreadable document and per warning, a warning past
    _WARNINGS_NAMED documents counted in ``seen`` instead; without ``seen`` (every document
    at once) the count is said here, else by the caller's ``_say_more(seen)`` at the end.
    ``warnings`` False: the text report on standard output lists every warning already."""
    bad = False
    counts = Counter() if seen is None else seen
    for d in documents:
        if d.status == "error":
            print(f"factcheck: error: {_where(d)}: {d.error}", file=sys.stderr)
            bad = True
        for w in d.warnings if warnings else ():
            counts[w] += 1
            if counts[w] <= _WARNINGS_NAMED:
                print(f"factcheck: warning: {_where(d)}: {w}", file=sys.stderr)
    if seen is None:
        _say_more(counts)
    return bad


def _say_more(counts: Counter) -> None:
    for w, n in counts.items():
        if n > _WARNINGS_NAMED:
            print(f"factcheck: warning: {n - _WARNINGS_NAMED} more documents: {w} (the report lists each)",
                  file=sys.stderr)


def _loaded(paths, include=(), exclude=(), fields=None):
    """The input documents, read (cheap) before any model loads, so that a missing path or a
    folder of broken files answers at once."""
    from .load import load_documents

    return load_documents(paths, include=include, exclude=exclude, stdin=sys.stdin, fields=fields)


def _checker(opts, with_cache: bool = True, progress=None):
    """The Checker with the models this run needs, loaded now and only now."""
    from .api import _nli_for
    from .pipeline import Checker

    nli = _nli_for(opts)
    _load_spacy()
    return Checker(opts, nli=nli, cache=_score_cache(opts, nli) if with_cache else None, progress=progress)


def _load_spacy() -> None:
    """spaCy's pipeline, loaded now, without torch unless a model of this run loaded it already."""
    with _without_torch():
        from .nlp import load_spacy

        load_spacy()


@contextmanager
def _without_torch():
    """spaCy's thinc imports torch when it is installed (1.3 s of a 2.6 s start) though
    en_core_web_sm never uses it; a run without the NLI stage, or with the shipped NLI model on
    ONNX Runtime, does not need torch at all."""
    if "thinc" in sys.modules or "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` an ImportError
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


def _run(args, warnings: bool = True):
    """Load, check and apply suppressions: what `check` and `baseline create` share;
    ``warnings``: say the documents' warnings on stderr (``_report_errors``).

    Order matters for fast failure: options and config, the baseline, then the documents;
    models load last, and not at all when no document could be read."""
    from .baseline import apply_suppressions, load_baseline
    from .types import CheckResult

    opts = _options(args)
    cfg = _config(args)
    baseline = load_baseline(args.baseline) if getattr(args, "baseline", None) else None
    documents = _loaded(args.paths, args.include or cfg.include, args.exclude or cfg.exclude, opts.fields)
    from .progress import Progress

    progress = Progress.choose(args.progress, args.quiet)
    if not any(d.status == "ok" for d in documents):
        result = CheckResult(documents)
    elif args.engine == "ray":
        from .ray_engine import check_on_ray

        result = check_on_ray(documents, opts, address=args.ray_address, progress=progress)
    else:
        result = _checker(opts, progress=progress).check(documents)
    bad_input = _report_errors(result.documents, warnings=warnings)
    result.findings, suppressed = apply_suppressions(result.findings, result.documents,
                                                     config=cfg.suppress, baseline=baseline)
    return opts, result, suppressed, bad_input


def _say_suppressed(suppressed) -> None:
    """One stderr line counting the findings left out, by how they were silenced."""
    if suppressed:
        kinds = {k: sum(s.kind == k for s in suppressed) for k in ("inline", "config", "baseline")}
        print(f"factcheck: {len(suppressed)} finding(s) suppressed ("
              + ", ".join(f"{n} {k}" for k, n in kinds.items() if n) + ")", file=sys.stderr)


def cmd_check(args) -> int:
    if args.out is not None:
        if args.output:
            raise FactcheckError("usage: --out DIR writes the report set; give either --out or --output")
        if args.out.exists() and not args.out.is_dir():
            raise FactcheckError(f"usage: --out {args.out}: not a folder")
        formats = args.format or list(report.BATCH_FORMATS)
        outputs = [(f, str(args.out / f"report.{report.extension(f)}")) for f in formats]
    else:
        outputs = _pair(args, "text")
    _check_stdout(outputs)
    streamed = _check_streamed(args, outputs)
    if streamed is not None:
        return streamed
    # the text report on standard output lists each document's warnings: stderr need not too
    text_out = args.out is not None or ("text", None) in outputs
    opts, result, suppressed, bad_input = _run(args, warnings=not text_out)

    color = _use_color(args.color, sys.stdout)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    _write(outputs, lambda fmt, to_stdout: report.render(fmt, result, options=opts, suppressed=suppressed,
                                                         color=color and to_stdout))
    if args.out is not None:
        print(f"factcheck: wrote {', '.join(p for _, p in outputs)}", file=sys.stderr)
        # the files are for people who open them; a CI log shows what was found right here
        sys.stdout.write(report.render("text", result, options=opts, suppressed=suppressed, color=color))
    _say_suppressed(suppressed)

    if bad_input:
        return EXIT_ERROR
    if opts.fail_on == "none":
        return EXIT_CLEAN
    threshold = _LEVEL[opts.fail_on]
    failing = [f for f in result.findings if _LEVEL.get(f.severity, -1) >= threshold]
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _check_streamed(args, outputs) -> int | None:
    """`check` of JSONL files into JSONL outputs only, one cluster at a time (factcheck.stream),
    so a corpus larger than memory can be checked; None when the inputs cannot be streamed, and
    the ordinary check runs. Same findings, ids and exit code as the ordinary check."""
    if args.out is not None or args.engine != "local" or any(fmt != "jsonl" for fmt, _ in outputs):
        return None
    from .baseline import apply_suppressions, load_baseline
    from .progress import Progress
    from .stream import check_stream, plan

    opts = _options(args)
    cfg = _config(args)
    baseline = load_baseline(args.baseline) if getattr(args, "baseline", None) else None
    todo = plan(args.paths, opts.cluster, opts.fields)
    if todo is None or not todo.readable:
        return None
    progress = Progress.choose(args.progress, args.quiet)
    checker = _checker(opts, progress=progress)
    streams = []
    try:
        for _, path in outputs:
            if path is None:
                streams.append(sys.stdout)
            else:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                streams.append(open(path, "w", encoding="utf-8"))
        bad_input, failing, suppressed, warned = False, False, [], Counter()
        threshold = _LEVEL.get(opts.fail_on, 99)
        for result in check_stream(todo, checker):
            bad_input |= _report_errors(result.documents, warned)
            result.findings, held = apply_suppressions(result.findings, result.documents,
                                                       config=cfg.suppress, baseline=baseline)
            suppressed += held
            failing |= any(_LEVEL.get(f.severity, -1) >= threshold for f in result.findings)
            text = report.render("jsonl", result, options=opts)
            for out in streams:
                out.write(text)
                out.flush()
    finally:
        for out in streams:
            if out is not sys.stdout:
                out.close()
    _say_more(warned)
    _say_suppressed(suppressed)
    if bad_input:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing and opts.fail_on != "none" else EXIT_CLEAN


def cmd_extract(args) -> int:
    outputs = _pair(args, "text")
    _check_stdout(outputs)
    opts = _field_options(args)
    documents = _loaded(args.paths, fields=opts.fields)
    analyses = _checker(opts, with_cache=False).analyse_all(documents) \
        if any(d.status == "ok" for d in documents) else []
    bad_input = _report_errors(documents)
    claims = [c for a in analyses for c in a.claims]

    def render(fmt: str, to_stdout: bool) -> str:
        if fmt == "json":
            payload = {"documents": [d.to_dict() for d in documents], "claims": [c.to_dict() for c in claims]}
            return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
        if fmt == "csv":
            from .report.csv_ import claims_csv

            return claims_csv(claims)
        from .judge import describe

        return "".join(f"{c.id}\t{c.start}-{c.end}\t{c.text!r}\t{describe(c)}\n" for c in claims)

    _write(outputs, render)
    return EXIT_ERROR if bad_input else EXIT_CLEAN


def cmd_compare(args) -> int:
    from .api import compare

    if not args.a.strip() or not args.b.strip():
        raise FactcheckError("compare: both sentences must be non-empty")
    for flag, value in (("--date-a", args.date_a), ("--date-b", args.date_b)):
        if value is not None and not _ISO_DATE.fullmatch(value):
            raise FactcheckError(f"usage: {flag} {value!r}: expected YYYY-MM-DD or YYYY-MM")
    opts = _options(args)
    from .api import _nli_for

    nli = _nli_for(opts)
    _load_spacy()
    out = compare(args.a, args.b, args.date_a, args.date_b, nli=nli, options=opts)
    if args.format == "json":
        print(json.dumps(out, indent=2))
    else:
        print(f"{out['label']}\t{json.dumps(out['scores'])}\t{out['reason']}")
    return EXIT_CLEAN


def cmd_baseline(args) -> int:
    from .baseline import write_baseline

    _, result, _, bad_input = _run(args)
    if bad_input:
        print("factcheck: error: baseline not written: fix or --exclude the unreadable documents",
              file=sys.stderr)
        return EXIT_ERROR
    n = write_baseline(args.output, result.findings, result.documents)
    print(f"factcheck: wrote {n} finding(s) to {args.output}", file=sys.stderr)
    return EXIT_CLEAN


def cmd_report(args) -> int:
    """Render a saved result; the documents' text is read again from their sources when they
    have not changed, so the report shows them highlighted as a live one does."""
    from .report.saved import read_result, reread_texts

    data = read_result(args.result)
    base = Path(args.result).resolve().parent if args.result != "-" else None
    texts, notes = reread_texts(data, base=base, fields=_field_options(args).fields)
    for note in notes:
        print(f"factcheck: warning: {note}", file=sys.stderr)
    _write([(args.format, args.output)], lambda fmt, _to_terminal: report.render(fmt, data, texts=texts, notes=notes))
    return EXIT_CLEAN



def cmd_rules(args) -> int:
    from .rules import RULES

    if args.format == "json":
        print(json.dumps([r.metadata() for r in RULES.values()], indent=2))
        return EXIT_CLEAN
    width = max(len(r) for r in RULES)
    print(f"{'rule':{width}}  {'default':8} summary")
    for r in RULES.values():
        print(f"{r.id:{width}}  {r.default_severity:8} {r.summary}")
    return EXIT_CLEAN


def cmd_rule(args) -> int:
    import textwrap

    from .rules import SILENCE, get

    try:
        rule = get(args.name)
    except KeyError as e:
        raise FactcheckError(e.args[0]) from None
    if args.format == "json":
        print(json.dumps(rule.metadata(), indent=2))
        return EXIT_CLEAN
    print(f"# {rule.id}\n\n{rule.summary}\n\nDefault severity: {rule.default_severity}\n")
    print(textwrap.fill(rule.help, 88) + "\n")
    print(textwrap.fill(SILENCE.format(id=rule.id), 88))
    return EXIT_CLEAN


COMMANDS = {"rules": cmd_rules, "rule": cmd_rule, "check": cmd_check, "extract": cmd_extract, "compare": cmd_compare,
            "baseline": cmd_baseline, "report": cmd_report}


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except FactcheckError as e:
        print(f"factcheck: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except Exception as e:  # a crash is never exit 1: CI must not read it as "findings"
        print(f"factcheck: internal error: {type(e).__name__}: {e} "
              "(please report it with the input that caused it)", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
