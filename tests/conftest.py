from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


def shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test: CI has that folder, a user's checkout does not."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found")
    return path


@pytest.fixture(scope="session")
def nlp():
    from factcheck.nlp import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def checker(nlp):
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    return Checker(Options(nli=False), nlp=nlp)


@pytest.fixture
def seed_dir(tmp_path) -> Path:
    """A copy of the seed reports that a test may edit."""
    for f in SEEDS.glob("*.txt"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    return tmp_path
