"""An on-disk cache of NLI scores, so that re-running a check after adding one article only
scores the new sentence pairs (as Ruff's .ruff_cache or pytest's .pytest_cache).

One SQLite file, ``<cache-dir>/nli-scores.sqlite3``; the key is a SHA-256 of (model name,
premise, hypothesis), the value the model's scores as JSON. The folder gets a CACHEDIR.TAG and
a ``.gitignore`` of ``*`` so that backups and git leave it alone.

The cache never fails a check: a folder that cannot be created, a locked or corrupt database
turns it off with one warning on stderr. ``ScoreCache(None)`` is a cache that holds nothing.

    cache = ScoreCache(options.cache_dir)
    hits = cache.get_many(model_name, pairs)              # {index: scores}
    todo = [i for i in range(len(pairs)) if i not in hits]
    scores = model.score([pairs[i] for i in todo])
    cache.put_many(model_name, [pairs[i] for i in todo], scores)
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

SCHEMA_VERSION = 1
DB_NAME = "nli-scores.sqlite3"
_CHUNK = 500  # keys per query, under SQLite's variable limit
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by factcheck.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")


def pair_key(model: str, premise: str, hypothesis: str) -> str:
    payload = "\x1f".join((f"v{SCHEMA_VERSION}", model or "", premise, hypothesis))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ScoreCache:
    """NLI scores keyed by (model, premise, hypothesis); ``path`` is the cache folder or None."""

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path is not None else None
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        if self.path is not None:
            try:
                self._db = self._open(self.path)
            except (OSError, sqlite3.Error) as e:
                self._disable(f"cannot open the NLI score cache in {self.path}: {e}")

    @property
    def enabled(self) -> bool:
        return self._db is not None

    @staticmethod
    def _open(folder: Path) -> sqlite3.Connection:
        new = not folder.exists()
        folder.mkdir(parents=True, exist_ok=True)
        if new or not (folder / "CACHEDIR.TAG").exists():
            (folder / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
            (folder / ".gitignore").write_text("# created by factcheck\n*\n", encoding="utf-8")
        db = sqlite3.connect(folder / DB_NAME, timeout=10.0)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # parallel CI jobs may share a cache folder
        except sqlite3.Error:
            pass
        db.execute("CREATE TABLE IF NOT EXISTS scores (key TEXT PRIMARY KEY, model TEXT, scores TEXT NOT NULL)")
        db.commit()
        return db

    def _disable(self, message: str) -> None:
        print(f"factcheck: warning: {message}; going on without the cache", file=sys.stderr)
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    def get_many(self, model: str, pairs: Sequence[tuple[str, str]]) -> dict[int, list[float]]:
        """Cached scores for ``pairs`` as {index in pairs: scores}; missing pairs are absent."""
        if self._db is None or not pairs:
            self.misses += len(pairs)
            return {}
        keys = [pair_key(model, p, h) for p, h in pairs]
        found: dict[str, list[float]] = {}
        try:
            unique = list(dict.fromkeys(keys))
            for i in range(0, len(unique), _CHUNK):
                chunk = unique[i:i + _CHUNK]
                rows = self._db.execute(
                    f"SELECT key, scores FROM scores WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                found.update((k, json.loads(v)) for k, v in rows)
        except (sqlite3.Error, ValueError) as e:
            self._disable(f"cannot read the NLI score cache {self.path / DB_NAME}: {e}")
            self.misses += len(pairs)
            return {}
        out = {i: list(found[k]) for i, k in enumerate(keys) if k in found}
        self.hits += len(out)
        self.misses += len(pairs) - len(out)
        return out

    def put_many(self, model: str, pairs: Sequence[tuple[str, str]], scores: Sequence[Sequence[float]]) -> None:
        """Store ``scores[i]`` for ``pairs[i]``."""
        if self._db is None or not pairs:
            return
        if len(pairs) != len(scores):
            raise ValueError(f"{len(pairs)} pairs but {len(scores)} score rows")
        rows = [(pair_key(model, p, h), model, json.dumps([float(x) for x in s]))
                for (p, h), s in zip(pairs, scores)]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO scores (key, model, scores) VALUES (?, ?, ?)", rows)
        except sqlite3.Error as e:
            self._disable(f"cannot write the NLI score cache {self.path / DB_NAME}: {e}")

    def clear(self) -> None:
        if self._db is not None:
            with self._db:
                self._db.execute("DELETE FROM scores")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> ScoreCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        if self._db is None:
            return 0
        return self._db.execute("SELECT COUNT(*) FROM scores").fetchone()[0]


__all__ = ["ScoreCache", "pair_key"]
