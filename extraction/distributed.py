"""Extraction sharded over Celery workers (`extract_executor: celery` in the pipeline config).

The process that holds the warehouse (the only one that ever opens DuckDB) writes each batch of
pending documents as a Parquet shard into a folder the workers can read, and queues one task per
shard on the broker (Redis). A worker — `celery --app extraction.distributed worker`, on this machine
or another that mounts the same folder — loads the seeds and models once, extracts the shard with the
same code as the local process pool (runner._extract_batch_rows) and writes the annotation rows back
as Parquet next to it. The warehouse process reads them and commits them in shard order, one
transaction per shard, exactly as it commits a local batch: the annotations are the same whichever
executor made them (tests/integration/test_celery_extraction.py, and `make bench`).

A worker runs the extractor version of its own code; a shard annotated by another version than the
coordinator's fails the run instead of storing annotations that a later run would not recognise.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from celery import Celery
from kombu.utils.url import maybe_sanitize_url

from extraction import tables
from extraction.runner import ITEM_COLUMNS
from extraction.store import DOC_COLUMNS, BatchRows
from ingestion.errors import OsintError
from osint import settings

QUEUE = "osint_extract"
TASK = "osint.extract_shard"

celery_app = Celery("osint_extract")
celery_app.conf.update(
    task_default_queue=QUEUE,
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    # a shard is redelivered when its worker dies mid-way; one shard at a time per worker process
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    result_expires=24 * 3600,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)


def configure() -> None:
    """Broker and result backend from OSINT_CELERY_* (read when a worker or a run starts, not at import)."""
    celery_app.conf.update(broker_url=settings.celery_broker_url(), result_backend=settings.celery_result_backend())


configure()  # a worker started with `celery --app extraction.distributed worker` reads them here



def worker_command(hostname: str, loglevel: str = "INFO", pool: str = "solo") -> list[str]:
    """The command that starts one extraction worker on this machine's Python (`--pool solo`: one process
    extracting one shard at a time; `prefork` with --concurrency for more)."""
    return [sys.executable, "-m", "celery", "--app", "extraction.distributed", "worker", "--pool", pool,
            "--queues", QUEUE, "--hostname", f"{hostname}@%h", "--loglevel", loglevel]


def answering_workers(timeout: float = 3.0) -> dict[str, Any]:
    """The workers that answer on the broker within `timeout` seconds: {name: their stats}."""
    return celery_app.control.inspect(timeout=timeout).stats() or {}


@lru_cache(maxsize=1)
def _extractor() -> Any:
    """The worker's extractor: seeds and models loaded once per worker process."""
    from extraction.extract import Extractor

    return Extractor.default()


@celery_app.task(name=TASK)
def extract_shard(shard: str) -> dict[str, Any]:
    """Extract one shard (a Parquet file of pending documents); write its rows into `<shard>.out/`."""
    from extraction.runner import _extract_batch_rows

    path = Path(shard)
    items = [tuple(r[c] for c in ITEM_COLUMNS) for r in pq.read_table(path).to_pylist()]
    started = time.perf_counter()
    rows = _extract_batch_rows(_extractor(), items)
    out = write_rows(path.with_name(path.stem + ".out"), rows)
    return {
        "out": str(out),
        "documents": len(rows.doc_rows),
        "failed": rows.failed,
        "non_english": rows.non_english,
        "extractor_version": tables.EXTRACTOR_VERSION,
        "worker": f"{socket.gethostname()}:{os.getpid()}",
        "seconds": round(time.perf_counter() - started, 3),
    }


def write_items(path: Path, items: list[tuple[Any, ...]]) -> None:
    table = pa.Table.from_pylist([dict(zip(ITEM_COLUMNS, item, strict=True)) for item in items])
    _write_atomically(table, path)


def write_rows(out: Path, rows: BatchRows) -> Path:
    """A batch's rows as Parquet files in `out` (written to a temp folder, then renamed into place)."""
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    documents = pa.Table.from_pylist([dict(zip(DOC_COLUMNS, r, strict=True)) for r in rows.doc_rows])
    pq.write_table(documents, tmp / "ann_documents.parquet")
    for name, table in rows.tables.items():
        pq.write_table(table, tmp / f"{name}.parquet")
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    return out


def read_rows(out: Path, failed: int, non_english: int) -> BatchRows:
    documents = pq.read_table(out / "ann_documents.parquet").to_pylist()
    doc_rows = [tuple(r[c] for c in DOC_COLUMNS) for r in documents]
    parts = {name: pq.read_table(out / f"{name}.parquet").cast(schema) for name, schema in tables.SCHEMAS.items()}
    return BatchRows(doc_rows, parts, failed=failed, non_english=non_english)


def _write_atomically(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


@dataclass
class _Shard:
    number: int
    path: Path
    async_result: Any  # celery.result.AsyncResult
    coordinator: CeleryShards

    def result(self) -> BatchRows:
        """The shard's rows (the runner's read-ahead loop treats a shard like a concurrent Future)."""
        return self.coordinator.collect(self)


class CeleryShards:
    """Queue batches as shards for the Celery workers and collect their rows, in the order submitted."""

    def __init__(self, shard_root: Path, timeout_seconds: float | None = None) -> None:
        self.run_dir = shard_root / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        self.timeout = float(timeout_seconds or settings.celery_timeout_seconds())
        self.workers = 0
        self._count = 0
        self._open: list[_Shard] = []

    def __enter__(self) -> CeleryShards:
        configure()
        self.workers = self.ping()
        self.run_dir.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc: object) -> None:
        for shard in self._open:  # a failed run: the queued shards are of no use any more
            with contextlib.suppress(Exception):
                shard.async_result.revoke()
        shutil.rmtree(self.run_dir, ignore_errors=True)

    @staticmethod
    def ping() -> int:
        """Worker processes listening (a worker with --concurrency N counts N); none is an error."""
        broker = maybe_sanitize_url(str(celery_app.conf.broker_url))
        try:
            replies = answering_workers()
        except Exception as exc:  # kombu OperationalError: broker unreachable
            raise OsintError(f"Celery broker {broker} unreachable: {exc}") from None
        if not replies:
            raise OsintError(
                f"no Celery extraction worker answered on {broker}: start one with "
                f"`celery --app extraction.distributed worker --queues {QUEUE}` (same code, same OSINT_CELERY_BROKER_URL)"
            )
        return sum(int((stats.get("pool") or {}).get("max-concurrency") or 1) for stats in replies.values())

    def submit(self, batch: list[tuple[Any, ...]]) -> _Shard:
        self._count += 1
        path = self.run_dir / f"shard-{self._count:06d}.parquet"
        write_items(path, batch)
        shard = _Shard(self._count, path, extract_shard.apply_async(args=[str(path)], queue=QUEUE), self)
        self._open.append(shard)
        return shard

    def collect(self, shard: _Shard) -> BatchRows:
        try:
            # disable_sync_subtasks: under Airflow's CeleryExecutor this process descends from an Airflow Celery
            # worker, which Celery takes for a task waiting on its own subtask; the shards go to another app's
            # workers on their own queue, so waiting cannot deadlock
            meta = shard.async_result.get(timeout=self.timeout, propagate=True, disable_sync_subtasks=False)
        except Exception as exc:
            raise OsintError(f"extraction shard {shard.path.name} failed on a Celery worker: {type(exc).__name__}: {exc}") from None
        finally:
            self._open.remove(shard)
        if meta.get("extractor_version") != tables.EXTRACTOR_VERSION:
            raise OsintError(
                f"Celery worker {meta.get('worker')} runs extractor {meta.get('extractor_version')}, this run "
                f"{tables.EXTRACTOR_VERSION}: restart the workers on the same code"
            )
        out = Path(meta["out"])
        rows = read_rows(out, int(meta.get("failed", 0)), int(meta.get("non_english", 0)))
        shard.path.unlink(missing_ok=True)
        shutil.rmtree(out, ignore_errors=True)
        with contextlib.suppress(Exception):
            shard.async_result.forget()
        return rows
