"""Story clustering: the grouping algorithm, the --cluster option, and the seeds as one story."""

from __future__ import annotations

import json

import numpy as np
import pytest

from factcheck.cluster import (StoryModel, StoryProfile, apply_cluster_option, average_linkage,
                               cluster_indices, date_interval, pair_features)
from factcheck.pipeline import Analysis
from factcheck.types import Document


def test_average_linkage_does_not_chain():
    # a-b and b-c are close, a-c far: single linkage would chain all three; the mean over
    # the pairs of {a, b} and {c} is below the bar, so c stays apart
    prob = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.6], [0.1, 0.6, 1.0]])
    assert sorted(map(sorted, average_linkage(prob, 0.5))) == [[0, 1], [2]]
    assert cluster_indices(prob, 0.5) == [0, 0, 1]
    assert cluster_indices(prob, 0.05) == [0, 0, 0]


def test_groups_are_numbered_by_first_article():
    prob = np.eye(4)
    prob[1, 3] = prob[3, 1] = 0.8
    assert cluster_indices(prob, 0.5) == [0, 1, 2, 1]


def test_date_interval_keeps_written_precision():
    feb = date_interval("2022-02")
    day = date_interval("2022-02-24")
    assert feb[0] <= day[0] <= day[1] <= feb[1] and feb[1] - feb[0] == 27
    assert date_interval(None) is None and date_interval("2022-13") is None


def _profile(doc, vector, entities=(), date=None):
    return StoryProfile(doc, np.asarray(vector, dtype=np.float32), frozenset(entities), date_interval(date))


def test_pair_features_overlap_and_date_gap():
    ps = [_profile("a", [1, 0], {"PERSON:tara reid", "GPE:malibu"}, "2008-01-01"),
          _profile("b", [1, 0], {"PERSON:lindsay lohan", "GPE:malibu"}, "2013-06-13"),
          _profile("c", [0, 1], {"PERSON:tara reid"}, "2008-01")]
    f = pair_features(ps)
    assert f["entity_jaccard"][0, 1] == pytest.approx(1 / 3)
    assert f["person_jaccard"][0, 1] == 0 and f["person_jaccard"][0, 2] == 1
    assert f["date_gap"][0, 2] == 0  # the day lies inside the month
    assert f["date_gap"][0, 1] > 7  # five years: log1p of ~1,990 days


def test_shipped_model_is_fitted_json():
    model = StoryModel.load()
    assert 0 < model.threshold < 1 and len(model.weights) == len(model.features)
    w = dict(zip(model.features, model.weights))
    # what the fit learned must point the sensible way: similar leads and shared names join,
    # dates far apart separate
    assert w["cosine"] > 0 and w["entity_jaccard"] + w["person_jaccard"] > 0 and w["date_gap"] < 0


def _analyses(*docs):
    return [Analysis(d, [], []) for d in docs]


def test_cluster_field_and_none():
    docs = [Document("a", "x", fields={"topic": "1"}), Document("b", "y", fields={"topic": "2"}),
            Document("c", "z", cluster="given")]
    apply_cluster_option(_analyses(*docs), "none", None)
    assert [d.cluster for d in docs] == [None, None, "given"]
    apply_cluster_option(_analyses(*docs), "topic", None)
    assert [d.cluster for d in docs] == ["1", "2", None]
    assert "no 'topic' field" in docs[2].warnings[0]


def test_records_keep_their_fields_for_cluster(tmp_path):
    from factcheck.load import load_documents

    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (
        {"id": "1", "text": "Troops arrived.", "topic": 7}, {"id": "2", "text": "Ships left.", "topic": "8"})),
        encoding="utf-8")
    docs = load_documents([path])
    apply_cluster_option(_analyses(*docs), "topic", None)
    assert [d.cluster for d in docs] == ["7", "8"]


def test_auto_keeps_given_clusters_and_names_do_not_collide():
    docs = [Document("a", "x", cluster="story-1"), Document("b", "y")]
    apply_cluster_option(_analyses(*docs), "auto", None)
    assert [d.cluster for d in docs] == ["story-1", "story-2"]


def test_seeds_stay_one_story(checker):
    from factcheck.load import load_documents
    from tests.conftest import SEEDS

    result = checker.check(load_documents([SEEDS]))
    clusters = {d.cluster for d in result.documents}
    assert len(result.documents) == 2 and len(clusters) == 1 and None not in clusters


def test_two_events_of_one_kind_are_two_stories(checker):
    """ECB+ topic 1: Tara Reid's rehab (ecb) and Lindsay Lohan's (ecbplus) are different stories."""
    from tests.conftest import shared
    from factcheck.load import load_documents
    from dataclasses import replace

    path = shared("benchmarks", "news", "ecbplus_open.jsonl")
    docs = [replace(d, cluster=None) for d in load_documents([path])
            if d.fields.get("topic") == "1"]
    gold = [d.fields["subtopic"] for d in docs]
    result = checker.check(docs)
    by_story = {}
    for d, g in zip(result.documents, gold):
        by_story.setdefault(d.cluster, set()).add(g)
    assert len(by_story) >= 2
    mixed = sum(len(v) > 1 for v in by_story.values())
    assert mixed == 0, by_story


def test_a_failing_cluster_fails_only_its_documents(checker, monkeypatch):
    from factcheck.pipeline import Checker

    docs = [Document("a", "NATO has 100 jets on alert.", cluster="c1"),
            Document("b", "Russia moved 30 ships.", cluster="c2"),
            Document("c", "NATO has 200 jets on alert.", cluster="c1")]
    real = Checker.judge

    def judge(self, analyses):
        if analyses[0].document.cluster == "c2":
            raise RuntimeError("boom")
        return real(self, analyses)

    monkeypatch.setattr(Checker, "judge", judge)
    result = checker.check(docs)
    status = {d.id: (d.status, d.error) for d in result.documents}
    assert status["a"] == ("ok", None) and status["c"] == ("ok", None)
    assert status["b"][0] == "error" and "internal error while comparing cluster 'c2': RuntimeError: boom" in status["b"][1]
    assert [f.id for f in result.findings] == ["F1"] and result.findings[0].rule == "numeric-conflict"
