"""The stages of the pipeline as library functions: the CLI, the DAGs and the tests all call these."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from extraction.runner import annotate_documents
from extraction.store import AnnotationSummary
from ingestion.errors import SourceError
from ingestion.landing import BatchMeta, LoadResult, load_landed_batches
from ingestion.landing import fetch_source as land_source
from ingestion.source_config import SourceConfig
from osint.config import PipelineConfig
from osint.errors import DiskFullError, disk_full, is_disk_full
from osint.lake import Lake
from osint.publish import PassedGate, PublishResult, publish_marts
from osint.transform import BuildSummary, build_marts
from osint.warehouse import DataLayout, connect_warehouse, writer_lock

log = logging.getLogger(__name__)
Progress = Callable[[str], None]


def _noop(_: str) -> None:
    pass


@dataclass
class FetchOutcome:
    source: str
    meta: BatchMeta | None = None
    error: str | None = None


@dataclass
class RunSummary:
    fetched: list[FetchOutcome] = field(default_factory=list)
    loaded: list[LoadResult] = field(default_factory=list)
    annotated: AnnotationSummary | None = None
    build: BuildSummary | None = None
    published: PublishResult | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def failed_sources(self) -> list[FetchOutcome]:
        """Sources that could not be fetched, or whose batch the gate rejected as a whole."""
        failed = [f for f in self.fetched if f.error]
        failed += [FetchOutcome(r.source_name, error=r.error) for r in self.loaded if r.status == "rejected"]
        return failed


def layout_of(config: PipelineConfig) -> DataLayout:
    return DataLayout(config.data_dir).ensure()


@contextmanager
def stage(config: PipelineConfig, name: str) -> Iterator[None]:
    """Run one stage; a full disk (however deep DuckDB, dbt or pyarrow bury it) becomes one DiskFullError line."""
    try:
        yield
    except DiskFullError:
        raise
    except Exception as exc:
        if is_disk_full(exc):
            raise disk_full(exc, name, config.data_dir) from exc
        raise


@contextmanager
def writer(config: PipelineConfig, purpose: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """The single writer: the OS lock plus a read-write connection, closed on exit."""
    layout = layout_of(config)
    with stage(config, purpose.removeprefix("osint ")), writer_lock(layout, config.lock_timeout_seconds, purpose):
        con = connect_warehouse(layout)
        try:
            yield con
        except BaseException:
            # after a fatal write error DuckDB refuses even to close: keep the original error
            with contextlib.suppress(duckdb.Error):
                con.close()
            raise
        con.close()


def fetch_source(config: PipelineConfig, source: SourceConfig) -> BatchMeta:
    """Fetch one source into a landing batch (no warehouse lock; safe to run in parallel)."""
    return land_source(layout_of(config).landing_area, source)


def fetch_sources(
    config: PipelineConfig, names: list[str] | None = None, progress: Progress = _noop, parallel: int = 4
) -> list[FetchOutcome]:
    """Fetch sources into landing batches in parallel (no warehouse lock); failures stay per source."""
    sources: list[SourceConfig] = [config.source(n) for n in names] if names else config.require_sources()
    layout_of(config)  # an unwritable data_dir fails here, once, before any source starts

    def one(source: SourceConfig) -> FetchOutcome:
        progress(f"fetching {source.kind} source {source.name}")
        try:
            meta = fetch_source(config, source)
        except SourceError as exc:
            log.error("%s", exc)
            return FetchOutcome(source.name, error=str(exc))
        progress(f"fetched {source.name}: {meta.fetched} documents ({meta.unchanged} unchanged, not re-landed), "
                 f"{meta.quarantined} quarantined")
        return FetchOutcome(source.name, meta=meta)

    if not sources:
        return []
    with stage(config, "fetch"), ThreadPoolExecutor(max_workers=max(1, min(parallel, len(sources)))) as pool:
        return list(pool.map(one, sources))


def load_batches(config: PipelineConfig, progress: Progress = _noop) -> list[LoadResult]:
    """Load every pending landing batch into raw.* (batch gate screens rows into quarantine)."""
    from expectations.batch_gate import screen_batch

    with writer(config, "osint load") as con:
        return load_landed_batches(con, layout_of(config).landing_area, screen=screen_batch, progress=progress)


def document_count(config: PipelineConfig) -> int:
    """Documents in raw.documents (0 before the first load)."""
    with writer(config, "osint: count documents") as con:
        row = con.execute("select count(*) from raw.documents").fetchone()
    return int(row[0]) if row else 0


def extract(config: PipelineConfig, progress: Progress = _noop) -> AnnotationSummary:
    with writer(config, "osint extract") as con:
        return annotate_documents(
            con,
            progress=lambda done, total: progress(f"annotated {done}/{total} documents"),
            workers=config.extract_workers,
            celery_shards=layout_of(config).extract_shards if config.extract_executor == "celery" else None,
        )


def build(config: PipelineConfig, full_refresh: bool = False, progress: Progress = _noop) -> BuildSummary:
    layout = layout_of(config)
    with stage(config, "build"), writer_lock(layout, config.lock_timeout_seconds, "osint build"):
        return build_marts(layout, full_refresh=full_refresh, progress=progress)


def check(config: PipelineConfig) -> Any:
    """Run the mart gate without publishing (GateResult)."""
    return _gate(config, fingerprint=False)[0]


def check_for_publish(config: PipelineConfig) -> tuple[Any, PassedGate | None]:
    """Run the mart gate; on success also return it as a PassedGate that `publish` can accept
    instead of running the gate again, as long as the marts are unchanged."""
    return _gate(config, fingerprint=True)


def _gate(config: PipelineConfig, fingerprint: bool) -> tuple[Any, PassedGate | None]:
    from expectations.mart_gate import run_mart_gate
    from osint.publish import MARTS_SCHEMA, marts_fingerprint, read_manifest

    layout = layout_of(config)
    with writer(config, "osint check") as con:
        previous = (read_manifest(layout).get("current") or {}).get("row_counts") or {}
        seen = marts_fingerprint(con) if fingerprint else None
        result = run_mart_gate(con, layout.reports, MARTS_SCHEMA, previous)
    if seen is None or not result.success:
        return result, None
    return result, PassedGate(seen, result.summary(), result.seconds, result.report_path)


def publish(config: PipelineConfig, passed: PassedGate | None = None) -> PublishResult:
    with writer(config, "osint publish") as con:
        return publish_marts(con, layout_of(config), passed=passed, lake=Lake.of(config))


def run_all(config: PipelineConfig, progress: Progress = _noop, full_refresh: bool = False) -> RunSummary:
    """Every stage in order under one writer lock: fetch → load → extract → build → gate → publish."""
    config.require_sources()
    layout = layout_of(config)
    summary = RunSummary()

    def timed(stage: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        try:
            return fn()
        finally:
            summary.stage_seconds[stage] = round(time.perf_counter() - t, 3)

    summary.fetched = timed("fetch", lambda: fetch_sources(config, progress=progress))
    with writer_lock(layout, config.lock_timeout_seconds, "osint run"):
        summary.loaded = timed("load", lambda: load_batches(config, progress))
        summary.annotated = timed("extract", lambda: extract(config, progress))
        summary.build = timed("build", lambda: build(config, full_refresh, progress))
        summary.published = timed("publish", lambda: publish(config))
    return summary


def build_docs(config: PipelineConfig, progress: Progress = _noop) -> Path:
    """`dbt docs generate` against the working warehouse, copied into <data_dir>/docs/."""
    import shutil

    from osint.errors import BuildError
    from osint.transform import run_dbt

    layout = layout_of(config)
    with writer_lock(layout, config.lock_timeout_seconds, "osint docs"):
        summary = run_dbt(layout, ["docs", "generate", "--static"], progress)
    if not summary.success:
        raise BuildError("dbt docs generate failed: " + ("; ".join(summary.failures) or "see data/dbt/logs/dbt.log"))
    layout.docs.mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "static_index.html", "manifest.json", "catalog.json"):
        src = layout.dbt_target / name
        if src.is_file():
            shutil.copy2(src, layout.docs / name)
    return layout.docs / "static_index.html"
