"""Output a person reads in a terminal: a summary after --out, paths relative to the working
directory, colour on a terminal (--color auto|always|never, NO_COLOR)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from factcheck.cli import main
from tests.conftest import ROOT

HEADER = "date: 2022-02-24\n\n"
JETS_100 = "They have over 100 jets on high alert to protect the airspace."
JETS_80 = "They have 80 jets on high alert to protect the airspace."


@pytest.fixture
def news(tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(HEADER + JETS_100 + "\n")
    (tmp_path / "news" / "b.txt").write_text(HEADER + JETS_80 + "\n")
    (tmp_path / "news" / "broken.json").write_text('{"text": ')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def test_out_prints_a_summary_with_each_finding_on_stdout(news, capsys):
    code = main(["check", "news", "--no-nli", "--out", "reports"])
    out, err = capsys.readouterr()
    assert code == 2  # broken.json
    assert (news / "reports" / "report.json").is_file()
    lines = out.splitlines()
    assert lines[-1].startswith("3 documents (1 failed), ") and "1 findings" in lines[-1]
    assert any(line.startswith("news/a.txt:3:") and "[numeric-conflict]" in line for line in lines)
    assert "news/broken.json: error: malformed JSON" in out
    assert "factcheck: wrote reports/report.md" in err


def test_paths_are_relative_to_the_working_directory(news, capsys):
    os.chdir(news / "news")
    code = main(["check", str(news / "news"), "--no-nli"])
    out, err = capsys.readouterr()
    assert code == 2
    assert any(line.startswith("a.txt:3:11: error [numeric-conflict]") for line in out.splitlines()), out
    assert "factcheck: error: broken.json: malformed JSON" in err  # no absolute path
    os.chdir(news)
    main(["check", "news/a.txt", str(news / "news" / "b.txt"), "--no-nli"])
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(("news/a.txt:3:11: ", "news/b.txt:3:11: ")), first


@pytest.mark.parametrize("flag, coloured", [("always", True), ("never", False), ("auto", False)])
def test_color_flag(news, capsys, monkeypatch, flag, coloured):
    main(["check", "news", "--no-nli", "--color", flag])
    out = capsys.readouterr().out
    assert ("\033[" in out) == coloured
    if coloured:
        assert "\033[31;1merror\033[0m" in out


def _on_a_terminal(cwd, env_extra, *argv) -> str:
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), **env_extra}
    env.pop("NO_COLOR", None) if "NO_COLOR" not in env_extra else None
    proc = subprocess.run([sys.executable, "-m", "factcheck", *argv], cwd=cwd, env=env, stdout=slave,
                          stderr=subprocess.DEVNULL, timeout=60)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO once the terminal has no writer left
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.returncode == 2
    return b"".join(chunks).decode()


def test_auto_colours_a_terminal_unless_no_color(news):
    assert "\033[31;1merror\033[0m" in _on_a_terminal(news, {}, "check", "missing.txt")
    assert "\033[" not in _on_a_terminal(news, {"NO_COLOR": "1"}, "check", "missing.txt")
    assert "\033[" in _on_a_terminal(news, {"NO_COLOR": "1"}, "check", "missing.txt", "--color", "always")
