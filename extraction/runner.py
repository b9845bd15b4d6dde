"""Annotate every document that needs it: batches read from the store, extracted in a process pool
(one worker per core, bounded read-ahead), written back by this process, in order, one transaction
per batch. The workers never touch DuckDB.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from extraction import tables
from extraction.extract import Extractor, is_english
from extraction.model import DocumentInput, Extraction
from extraction.rows import extraction_rows
from extraction.store import (
    _PENDING,
    AnnotationSummary,
    BatchRows,
    documents_to_annotate,
    ensure_annotation_schema,
    write_batch,
)
from ingestion.records import utc_now

log = logging.getLogger(__name__)



def default_workers() -> int:
    """Extraction processes: OSINT_EXTRACT_WORKERS, else one per CPU core (at most 8)."""
    from osint.settings import extract_workers

    configured = extract_workers()
    if configured:
        return configured
    return max(
        1, min(8, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    )


# Below this many pending documents a pool costs more (a model load per worker) than it saves.
MIN_DOCUMENTS_PER_WORKER = 300

# a pending document as the extraction reads it (also the columns of a Celery shard, extraction/distributed.py)
ITEM_COLUMNS = ("doc_id", "content_hash", "body", "published_at", "language", "outlet")
_Item = tuple[str, str, str, datetime | None, str | None, str | None]


def annotate_documents(
    con: duckdb.DuckDBPyConnection,
    batch_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    celery_shards: Path | None = None,
) -> AnnotationSummary:
    """Annotate every document that is new, edited, or annotated by an older extractor version.

    With more than one worker, batches are extracted in a pool of processes (each loads the seeds
    and the spaCy model once) while this process — the only one holding the DuckDB connection —
    reads the next batches and writes finished ones, in order, one transaction per batch.
    With `celery_shards` (a folder the Celery workers can read and write), the batches are extracted
    by the Celery workers instead (extraction/distributed.py) and written back the same way.
    """
    ensure_annotation_schema(con)
    todo = documents_to_annotate(con)
    summary = AnnotationSummary()
    if todo == 0:
        return summary
    # the Celery run's shard folder, and its queued shards when the run fails: released however this ends
    with contextlib.ExitStack() as cleanup:
        shards = None
        if celery_shards is not None:
            from extraction.distributed import CeleryShards

            shards = cleanup.enter_context(CeleryShards(celery_shards))
            workers = shards.workers
        else:
            workers = default_workers() if workers is None else max(1, workers)
            workers = min(workers, max(1, todo // MIN_DOCUMENTS_PER_WORKER))
            if workers > 1 and mp.current_process().daemon:
                workers = 1  # a daemonic process (e.g. a Celery prefork child) may not start children
        if workers > 1:
            # Enough batches to keep every worker busy and the writes overlapped with extraction.
            batch_size = min(batch_size, max(100, -(-todo // (workers * 4))))
        con.execute(
            f"""create or replace temp table ann_todo as
               select row_number() over (order by d.doc_id) as rn,
                      d.doc_id, d.content_hash, coalesce(d.body, '') as body, d.published_at, d.language, d.outlet
               {_PENDING}
               order by d.doc_id""",
            [tables.EXTRACTOR_VERSION],
        )

        def batches() -> Iterator[list[_Item]]:
            offset = 0
            while offset < todo:
                batch = con.execute(
                    f"select {', '.join(ITEM_COLUMNS)} from ann_todo where rn > ? and rn <= ? order by rn",
                    [offset, offset + batch_size],
                ).fetchall()
                if not batch:
                    return
                offset += len(batch)
                yield batch

        done = 0

        def write(rows: BatchRows) -> None:
            nonlocal done
            write_batch(con, rows, summary)
            done += len(rows.doc_rows)
            if progress:
                progress(done, todo)

        def overlapped(submit: Callable[[list[_Item]], Any]) -> None:
            """Submit batches ahead (bounded: memory stays flat) and write the results in order."""
            pending: deque[Any] = deque()
            for batch in batches():
                pending.append(submit(batch))
                while len(pending) > workers * 2:
                    write(pending.popleft().result())
            while pending:
                write(pending.popleft().result())

        try:
            if shards is not None:
                log.info("extracting %d documents on %d Celery worker processes, %d per shard", todo, workers, batch_size)
                overlapped(shards.submit)
            elif workers == 1:
                extractor = Extractor.default()
                for batch in batches():
                    write(_extract_batch_rows(extractor, batch))
            else:
                log.info("extracting %d documents in %d processes, %d per batch", todo, workers, batch_size)
                # spawn, not fork: this process holds DuckDB's threads and locks.
                with ProcessPoolExecutor(
                    workers, mp_context=mp.get_context("spawn"), initializer=_init_worker, initargs=(os.getpid(),)
                ) as pool:
                    overlapped(lambda batch: pool.submit(_extract_in_worker, batch))
        finally:
            con.execute("drop table if exists ann_todo")
    return summary


_WORKER_EXTRACTOR: Extractor | None = None


def _init_worker(parent: int) -> None:
    global _WORKER_EXTRACTOR
    _exit_with_parent(parent)
    _WORKER_EXTRACTOR = Extractor.default()


def _exit_with_parent(parent: int, interval: float = 1.0) -> None:
    """End this worker when the process that started it is gone (killed by a timeout, SIGKILL):
    an orphaned worker would otherwise sit on its model's memory until the machine restarts.
    `parent` is passed in, not read here: the parent may already be dead when this runs."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _extract_in_worker(batch: list[_Item]) -> BatchRows:
    assert _WORKER_EXTRACTOR is not None, "worker not initialized"
    return _extract_batch_rows(_WORKER_EXTRACTOR, batch)


def _extract_safely(extractor: Extractor, docs: list[DocumentInput]) -> list[Extraction | Exception]:
    """The batch at once; if it fails, document by document so one bad document fails alone."""
    try:
        return list(extractor.extract_batch(docs))
    except Exception as batch_exc:
        log.warning("batch extraction failed (%s); retrying document by document", batch_exc)
    out: list[Extraction | Exception] = []
    for doc in docs:
        try:
            out.extend(extractor.extract_batch([doc]))
        except Exception as exc:
            out.append(exc)
    return out


def _extract_batch_rows(extractor: Extractor, items: list[_Item]) -> BatchRows:
    """Extract one batch into rows (no database access: runs in a worker process too)."""
    now = utc_now()
    docs = [
        DocumentInput(doc_id, body, published_at, language, outlet)
        for doc_id, _, body, published_at, language, outlet in items
    ]
    results = _extract_safely(extractor, docs)
    out = BatchRows([], {})
    table_rows: dict[str, list[dict[str, Any]]] = {t: [] for t in tables.SCHEMAS}
    for (doc_id, chash, body, _, language, _), doc, result in zip(items, docs, results, strict=True):
        if not isinstance(result, Exception):
            try:
                rows = extraction_rows(result, body, extractor.gazetteer)
            except Exception as exc:
                result = exc
        if isinstance(result, Exception):
            log.warning("extraction failed for document %s: %s", doc_id, result)
            error = f"{type(result).__name__}: {result}"
            out.doc_rows.append((doc_id, chash, tables.EXTRACTOR_VERSION, now, 0, "failed", error, language))
            out.failed += 1
            continue
        for t, r in rows.items():
            table_rows[t].extend(r)
        out.non_english += not is_english(doc)
        out.doc_rows.append(
            (doc_id, chash, tables.EXTRACTOR_VERSION, now, len(result.sentences), "ok", None, language or None)
        )
    out.tables = {t: pa.Table.from_pylist(r, schema=tables.SCHEMAS[t]) for t, r in table_rows.items()}
    return out


