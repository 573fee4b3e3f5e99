"""Command line: `factcheck check`, `factcheck extract`, `factcheck compare`, `factcheck baseline create`.

Exit codes, as in Ruff and Vale: 0 no finding at or above --fail-on; 1 findings; 2 usage,
config or input error (an unreadable document included), and any internal error. Errors are
one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import report
from .errors import FactcheckError
from .options import SEVERITIES, Options

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_LEVEL = {"info": 0, "warning": 1, "error": 2}


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
    c.add_argument("--tolerance", type=float, help="relative slack for point values (default 0.02)")
    c.add_argument("--max-date-gap", type=int, help="do not compare documents dated further apart (days)")
    c.add_argument("--include", action="append", default=[], help="glob of document ids to read")
    c.add_argument("--exclude", action="append", default=[], help="glob of document ids to skip")
    c.add_argument("--baseline", help="report only findings whose fingerprint is not in this baseline file")
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
    _add_project_args(bc)
    _add_model_args(bc)
    _add_engine_args(bc)

    e = sub.add_parser("extract", help="print the numeric and temporal claims of reports")
    e.add_argument("paths", nargs="+")
    _add_output_args(e, ["json", "csv", "text"])

    m = sub.add_parser("compare", help="NLI label of one sentence pair, with the numeric logic")
    m.add_argument("a", help="premise sentence")
    m.add_argument("b", help="hypothesis sentence")
    m.add_argument("--date-a", help="date of A (YYYY-MM-DD), for relative dates")
    m.add_argument("--date-b", help="date of B")
    m.add_argument("--format", "-f", choices=["json", "text"], default="text")
    _add_model_args(m)

    return parser


def _add_project_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="config file (default: factcheck.toml, .factcheck.toml or "
                   "[tool.factcheck] in pyproject.toml, searched for from the working directory up)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the NLI score cache")
    p.add_argument("--cache-dir", help="folder of the NLI score cache (default: .factcheck_cache "
                   "next to the config file, else in the working directory)")


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


def _score_cache(opts: Options, nli):
    """The NLI score cache in opts.cache_dir; None without NLI or with --no-cache."""
    if nli is None or opts.cache_dir is None:
        return None
    from .cache import ScoreCache

    return ScoreCache(opts.cache_dir)


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-nli", action="store_true", help="skip the NLI contradiction stage")
    p.add_argument("--model", help="NLI model: a Hugging Face name or a local path (default: the shipped one)")
    p.add_argument("--device", help="torch device for the NLI model (cpu, cuda, cuda:0, mps)")
    p.add_argument("--batch-size", type=int, help="NLI batch size")
    p.add_argument("--quantize", action="store_true", default=None,
                   help="int8 NLI on CPU: faster, slightly less accurate")


def _options(args) -> Options:
    cfg = _config(args)
    opts = cfg.options(Options())
    if getattr(args, "fail_on", None):
        opts.fail_on = args.fail_on
    if getattr(args, "tolerance", None) is not None:
        opts.numeric_tolerance = args.tolerance
    if getattr(args, "max_date_gap", None) is not None:
        opts.max_date_gap_days = args.max_date_gap
    if getattr(args, "no_nli", False):
        opts.nli = False
    for name in ("model", "device", "batch_size", "quantize", "cluster"):
        if getattr(args, name, None) is not None:
            setattr(opts, name, getattr(args, name))
    if getattr(args, "no_cache", False):
        opts.cache_dir = None
    elif getattr(args, "cache_dir", None):
        opts.cache_dir = args.cache_dir
    elif opts.cache_dir is None and hasattr(args, "no_cache"):
        opts.cache_dir = str(cfg.path.parent / ".factcheck_cache") if cfg.path else ".factcheck_cache"
    return opts


def _write(outputs: list[tuple[str, str | None]], render) -> None:
    to_stdout = [fmt for fmt, path in outputs if path is None]
    if len(to_stdout) > 1:
        raise FactcheckError(f"usage: {len(to_stdout)} formats but only one can go to standard output; "
                             "give an --output for each")
    for fmt, path in outputs:
        text = render(fmt)
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
    """The document id, and the file or feed it came from when that says more."""
    return d.id if not d.source or d.source == d.id else f"{d.id} ({d.source})"


def _report_errors(documents) -> bool:
    bad = False
    for d in documents:
        if d.status == "error":
            print(f"factcheck: error: {_where(d)}: {d.error}", file=sys.stderr)
            bad = True
        for w in d.warnings:
            print(f"factcheck: warning: {_where(d)}: {w}", file=sys.stderr)
    return bad


def _run(args):
    """Load, check and apply suppressions: what `check` and `baseline create` share."""
    from .api import _nli_for
    from .baseline import apply_suppressions, load_baseline
    from .load import load_documents
    from .pipeline import Checker

    opts = _options(args)
    cfg = _config(args)
    baseline = load_baseline(args.baseline) if getattr(args, "baseline", None) else None
    documents = load_documents(args.paths, include=args.include or cfg.include,
                               exclude=args.exclude or cfg.exclude, stdin=sys.stdin)
    from .progress import Progress

    progress = Progress.choose(args.progress, args.quiet)
    if args.engine == "ray":
        from .ray_engine import check_on_ray

        result = check_on_ray(documents, opts, address=args.ray_address, progress=progress)
    else:
        nli = _nli_for(opts)
        result = Checker(opts, nli=nli, cache=_score_cache(opts, nli), progress=progress).check(documents)
    bad_input = _report_errors(result.documents)
    result.findings, suppressed = apply_suppressions(result.findings, result.documents,
                                                     config=cfg.suppress, baseline=baseline)
    return opts, result, suppressed, bad_input


def cmd_check(args) -> int:
    opts, result, suppressed, bad_input = _run(args)

    outputs = _pair(args, "text")
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        formats = args.format or list(report.BATCH_FORMATS)
        outputs = [(f, str(args.out / f"report.{report.extension(f)}")) for f in formats]
    _write(outputs, lambda fmt: report.render(fmt, result, options=opts, suppressed=suppressed))
    if args.out is not None:
        print(f"factcheck: wrote {', '.join(p for _, p in outputs)}", file=sys.stderr)
    if suppressed:
        kinds = {k: sum(s.kind == k for s in suppressed) for k in ("inline", "config", "baseline")}
        print(f"factcheck: {len(suppressed)} finding(s) suppressed ("
              + ", ".join(f"{n} {k}" for k, n in kinds.items() if n) + ")", file=sys.stderr)

    if bad_input:
        return EXIT_ERROR
    if opts.fail_on == "none":
        return EXIT_CLEAN
    threshold = _LEVEL[opts.fail_on]
    failing = [f for f in result.findings if _LEVEL.get(f.severity, -1) >= threshold]
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def cmd_extract(args) -> int:
    from .load import load_documents
    from .pipeline import Checker

    documents = load_documents(args.paths, stdin=sys.stdin)
    checker = Checker(Options(nli=False))
    analyses = checker.analyse_all(documents)
    bad_input = _report_errors(documents)
    claims = [c for a in analyses for c in a.claims]

    def render(fmt: str) -> str:
        if fmt == "json":
            payload = {"documents": [d.to_dict() for d in documents], "claims": [c.to_dict() for c in claims]}
            return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
        if fmt == "csv":
            import pandas as pd

            return pd.DataFrame([c.to_dict() for c in claims]).to_csv(index=False)
        from .judge import describe

        return "".join(f"{c.id}\t{c.start}-{c.end}\t{c.text!r}\t{describe(c)}\n" for c in claims)

    _write(_pair(args, "text"), render)
    return EXIT_ERROR if bad_input else EXIT_CLEAN


def cmd_compare(args) -> int:
    from .api import compare
    from .nli import NLIModel

    opts = _options(args)
    nli = NLIModel.load(opts.model, device=opts.device, batch_size=opts.batch_size, quantize=opts.quantize)
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


COMMANDS = {"check": cmd_check, "extract": cmd_extract, "compare": cmd_compare, "baseline": cmd_baseline}


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
