"""Progress bars: on for a terminal or --progress, off otherwise and with --quiet."""

from __future__ import annotations

import io

from factcheck.progress import Progress


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_only_for_a_terminal_unless_asked():
    assert not Progress.choose(None, False, io.StringIO()).enabled
    assert Progress.choose(None, False, _Terminal()).enabled
    assert Progress.choose(True, False, io.StringIO()).enabled
    assert not Progress.choose(True, True, _Terminal()).enabled


def test_a_stage_draws_its_bar_and_counts():
    out = io.StringIO()
    with Progress(True, out).stage("judging", 3, "cluster") as step:
        for _ in range(3):
            step()
    assert "judging" in out.getvalue() and "/3 " in out.getvalue()
    quiet = io.StringIO()
    with Progress(False, quiet).stage("judging", 3, "cluster") as step:
        step()
    assert quiet.getvalue() == ""


def test_cli_progress_and_quiet(seed_dir, capsys):
    from factcheck.cli import main

    main(["check", str(seed_dir), "--no-nli", "--no-cache", "--progress"])
    err = capsys.readouterr().err
    assert "parsing" in err and "judging" in err
    main(["check", str(seed_dir), "--no-nli", "--no-cache", "--progress", "--quiet"])
    assert "parsing" not in capsys.readouterr().err
