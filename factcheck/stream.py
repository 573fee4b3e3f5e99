"""Streaming: JSONL files checked one cluster at a time, without the whole corpus in memory.

Two passes over the files. The first reads every line once and keeps, per record, only where it
is (file, byte offset, line number), its id and its cluster; the texts are dropped. The second
reads one cluster's lines back (seeking to them), analyses and judges that cluster, and yields
its result before reading the next. Memory is one cluster's analyses plus the light index, so
clusters need not be contiguous in the files.

The results are those of the whole-corpus run (``Checker.check``), cluster by cluster: the same
clusters in the same order (of their first document), finding ids numbered across the whole
check, the same renamed duplicate ids.

Limits: streaming needs each record's cluster before any parse. ``--cluster FIELD`` and
``--cluster none`` always give it; ``--cluster auto`` only when every readable record names its
cluster, since grouping the rest into stories compares every such article with every other.
``plan`` returns None otherwise, and for a file the whole-file reader rejects (not UTF-8,
binary, empty), so that the caller runs the ordinary whole-corpus check, which reports it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .load import READERS, dedupe_ids, jsonl_document
from .types import CheckResult, Document

STREAMABLE = tuple(ext for ext, reader in READERS.items() if reader.__name__ == "_read_jsonl")


@dataclass(frozen=True)
class Record:
    file: int  # index into StreamPlan.files
    offset: int  # byte offset of the line
    line: int  # 1-based line number
    id: str  # after renaming duplicates


@dataclass
class StreamPlan:
    files: list[str]  # the paths as given (they name the documents)
    clusters: list[list[Record]]  # in the order of each cluster's first record
    renamed: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # (file, line) -> warnings
    readable: int = 0  # records that read as documents (not errors)
    fields: dict[str, str] = field(default_factory=dict)  # Options.fields, for reading the lines back

    @property
    def documents(self) -> int:
        return sum(len(c) for c in self.clusters)


class _Unstreamable(Exception):
    pass


def _cluster_of(doc: Document, option: str) -> str | None:
    """The cluster ``factcheck.cluster.apply_cluster_option`` will give ``doc`` (it runs again
    on the real documents; this only groups the records)."""
    from .cluster import apply_cluster_option

    class _A:  # apply_cluster_option reads .document only
        document = doc

    if option == "auto":
        if doc.cluster is None and doc.status == "ok":
            raise _Unstreamable("a record without a cluster needs story clustering over all records")
        return doc.cluster
    apply_cluster_option([_A()], option, None)
    return doc.cluster


def _lines(path: Path) -> Iterator[tuple[int, int, str]]:
    """(byte offset, line number, text) as the whole-file reader splits and decodes them."""
    with path.open("rb") as f:
        head = f.read(8192)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head or not head.strip():
            raise _Unstreamable(f"{path}: not a plain UTF-8 JSONL file")
        f.seek(0)
        offset = 0
        for n, raw in enumerate(f, 1):
            try:
                text = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                raise _Unstreamable(f"{path}: not valid UTF-8") from None
            yield offset, n, text.rstrip("\r\n")
            offset += len(raw)


def plan(paths: Sequence[str | Path], option: str, fields: dict[str, str] | None = None) -> StreamPlan | None:
    """The first pass, or None when these inputs cannot be streamed (see the module's limits).
    ``option``: Options.cluster; ``fields``: Options.fields."""
    fields = dict(fields or {})
    given = [str(p) for p in paths]
    if not given or any(Path(p).suffix.lower() not in STREAMABLE or not Path(p).is_file() for p in given):
        return None
    stubs: list[Document] = []
    where: list[tuple[int, int, int]] = []
    keys: list[str | None] = []
    readable = 0
    try:
        for i, p in enumerate(given):
            count = 0
            for offset, n, text in _lines(Path(p)):
                doc = jsonl_document(text, n, p, p, fields=fields)
                if doc is None:
                    continue
                count += 1
                keys.append(_cluster_of(doc, option))
                readable += doc.status == "ok"
                stubs.append(Document(id=doc.id, text=""))
                where.append((i, offset, n))
            if not count:
                return None  # "empty file": the whole-file reader says so
    except (_Unstreamable, OSError):
        return None
    dedupe_ids(stubs)
    groups: dict[str | None, list[Record]] = {}
    renamed = {}
    for (i, offset, n), key, stub in zip(where, keys, stubs):
        groups.setdefault(key, []).append(Record(i, offset, n, stub.id))
        if stub.warnings:
            renamed[(i, n)] = stub.warnings
    return StreamPlan(given, list(groups.values()), renamed, readable, fields)


def read_cluster(plan: StreamPlan, records: Sequence[Record]) -> list[Document]:
    """One cluster's documents, read back from their lines, in input order."""
    docs = []
    handles = {}
    try:
        for r in records:
            f = handles.get(r.file)
            if f is None:
                f = handles[r.file] = open(plan.files[r.file], "rb")
            f.seek(r.offset)
            raw = f.readline()
            text = raw.decode("utf-8-sig" if r.line == 1 else "utf-8").rstrip("\r\n")
            doc = jsonl_document(text, r.line, plan.files[r.file], plan.files[r.file], fields=plan.fields)
            doc.id = r.id
            doc.warnings.extend(plan.renamed.get((r.file, r.line), []))
            docs.append(doc)
    finally:
        for f in handles.values():
            f.close()
    return docs


def check_stream(plan: StreamPlan, checker, progress=None) -> Iterator[CheckResult]:
    """Each cluster's result in turn, ids numbered as the whole-corpus check numbers them."""
    from .pipeline import merge_verdicts

    counts = {"F": 0, "A": 0, "S": 0, "N": 0}
    progress = progress or checker.progress
    with progress.stage("clusters", len(plan.clusters), "cluster") as step:
        for records in plan.clusters:
            analyses = checker.analyse_all(read_cluster(plan, records), prefetch=True)
            checker.assign_clusters(analyses)
            result = merge_verdicts(analyses, [checker.judge_cluster(analyses)])
            for prefix, items in (("F", result.findings), ("A", result.agreements),
                                  ("S", result.single_source), ("N", result.not_compared)):
                for item in items:
                    item.id = f"{prefix}{int(item.id[1:]) + counts[prefix]}"
                counts[prefix] += len(items)
            step()
            yield result
