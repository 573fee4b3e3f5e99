"""Documents analysed in worker processes: each worker parses a batch of documents' sentences,
extracts their claims, frames them and reads the propositions, and sends back the parses in one DocBin
with the claims and propositions.

spaCy's own ``n_process`` sends every sentence back as its own Doc, which the parent decodes
one at a time (about 1 ms each, most of it srsly looking up msgpack extensions), and leaves the
extraction to the parent: on 2 cores the parent's share was what kept a check from parsing at
the speed of two processes (benchmarks/speed.py --bare --jobs 2).

The workers are forked, so they share the parent's loaded pipeline page by page and read it
only, and are handed their batches without pickling; only their results are sent back. As
spaCy's own workers are, they are terminated once their results are in, whatever state they
are in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .extract import extract_from_parsed
from .frames import attach_frames
from .types import Claim, Document, ParsedSentence, Proposition, Sentence

# sentences a worker parses in one nlp.pipe pass: enough for spaCy's batches, few enough that
# the first documents come back while the rest parse
TASK_SENTENCES = 96


@dataclass
class Done:
    """One document as a worker left it: its parses and claims, or the step that failed and why."""

    parsed: list[ParsedSentence] | None = None
    claims: list[Claim] | None = None
    propositions: list[Proposition] | None = None
    failed: tuple[str, str] | None = None  # (exception name, message)


def _failure(exc: Exception) -> tuple[str, str]:
    return type(exc).__name__, str(exc)


def _parse(nlp, texts: list[str]) -> list:
    return list(nlp.pipe(texts, batch_size=256))


def _work(nlp, batches: list, send) -> None:
    """A worker: analyse each of its batches in turn and send each result back. What it cannot
    send ends it without a traceback: the main process then analyses those documents itself
    and reports what fails there."""
    try:
        for batch in batches:
            send.send(_analyse(nlp, batch))
    except Exception:
        pass
    finally:
        send.close()


def _analyse(nlp, task: list[tuple[Document, list[Sentence]]]) -> tuple[bytes, list[tuple]]:
    """Parse, extract and frame a batch of documents. A parse that fails is retried one document
    at a time, so that only the document that trips it fails."""
    from spacy.tokens import DocBin

    texts = [s.text for _, sentences in task for s in sentences]
    try:
        docs = _parse(nlp, texts)
        per_document = []
        i = 0
        for _, sentences in task:
            per_document.append(docs[i:i + len(sentences)])
            i += len(sentences)
    except Exception:
        per_document = []
        for _, sentences in task:
            try:
                per_document.append(_parse(nlp, [s.text for s in sentences]))
            except Exception as exc:
                per_document.append(_failure(exc))
    kept, results = [], []
    for (document, sentences), docs in zip(task, per_document):
        if isinstance(docs, tuple):
            results.append(("failed", docs))
            continue
        try:
            parsed = [ParsedSentence(s, d) for s, d in zip(sentences, docs)]
            claims = extract_from_parsed(document, parsed)
            found = attach_frames(claims, parsed)
        except Exception as exc:
            results.append(("failed", _failure(exc)))
            continue
        kept.extend(docs)
        results.append(("done", (claims, found)))
    return DocBin(docs=kept).to_bytes(), results


def tasks(prepared: Sequence[tuple[Document, list[Sentence]]], size: int | None = None) -> list[list]:
    """The documents in batches of at least ``size`` (``TASK_SENTENCES``) sentences, in order."""
    size = size or TASK_SENTENCES
    out, current, n = [], [], 0
    for item in prepared:
        current.append(item)
        n += len(item[1])
        if n >= size:
            out.append(current)
            current, n = [], 0
    if current:
        out.append(current)
    return out


def analyse(batches: list[list[tuple[Document, list[Sentence]]]], nlp, jobs: int) -> Iterator[Done]:
    """Each document of ``batches`` (``tasks``: each document's view and sentences) as ``jobs``
    workers analysed it, in order, as they come back. The batches are dealt out in turn; a
    worker that dies (a crash in the parser, the memory killer) ends the iteration with
    EOFError, and the caller analyses what is left itself."""
    import multiprocessing

    from spacy.tokens import DocBin

    context = multiprocessing.get_context("fork")
    workers = []
    try:
        for k in range(min(jobs, len(batches))):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_work, args=(nlp, batches[k::jobs], send), daemon=True)
            process.start()
            send.close()  # the worker's end: once it is gone, receiving raises EOFError
            workers.append((process, receive))
        for i, batch in enumerate(batches):
            blob, results = workers[i % len(workers)][1].recv()
            docs = iter(DocBin().from_bytes(blob).get_docs(nlp.vocab))
            for (_, sentences), (status, value) in zip(batch, results):
                if status == "failed":
                    yield Done(failed=value)
                    continue
                parsed = [ParsedSentence(s, next(docs)) for s in sentences]
                yield Done(parsed, *value)
    finally:
        for process, receive in workers:
            process.terminate()
            process.join()
            receive.close()
