"""`osint maintain`: give back the space the working warehouse no longer uses, and (DuckLake) expire old
publications past their retention.

DuckDB reuses the blocks of deleted and rewritten rows but never shrinks its file: every re-annotated
document, incremental merge and rebuilt table leaves free blocks behind, so a warehouse that is
rebuilt daily only grows. Compaction copies the whole database (tables with their constraints and
comments, views, sequences) into a fresh file under the writer lock, checks that every table holds the
same rows, and swaps the fresh file in with one rename; a failure at any point leaves the old file as
it was. Readers never notice: they read the published file, which compaction does not touch.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ingestion.errors import OsintError
from osint.warehouse import DataLayout, connect_warehouse, open_in_this_process, row_digest, writer_lock

if TYPE_CHECKING:
    from osint.config import PipelineConfig
    from osint.lake import Lake

FRESH_NAME = ".warehouse-compacting.duckdb"


@dataclass
class MaintainResult:
    before_bytes: int
    after_bytes: int
    tables: int
    rows: int
    seconds: float
    # DuckLake: the snapshots expired (older than the retention) and the files removed
    lake_snapshots_expired: int | None = None
    lake_files_removed: int | None = None

    @property
    def reclaimed_bytes(self) -> int:
        return self.before_bytes - self.after_bytes


def database_bytes(path: Path) -> int:
    """A DuckDB file and its write-ahead log."""
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + ".wal")) if p.is_file())


def table_digests(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, tuple[int, int]]:
    """Every base table of `database`: (rows, order-independent hash of its rows)."""
    out = {}
    for schema, table in con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = ? and not internal order by 1, 2",
        [database],
    ).fetchall():
        out[f"{schema}.{table}"] = row_digest(con, f'"{database}"."{schema}"."{table}"')
    return out


def compact_warehouse(layout: DataLayout, lock_timeout_seconds: float = 600.0) -> MaintainResult:
    """Copy the working warehouse into a fresh file, verify it, swap it in (under the writer lock)."""
    started = time.perf_counter()
    warehouse = layout.warehouse
    fresh = warehouse.with_name(FRESH_NAME)
    with writer_lock(layout, lock_timeout_seconds, "osint maintain"):
        if not warehouse.is_file():
            raise OsintError(f"no warehouse at {warehouse} yet — nothing to compact (run `osint run` first)")
        _remove(fresh)
        con = connect_warehouse(layout)
        try:
            con.execute("checkpoint")  # the old file complete on its own: no WAL to lose at the swap
            before = database_bytes(warehouse)
            source = con.execute("select current_database()").fetchone()[0]  # type: ignore[index]
            con.execute(f"attach '{fresh}' as compacted")
            try:
                con.execute(f'copy from database "{source}" to compacted')
                expected, actual = table_digests(con, source), table_digests(con, "compacted")
                if actual != expected:
                    differ = sorted(t for t in expected.keys() | actual.keys() if expected.get(t) != actual.get(t))
                    raise OsintError(f"compaction copy differs from {warehouse} in {', '.join(differ[:5])}: old file kept")
            finally:
                con.execute("detach compacted")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.close()
            _remove(fresh)
            raise
        con.close()
        still_open = open_in_this_process(warehouse)
        if still_open:
            _remove(fresh)
            raise OsintError(f"{warehouse} is still open in this process ({', '.join(still_open)}): not swapped")
        with open(fresh, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(fresh, warehouse)
        with contextlib.suppress(OSError):
            directory = os.open(warehouse.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
    return MaintainResult(
        before_bytes=before,
        after_bytes=database_bytes(warehouse),
        tables=len(expected),
        rows=sum(n for n, _ in expected.values()),
        seconds=round(time.perf_counter() - started, 3),
    )


def expire_lake_publications(lake: Lake, keep_days: int) -> tuple[int, int]:
    """Expire the lake's snapshots older than `keep_days` (the newest publication always stays), then
    delete the Parquet files no snapshot reads any more. Returns (snapshots expired, files removed)."""
    from osint.lake import attach, publications

    known = publications(lake)
    if not known:
        return 0, 0
    cutoff = min(datetime.now(UTC) - timedelta(days=keep_days), known[-1].committed_at)
    con = duckdb.connect()
    try:
        attach(con, lake, "lake")
        before = con.execute("select count(*) from lake.snapshots()").fetchone()[0]  # type: ignore[index]
        con.execute(f"call ducklake_expire_snapshots('lake', older_than => timestamptz '{cutoff.isoformat()}')")
        after = con.execute("select count(*) from lake.snapshots()").fetchone()[0]  # type: ignore[index]
        removed = con.execute("call ducklake_cleanup_old_files('lake', cleanup_all => true)").fetchall()
    except duckdb.Error as exc:
        raise OsintError(f"DuckLake {lake.shown}: expiring publications failed: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    return int(before) - int(after), len(removed)


def maintain(config: PipelineConfig) -> MaintainResult:
    """Compact the working warehouse; with a DuckLake and `warehouse.keep_publications_days`, expire too."""
    from osint.lake import Lake

    layout = DataLayout(config.data_dir).ensure()
    result = compact_warehouse(layout, config.lock_timeout_seconds)
    lake = Lake.of(config)
    keep = config.warehouse.keep_publications_days
    if lake is not None and keep is not None:
        result.lake_snapshots_expired, result.lake_files_removed = expire_lake_publications(lake, keep)
    return result


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
