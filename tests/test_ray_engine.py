"""The Ray Data engine gives the local engine's result, on a local Ray of 2 CPUs.

Select with ``pytest -m ray``; skipped when Ray is not installed.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

ray = pytest.importorskip("ray")

pytestmark = pytest.mark.ray


def test_unreachable_cluster_is_one_line_and_exit_2(capsys, monkeypatch):
    # first in this file: before the local Ray of the other tests is started
    from tests.conftest import SEEDS
    from factcheck.cli import main

    monkeypatch.setenv("RAY_ADDRESS", "")
    code = main(["check", str(SEEDS), "--no-nli", "--engine", "ray", "--ray-address", "127.0.0.1:1"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "cannot reach the Ray cluster at 127.0.0.1:1" in err[0]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()


def _essence(result) -> dict:
    d = result.to_dict()
    return {k: d[k] for k in ("documents", "claims", "findings", "agreements", "single_source")}


def _same(local, on_ray):
    a, b = _essence(local), _essence(on_ray)
    assert [f["id"] for f in a["findings"]] == [f["id"] for f in b["findings"]]
    assert [(f["rule"], f["evidence"]) for f in a["findings"]] == [(f["rule"], f["evidence"]) for f in b["findings"]]
    assert a == b


def test_seeds_same_findings_on_both_engines(local_ray):
    from tests.conftest import SEEDS
    from factcheck.api import _nli_for
    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.pipeline import Checker
    from factcheck.ray_engine import check_on_ray

    opts = Options()
    local = Checker(opts, nli=_nli_for(opts)).check(load_documents([SEEDS]))
    on_ray = check_on_ray(load_documents([SEEDS]), opts)
    assert local.findings or local.agreements  # the comparison is not vacuous
    _same(local, on_ray)


def test_ecbplus_clusters_and_story_clustering_on_both_engines(local_ray, checker):
    """Three small ECB+ clusters: given clusters, then with the labels removed (auto)."""
    from tests.conftest import shared
    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.ray_engine import check_on_ray

    path = shared("benchmarks", "news", "ecbplus_open.jsonl")
    docs = load_documents([path])
    sizes = {}
    for d in docs:
        sizes[d.cluster] = sizes.get(d.cluster, 0) + 1
    small = sorted(c for c, n in sizes.items() if n <= 6)[:3]
    picked = [d for d in docs if d.cluster in small]
    assert len({d.cluster for d in picked}) == 3
    opts = Options(nli=False)
    for cluster in ("none", "auto"):
        mine = [replace(d, cluster=None, warnings=list(d.warnings)) if cluster == "auto" else replace(d)
                for d in picked]
        theirs = [replace(d, warnings=list(d.warnings)) for d in mine]
        local = checker.__class__(opts.model_copy(update={"cluster": cluster}), nlp=checker.nlp,
                                  embedder=checker.embedder).check(mine)
        on_ray = check_on_ray(theirs, opts.model_copy(update={"cluster": cluster}))
        _same(local, on_ray)
    assert len({d["cluster"] for d in _essence(on_ray)["documents"]}) >= 2
