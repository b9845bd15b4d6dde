"""Errors of the application stages (warehouse, build, gate, publish, query); see ingestion.errors for the base."""

from __future__ import annotations

import errno
import re
from pathlib import Path

from ingestion.errors import BatchGateError, ConfigError, OsintError, SourceError

__all__ = [
    "BatchGateError",
    "BuildError",
    "ConfigError",
    "DiskFullError",
    "GateFailedError",
    "NothingPublishedError",
    "OsintError",
    "SourceError",
    "WarehouseLockedError",
]


class WarehouseLockedError(OsintError):
    """Another process holds the working warehouse's writer lock past the timeout."""


class BuildError(OsintError):
    """dbt failed to build the marts."""


class GateFailedError(OsintError):
    """The mart gate blocked a publication."""


class NothingPublishedError(OsintError):
    """No published warehouse exists yet."""


class DiskFullError(OsintError):
    """A write failed for lack of space; the stage stopped, the publication is unchanged."""


# How a full disk shows up: OSError ENOSPC/EDQUOT, DuckDB's IO errors (often masked by the failed
# rollback or checkpoint that follows them), dbt's wrapped DuckDB errors, pyarrow's IOError text.
_NO_SPACE = re.compile(r"no space left on device|disk quota exceeded|disk is full", re.I)
_WRITING = re.compile(r"""(?:write|writing|open|create|extend)\w* (?:to )?(?:file |the file )?["']([^"']+)["']""", re.I)


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def is_disk_full(exc: BaseException) -> bool:
    """The failure, or one it masks (a rollback after a failed write), is a full disk."""
    for e in _chain(exc):
        if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if _NO_SPACE.search(str(e)):
            return True
    return False


def disk_full(exc: BaseException, stage: str, data_dir: Path | str) -> DiskFullError:
    """One line: what failed (the stage, the file), where (the data directory), and what to do."""
    path = None
    for e in _chain(exc):
        if isinstance(e, OSError) and e.filename:
            path = str(e.filename)
            break
        found = _WRITING.search(str(e))
        if found:
            path = found.group(1)
            break
    writing = f" writing {path}" if path else ""
    return DiskFullError(
        f"{stage} failed: no space left on the device{writing} — free space on the disk holding {data_dir} "
        "(or move data_dir to a larger one) and rerun; nothing was published, the current publication is unchanged"
    )
