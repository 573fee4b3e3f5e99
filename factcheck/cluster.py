"""Story clustering: which articles of an input that names no clusters report the same story.

Two articles are one story when a logistic model on three kinds of evidence says so: the
cosine of their title-and-lead embeddings (the project's sentence encoder, ``embed.py``), the
named entities they share, and how far apart their publication dates are. The weights and the
merge threshold are fitted on open news corpora by ``models/fit_story_clusters.py`` and
shipped as JSON (``factcheck/story_model.json``); nothing here is hand-set. Articles are then
grouped by average-linkage agglomeration over the pair probabilities, with numpy only.

Average linkage merges two groups only when the mean probability over their article pairs
clears the threshold, so a merge always needs at least one pair that clears it alone: the
connected components of the pairs above the threshold bound every group, and the quadratic
linkage runs inside each component rather than over the whole input.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from .errors import FactcheckError

MODEL_FILE = "story_model.json"
# Pair features, in the order of the fitted weights; models/fit_story_clusters.py writes them.
FEATURES = ("cosine", "entity_jaccard", "shared_entities", "person_jaccard", "both_dated", "date_gap")


@dataclass(frozen=True)
class StoryModel:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float  # average pair probability at which two groups merge
    lead_sentences: int  # sentences after the title that make the "lead"
    entity_labels: tuple[str, ...]  # spaCy entity labels that count as shared names

    @classmethod
    def load(cls, path: str | None = None) -> StoryModel:
        try:
            if path is None:
                raw = resources.files("factcheck").joinpath(MODEL_FILE).read_text(encoding="utf-8")
            else:
                with open(path, encoding="utf-8") as f:
                    raw = f.read()
            data = json.loads(raw)
            model = cls(tuple(data["features"]), tuple(float(w) for w in data["weights"]),
                        float(data["bias"]), float(data["threshold"]), int(data["lead_sentences"]),
                        tuple(data["entity_labels"]))
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise FactcheckError(f"story model {path or MODEL_FILE}: cannot read it ({e})") from None
        unknown = set(model.features) - set(FEATURES)
        if unknown or len(model.weights) != len(model.features):
            raise FactcheckError(f"story model {path or MODEL_FILE}: features do not match this version")
        return model


@dataclass(frozen=True)
class StoryProfile:
    """What story clustering knows of one article."""

    doc: str
    vector: np.ndarray  # unit-length embedding of title and lead
    entities: frozenset[str]  # "LABEL:name", e.g. "PERSON:tara reid"
    dates: tuple[int, int] | None  # inclusive ordinal day interval of its date, None if undated


# ------------------------------------------------------------------ one article


def lead_text(analysis, n_sentences: int) -> str:
    """Title and the first sentences: where a news article says what its story is."""
    parts = [analysis.document.title] if analysis.document.title else []
    parts += [p.sentence.text for p in analysis.sentences[:n_sentences]]
    return " ".join(parts)


_POSSESSIVE = re.compile(r"['\u2019]s$")


def _normal_name(text: str) -> str:
    name = _POSSESSIVE.sub("", text.strip().lower())
    return name[4:] if name.startswith("the ") else name


def entities_of(analysis, labels: Sequence[str]) -> frozenset[str]:
    """"LABEL:name" of the article's people, places, organisations, ... (whole text, lower case)."""
    wanted = set(labels)
    return frozenset(
        f"{e.label_}:{n}" for p in analysis.sentences for e in p.doc.ents
        if e.label_ in wanted and (n := _normal_name(e.text))
    )


def date_interval(date: str | None) -> tuple[int, int] | None:
    """Days a date at its written precision covers: "2022-02" is the whole of February."""
    if not date:
        return None
    try:
        parts = [int(x) for x in date[:10].split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1).toordinal(), dt.date(parts[0], 12, 31).toordinal()
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return dt.date(parts[0], parts[1], 1).toordinal(), dt.date(parts[0], parts[1], last).toordinal()
        day = dt.date(*parts[:3]).toordinal()
        return day, day
    except ValueError:
        return None


def profiles(analyses: Sequence, encode: Callable[[list[str]], np.ndarray], model: StoryModel) -> list[StoryProfile]:
    """One profile per analysis; ``encode`` maps texts to unit vectors (Embedder.encode)."""
    vectors = encode([lead_text(a, model.lead_sentences) for a in analyses])
    return [StoryProfile(a.document.id, np.asarray(v, dtype=np.float32), entities_of(a, model.entity_labels),
                         date_interval(a.document.date))
            for a, v in zip(analyses, vectors)]


# ------------------------------------------------------------------ pairs


def _overlap(sets: list[frozenset[str]], rows: slice) -> tuple[np.ndarray, np.ndarray]:
    """(shared count, Jaccard) of the sets of ``rows`` against all sets."""
    vocab: dict[str, int] = {}
    for s in sets:
        for e in s:
            vocab.setdefault(e, len(vocab))
    incidence = np.zeros((len(sets), max(len(vocab), 1)), dtype=np.float32)
    for i, s in enumerate(sets):
        incidence[i, [vocab[e] for e in s]] = 1.0
    shared = incidence[rows] @ incidence.T
    sizes = incidence.sum(axis=1)
    union = sizes[rows, None] + sizes[None, :] - shared
    return shared, np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def pair_features(ps: Sequence[StoryProfile], rows: slice | None = None) -> dict[str, np.ndarray]:
    """Every feature of FEATURES for the pairs (rows x all), each an array of shape (r, n)."""
    rows = rows or slice(0, len(ps))
    vectors = np.stack([p.vector for p in ps]) if ps else np.zeros((0, 384), np.float32)
    cosine = vectors[rows] @ vectors.T
    shared, jaccard = _overlap([p.entities for p in ps], rows)
    # the people a story is about tell two events of one kind apart (two stars entering rehab)
    _, persons = _overlap([frozenset(e for e in p.entities if e.startswith("PERSON:")) for p in ps], rows)
    lo = np.array([p.dates[0] if p.dates else 0 for p in ps], dtype=np.float64)
    hi = np.array([p.dates[1] if p.dates else 0 for p in ps], dtype=np.float64)
    dated = np.array([p.dates is not None for p in ps])
    both = (dated[rows, None] & dated[None, :]).astype(np.float32)
    # distance between the two date intervals: 0 when they overlap ("2022-02" and "2022-02-24")
    gap = np.maximum(0.0, np.maximum(lo[rows, None] - hi[None, :], lo[None, :] - hi[rows, None]))
    return {
        "cosine": cosine.astype(np.float32),
        "entity_jaccard": jaccard,
        "shared_entities": np.log1p(shared),
        "person_jaccard": persons,
        "both_dated": both,
        "date_gap": (both * np.log1p(gap)).astype(np.float32),
    }


def pair_probabilities(ps: Sequence[StoryProfile], model: StoryModel, block: int = 1024) -> np.ndarray:
    """Probability that articles i and j report one story, as an (n, n) matrix."""
    n = len(ps)
    out = np.zeros((n, n), dtype=np.float32)
    for start in range(0, n, block):
        rows = slice(start, min(n, start + block))
        feats = pair_features(ps, rows)
        z = np.full((rows.stop - rows.start, n), model.bias, dtype=np.float64)
        for name, w in zip(model.features, model.weights):
            z += w * feats[name]
        out[rows] = 1.0 / (1.0 + np.exp(-z))
    np.fill_diagonal(out, 1.0)
    return out


# ------------------------------------------------------------------ groups


def _components(linked: np.ndarray) -> list[list[int]]:
    n = len(linked)
    seen = np.zeros(n, dtype=bool)
    out = []
    for s in range(n):
        if seen[s]:
            continue
        seen[s] = True
        stack, members = [s], []
        while stack:
            i = stack.pop()
            members.append(i)
            for j in np.flatnonzero(linked[i] & ~seen):
                seen[j] = True
                stack.append(j)
        out.append(sorted(members))
    return out


def average_linkage(prob: np.ndarray, threshold: float) -> list[list[int]]:
    """Groups of indices: merge the two groups of highest mean pair probability while it clears the threshold."""
    n = len(prob)
    sim = prob.astype(np.float64).copy()
    np.fill_diagonal(sim, -np.inf)
    size = np.ones(n)
    members = [[i] for i in range(n)]
    alive = np.ones(n, dtype=bool)
    while alive.sum() > 1:
        flat = int(np.argmax(sim))
        i, j = divmod(flat, n)
        if sim[i, j] < threshold:
            break
        # Lance-Williams update for average linkage: the mean over all cross pairs
        merged = (size[i] * sim[i] + size[j] * sim[j]) / (size[i] + size[j])
        sim[i], sim[:, i] = merged, merged
        sim[i, i] = -np.inf
        sim[j], sim[:, j] = -np.inf, -np.inf
        size[i] += size[j]
        members[i] += members[j]
        members[j] = []
        alive[j] = False
    return [sorted(m) for m in members if m]


def cluster_indices(prob: np.ndarray, threshold: float) -> list[int]:
    """A group label per article; labels number groups in order of their first article."""
    labels = np.full(len(prob), -1)
    groups = []
    for comp in _components(prob >= threshold):
        sub = prob[np.ix_(comp, comp)]
        groups += [[comp[k] for k in g] for g in average_linkage(sub, threshold)]
    for label, g in enumerate(sorted(groups, key=min)):
        labels[g] = label
    return labels.tolist()


def story_labels(ps: Sequence[StoryProfile], model: StoryModel) -> list[int]:
    if not ps:
        return []
    return cluster_indices(pair_probabilities(ps, model), model.threshold)


def assign_stories(analyses: Sequence, encode: Callable[[list[str]], np.ndarray] | None, model: StoryModel,
                   prefix: str = "story", known: dict[str, StoryProfile] | None = None) -> dict[str, str]:
    """Cluster names for the readable documents that have none: ``{doc id: "story-3"}``.

    Documents that already name a cluster keep it; the names given here never collide with
    theirs. ``known``: profiles computed elsewhere (the Ray engine's actors), by document id.
    """
    todo = [a for a in analyses if a.document.status == "ok" and a.document.cluster is None]
    if not todo:
        return {}
    taken = {a.document.cluster for a in analyses if a.document.cluster is not None}
    if len(todo) == 1:
        labels = [0]
    elif known is not None:
        labels = story_labels([known[a.document.id] for a in todo], model)
    else:
        labels = story_labels(profiles(todo, encode, model), model)
    names: dict[int, str] = {}
    counter = 0
    for label in labels:
        if label not in names:
            counter += 1
            while f"{prefix}-{counter}" in taken:
                counter += 1
            names[label] = f"{prefix}-{counter}"
    return {a.document.id: names[label] for a, label in zip(todo, labels)}


def apply_cluster_option(analyses: Sequence, option: str, encode: Callable[[list[str]], np.ndarray] | None,
                         model: StoryModel | None = None, known: dict[str, StoryProfile] | None = None) -> None:
    """Set ``document.cluster`` as ``--cluster`` says.

    ``none``: the clusters as given (documents without one are compared with each other);
    ``auto``: the same, but documents without one are grouped into stories; any other value
    names a record or front-matter field (``topic``) whose value is the cluster.
    """
    if option == "none":
        return
    if option == "auto":
        todo = [a for a in analyses if a.document.status == "ok" and a.document.cluster is None]
        if todo:
            names = assign_stories(analyses, encode, model or StoryModel.load(), known=known)
            for a in todo:
                a.document.cluster = names[a.document.id]
        return
    for a in analyses:
        d = a.document
        value = d.fields.get(option)
        if value is None and option in ("source", "title", "date"):
            value = getattr(d, option)
        if value in (None, ""):
            if d.status == "ok":
                d.warnings.append(f"no {option!r} field: compared only with documents that have none")
            d.cluster = None
        else:
            d.cluster = str(value)
