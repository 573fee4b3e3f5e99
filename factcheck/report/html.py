"""The HTML report: one self-contained page an analyst reads (who says what, where they part).

Rendered with Jinja2 from ``templates/report.html.j2`` with autoescape on, so every text from
the input is escaped; CSS and the small script are inlined, and a Content-Security-Policy
allows only that script (by its hash), so the page loads nothing from outside and an input
that slipped past escaping still could not run.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import PurePath

from . import view as _view
from .saved import from_result


def _shortname(source: str, n: int = 22) -> str:
    """A column header: the file name without its extension, cut to fit."""
    name = PurePath(source).name or source
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    return stem if len(stem) <= n else stem[: n - 1] + "…"


def _cid(claim_id: str) -> str:
    """A claim id ("doc.txt#q1") as an HTML id that needs no escaping in a URL fragment."""
    return "c" + hashlib.blake2s(claim_id.encode("utf-8"), digest_size=6).hexdigest()


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    folder = resources.files("factcheck.report") / "templates"
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=False, lstrip_blocks=False)
    env.filters.update(shortname=_shortname, cid=_cid)
    return env


def _asset(name: str) -> str:
    return (resources.files("factcheck.report") / "templates" / name).read_text(encoding="utf-8")


def render(result, **context) -> str:
    """The page for a CheckResult (or a JSON result dict; ``texts``/``notes`` in context)."""
    data, texts = from_result(result)
    texts = context.get("texts") or texts
    report = _view.build(data, texts)
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    from .. import __version__

    return _env().get_template("report.html.j2").render(
        view=report, notes=context.get("notes") or [], suppressed=len(context.get("suppressed") or []), css=_asset("report.css"), script=script,
        script_hash=f"sha256-{digest}", outcomes=_view.OUTCOMES, words=_view.OUTCOME_WORDS,
        helps=_view.OUTCOME_HELP, why=_view.why, version=__version__,
        not_compared_intro=_view.NOT_COMPARED_INTRO,
    )
