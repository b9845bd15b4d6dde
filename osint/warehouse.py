"""The working warehouse and its single writer.

DuckDB allows one read-write process per file, so every read-write open goes through
`writer_lock`: an OS file lock (flock) next to the database. A second writer waits up to a
bounded time and then fails with a message naming the holder. Readers use the published file.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingestion.landing import LandingArea
from ingestion.raw_schema import ensure_raw_schema
from osint.dbt_functions import register_functions
from osint.errors import WarehouseLockedError
from osint.settings import duckdb_memory_limit


@dataclass(frozen=True)
class DataLayout:
    """Where everything lives under one data directory."""

    root: Path

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def lock_file(self) -> Path:
        return self.root / "warehouse.lock"

    @property
    def landing(self) -> Path:
        return self.root / "landing"

    @property
    def cursors(self) -> Path:
        return self.root / "state" / "cursors"

    @property
    def landing_area(self) -> LandingArea:
        return LandingArea(self.landing, self.cursors)

    @property
    def published(self) -> Path:
        return self.root / "published"

    @property
    def published_db(self) -> Path:
        return self.published / "osint.duckdb"

    @property
    def published_parquet(self) -> Path:
        return self.published / "parquet"

    @property
    def manifest(self) -> Path:
        return self.published / "manifest.json"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def dbt_target(self) -> Path:
        return self.root / "dbt" / "target"

    @property
    def dbt_logs(self) -> Path:
        return self.root / "dbt" / "logs"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def duckdb_extensions(self) -> Path:
        return self.root / "duckdb_extensions"

    def ensure(self) -> DataLayout:
        for d in (self.root, self.landing, self.cursors, self.published, self.reports):
            d.mkdir(parents=True, exist_ok=True)
        return self


# flock locks belong to an open file description, so nested use inside one process must reuse
# the descriptor instead of opening the file again (which would deadlock against ourselves).
_held: dict[Path, tuple[int, int]] = {}
_held_guard = threading.RLock()


@contextmanager
def writer_lock(layout: DataLayout, timeout_seconds: float = 600.0, purpose: str = "osint") -> Iterator[None]:
    """Hold the warehouse's exclusive writer lock; re-entrant within one process."""
    layout.ensure()
    path = layout.lock_file.resolve()
    with _held_guard:
        if path in _held:
            fd, depth = _held[path]
            _held[path] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _held_guard:
                fd, depth = _held[path]
                _held[path] = (fd, depth - 1)
        return

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + max(0.0, timeout_seconds)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _read_holder(fd)
                os.close(fd)
                raise WarehouseLockedError(
                    f"warehouse {layout.warehouse} is in use by another writer ({holder}); "
                    f"waited {timeout_seconds:.0f} s — retry when it finishes or raise lock_timeout_seconds"
                ) from None
            time.sleep(0.2)
    holder_info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "purpose": purpose,
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder_info).encode(), 0)
    with _held_guard:
        _held[path] = (fd, 1)
    try:
        yield
    finally:
        with _held_guard:
            del _held[path]
        try:
            os.ftruncate(fd, 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def _read_holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except (OSError, ValueError):
        return "holder unknown"
    if not info:
        return "holder unknown"
    return f"pid {info.get('pid')} on {info.get('host')}, '{info.get('purpose')}' since {info.get('since')}"


def holds_writer_lock(layout: DataLayout) -> bool:
    with _held_guard:
        return layout.lock_file.resolve() in _held


def connect_warehouse(layout: DataLayout) -> duckdb.DuckDBPyConnection:
    """Open the working warehouse read-write; the caller must hold `writer_lock`."""
    if not holds_writer_lock(layout):
        raise RuntimeError("connect_warehouse() called without holding writer_lock()")
    # SET, not connect(config=...): dbt-duckdb may hold the same file open in this process, and
    # DuckDB refuses a second connection with a different configuration.
    con = duckdb.connect(str(layout.warehouse))
    con.execute(f"set memory_limit = '{duckdb_memory_limit()}'")
    ensure_raw_schema(con)
    # staging views call the project's Python rules (osint.dbt_functions): make them queryable here too
    register_functions(con)
    return con
