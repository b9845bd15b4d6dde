"""The working warehouse and its single writer.

DuckDB allows one read-write process per file, so every read-write open goes through
`writer_lock`: an OS file lock (flock) next to the database. A second writer waits up to a
bounded time and then fails with a message naming the holder. Readers use the published file.

The lock covers the DuckDB file's whole lifetime in this process: whatever keeps the file open
beyond a `with` block (dbt-duckdb caches its database per process) registers a closer with
`close_before_release`, and the outermost `writer_lock` runs the closers before it unlocks. A
waiting writer that gets the lock can therefore always open the file.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingestion.landing import LandingArea
from ingestion.raw_schema import ensure_raw_schema
from osint.errors import ConfigError, WarehouseLockedError
from osint.settings import duckdb_memory_limit

log = logging.getLogger(__name__)


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
    def extract_shards(self) -> Path:
        """Shards of documents for the Celery extraction workers, and the rows they send back."""
        return self.root / "extract_shards"

    @property
    def duckdb_extensions(self) -> Path:
        return self.root / "duckdb_extensions"

    def ensure(self) -> DataLayout:
        """Create the folders; a data_dir this process cannot write is a ConfigError naming it."""
        try:
            for d in (self.root, self.landing, self.cursors, self.published, self.reports):
                d.mkdir(parents=True, exist_ok=True)
            if not os.access(self.root, os.W_OK | os.X_OK):  # also false on a read-only file system, even for root
                raise PermissionError(errno.EROFS if _read_only(self.root) else errno.EACCES, "permission denied")
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise
            reason = "read-only file system" if exc.errno == errno.EROFS else (exc.strerror or str(exc)).lower()
            raise ConfigError(
                f"data_dir {self.root} is not writable ({reason}: {exc.filename or self.root}) — set data_dir in "
                "the config (or OSINT_DATA_DIR) to a folder this user can write"
            ) from None
        return self


def _read_only(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


# flock locks belong to an open file description, so nested use inside one process must reuse
# the descriptor instead of opening the file again (which would deadlock against ourselves).
_held: dict[Path, tuple[int, int]] = {}
_held_guard = threading.RLock()
_closers: list[Callable[[], None]] = []


def close_before_release(closer: Callable[[], None]) -> None:
    """Run `closer` whenever this process is about to release a writer lock (idempotent per function)."""
    if closer not in _closers:
        _closers.append(closer)


def _close_handles(layout: DataLayout) -> None:
    for closer in list(_closers):
        try:
            closer()
        except Exception:  # a failing closer must not keep the lock held forever
            log.exception("closing the warehouse before releasing its lock failed")
    if still_open := open_in_this_process(layout.warehouse):
        log.warning("releasing the writer lock while %s is still open in this process", ", ".join(still_open))


def open_in_this_process(path: Path) -> list[str]:
    """Files of the DuckDB database `path` (and its WAL) this process has open; [] where /proc is absent."""
    wanted = {str(path.resolve()), str(path.resolve()) + ".wal"}
    found = []
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        return []
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target in wanted:
            found.append(target)
    return found


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
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder_info).encode(), 0)
    except OSError as exc:  # who holds the lock is for messages only: a full disk must not stop the holder
        log.info("could not record the writer lock's holder in %s: %s", path, exc)
    with _held_guard:
        _held[path] = (fd, 1)
    try:
        _remove_leftovers(layout)
        yield
    finally:
        _close_handles(layout)
        with _held_guard:
            del _held[path]
        try:
            os.ftruncate(fd, 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def _remove_leftovers(layout: DataLayout) -> None:
    """Startup cleanup of killed runs' files (osint.cleanup); never stops the writer that runs it."""
    from osint.cleanup import remove_leftovers

    try:
        remove_leftovers(layout)
    except Exception:
        log.exception("cleaning up leftovers of interrupted runs under %s failed", layout.root)


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
    try:
        con = duckdb.connect(str(layout.warehouse))
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        # the OS lock is ours, so the holder is a process outside the protocol (a DuckDB shell, a notebook)
        holder = str(exc).split("Conflicting lock is held in", 1)[-1].split(". See also", 1)[0].strip()
        raise WarehouseLockedError(
            f"warehouse {layout.warehouse} is open in another process that does not take the writer lock "
            f"({holder or 'holder unknown'}) — close that process (readers use published/osint.duckdb) and retry"
        ) from None
    con.execute(f"set memory_limit = '{duckdb_memory_limit()}'")
    ensure_raw_schema(con)
    # staging views call the project's Python rules (osint.dbt_functions): make them queryable here too.
    # Imported here: the module loads dbt-duckdb (~1 s), which readers (query, report, status) never need.
    from osint.dbt_functions import register_functions

    register_functions(con)
    return con


def sql_literal(value: str) -> str:
    """A SQL string literal of `value` (for statements that take no parameters: COMMENT ON, ATTACH)."""
    return "'" + value.replace("'", "''") + "'"


def row_digest(con: duckdb.DuckDBPyConnection, relation: str) -> tuple[int, int]:
    """(rows, order-independent hash of every row) of a table or view, `relation` already quoted and qualified:
    equal digests, equal contents (publish's gate reuse, compaction's check, DuckLake's unchanged marts)."""
    count, digest = con.execute(f"select count(*), coalesce(bit_xor(hash(t)), 0) from {relation} t").fetchone()  # type: ignore[misc]
    return int(count), int(digest)
