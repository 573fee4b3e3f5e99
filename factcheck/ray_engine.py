"""The same check on Ray Data: analyse with actors, group by cluster, judge clusters in parallel.

Documents are loaded on the driver (one reader per format, errors become documents), become a
Ray Dataset, and are analysed by ``map_batches`` actors that load spaCy once. Story clustering
(``--cluster auto``) needs every article at once, so it runs on the driver over the small
profiles the actors return. The analyses are then grouped by cluster and each cluster is
judged by an actor that holds the NLI model; the verdicts are merged by
``pipeline.merge_verdicts``, as the local engine merges them, so both give the same output.

spaCy Docs cross process boundaries as a DocBin (the way spaCy ships parses between
processes): its bytes without the vocabulary, restored against the judging actor's own pipeline.
Only this module imports ray, and only when the Ray engine is chosen.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import socket
import sys
from collections.abc import Sequence

from .errors import FactcheckError
from .options import Options
from .types import CheckResult, Document, ParsedSentence

# On a small machine an actor that asks for a whole CPU starves the read tasks and the dataset
# never moves; half a CPU each leaves room for them. A fixed pool of one actor per two CPUs of
# the cluster (one on 2 CPUs): spaCy and torch keep a core busy whatever they reserve.
ACTOR_CPUS = 0.5


def _pool_size(ray) -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 2)) // 2)


def _pack(analysis, profile) -> dict:
    from spacy.tokens import DocBin

    bin_ = DocBin(store_user_data=False)
    for p in analysis.sentences:
        bin_.add(p.doc)
    meta = (analysis.document, [p.sentence for p in analysis.sentences], analysis.claims, analysis.propositions)
    return {"meta": pickle.dumps(meta), "docs": bin_.to_bytes(), "profile": pickle.dumps(profile)}


def _unpack(row, vocab):
    from spacy.tokens import DocBin

    from .pipeline import Analysis

    document, sentences, claims, found = pickle.loads(row["meta"])
    docs = list(DocBin().from_bytes(row["docs"]).get_docs(vocab))
    return Analysis(document, [ParsedSentence(s, d) for s, d in zip(sentences, docs)], claims, found)


class _Analyser:
    """A map_batches actor: spaCy (and, for story clustering, the encoder) loaded once."""

    def __init__(self, options: Options):
        from .pipeline import Checker

        # Ray runs the actors in parallel: an actor that also forked parsers would take CPUs
        # that Ray did not give it
        self.checker = Checker(options.model_copy(update={"jobs": 1}))
        self.model = None
        if options.cluster == "auto":
            from .cluster import StoryModel

            self.model = StoryModel.load()

    def __call__(self, batch: dict) -> dict:
        from .cluster import profiles

        analyses = self.checker.analyse_all([pickle.loads(d) for d in batch["document"]])
        todo = [a for a in analyses if self.model is not None and a.document.status == "ok"
                and a.document.cluster is None]
        found = dict(zip((a.document.id for a in todo),
                         profiles(todo, self.checker._encode, self.model) if todo else []))
        packed = [_pack(a, found.get(a.document.id)) for a in analyses]
        return {"index": list(batch["index"]), **{k: [p[k] for p in packed] for k in ("meta", "docs", "profile")}}


class _Judge:
    """A map_groups actor: the NLI model, encoder and spaCy vocabulary loaded once."""

    def __init__(self, options: Options):
        from .api import _nli_for
        from .pipeline import Checker

        self.checker = Checker(options, nli=_nli_for(options))

    def __call__(self, group: dict) -> dict:
        import pandas as pd

        order = sorted(range(len(group["index"])), key=lambda k: group["index"][k])
        analyses = [_unpack({"meta": group["meta"][k], "docs": group["docs"][k]}, self.checker.nlp.vocab)
                    for k in order]
        for a, k in zip(analyses, order):
            a.document.cluster = pickle.loads(group["cluster"][k])
        verdict = self.checker.judge_cluster(analyses)
        return pd.DataFrame({"verdict": [pickle.dumps(verdict)]})


def _reachable(address: str | None, timeout: float = 5.0) -> None:
    """Fail fast on a host:port nobody answers at: ray.init would retry it for minutes."""
    if not address or address in ("auto", "local"):
        return
    hostport = address.split("://", 1)[-1].rstrip("/")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise FactcheckError(f"Ray address {address!r} is not HOST:PORT (or ray://HOST:PORT, auto)")
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as e:
        raise FactcheckError(f"cannot reach the Ray cluster at {address}: {e.strerror or e}") from None


@contextlib.contextmanager
def _silenced_stderr():
    """Ray's C++ core writes retry and start-up lines straight to file descriptor 2 while it
    connects; they go to its log files anyway, and our error is the one line a user needs."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _connect(address: str | None, num_cpus: int | None):
    # Ray's C++ log lines (retries, actor warnings) are noise on the stderr of a CLI whose errors
    # are one line each; its log files keep what matters
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    try:
        import ray
    except ImportError:
        raise FactcheckError("the ray engine needs Ray: pip install 'factcheck[ray]'") from None
    address = address or os.environ.get("RAY_ADDRESS") or None
    if ray.is_initialized():
        return ray
    _reachable(address)
    try:
        with _silenced_stderr():
            if address:
                ray.init(address=address, include_dashboard=False, log_to_driver=False,
                         logging_level="ERROR")
            else:
                ray.init(num_cpus=num_cpus or os.cpu_count() or 2, include_dashboard=False,
                         log_to_driver=False, logging_level="ERROR")
    except Exception as e:  # ConnectionError, or Ray's own exceptions for a bad address
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise FactcheckError(f"cannot reach the Ray cluster at {address or 'a new local Ray'}: {first}") from None
    return ray


def check_on_ray(documents: Sequence[Document], options: Options, *, address: str | None = None,
                 num_cpus: int | None = None, progress=None) -> CheckResult:
    """Check ``documents`` on Ray; the result equals the local engine's (Checker.check)."""
    from .cluster import apply_cluster_option
    from .pipeline import cluster_groups, merge_verdicts
    from .progress import Progress

    progress = progress or Progress(False)
    ray = _connect(address, num_cpus)
    pool = _pool_size(ray)
    from ray.data import ActorPoolStrategy

    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False  # ours report documents and clusters; Ray's report operators
    items = [{"index": i, "document": pickle.dumps(d)} for i, d in enumerate(documents)]
    ds = ray.data.from_items(items, override_num_blocks=max(1, min(len(items), 16)))
    with progress.stage("parsing", len(documents), "doc") as step:
        analysed = ds.map_batches(_Analyser, fn_constructor_kwargs={"options": options}, batch_size=8,
                                  compute=ActorPoolStrategy(size=pool), num_cpus=ACTOR_CPUS).materialize()
        rows = sorted(analysed.select_columns(["index", "meta", "profile"]).take_all(), key=lambda r: r["index"])
        step(len(rows))
    metas = [pickle.loads(r["meta"]) for r in rows]

    class _Stub:  # what cluster assignment and merging read of an analysis
        def __init__(self, document, claims):
            self.document, self.claims, self.sentences = document, claims, []

    stubs = [_Stub(doc, claims) for doc, _, claims, _ in metas]
    known = {s.document.id: p for s, r in zip(stubs, rows) if (p := pickle.loads(r["profile"])) is not None}
    apply_cluster_option(stubs, options.cluster, None, known=known)

    groups = cluster_groups(stubs)
    group_of = {s.document.id: g for g, members in enumerate(groups) for s in members}
    ids = [s.document.id for s in stubs]
    cluster_of = {s.document.id: s.document.cluster for s in stubs}

    def label(batch):
        batch["group"] = [group_of[ids[i]] for i in batch["index"]]
        batch["cluster"] = [pickle.dumps(cluster_of[ids[i]]) for i in batch["index"]]
        return batch

    judged = (analysed.map_batches(label, batch_format="pandas")
              .groupby("group", num_partitions=max(1, min(len(groups), 4 * pool)))
              .map_groups(_Judge, fn_constructor_kwargs={"options": options}, batch_format="numpy",
                          compute=ActorPoolStrategy(size=pool), num_cpus=ACTOR_CPUS))
    with progress.stage("judging", len(groups), "cluster") as step:
        verdicts = []
        for row in judged.iter_rows():
            verdicts.append(pickle.loads(row["verdict"]))
            step()
    return merge_verdicts(stubs, verdicts)
