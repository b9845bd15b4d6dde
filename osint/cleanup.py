"""Leftovers of killed or failed runs, removed when a writer starts.

The writer holds the warehouse lock while this runs, so no other writer (load, extract, build, publish) is
half-way: publish temp files (`.osint-<build>.duckdb` and its `.wal`, the Parquet link and manifest temps)
and build folders that never finished publishing are leftovers. Fetches write landing batches without the
lock, so a landing or cursor temp file — or a batch file whose meta file (written last, it completes the
batch) never came — counts as left over only once nothing has written to it for STALE_TEMP_SECONDS (a live
fetch writes its batch in one go and renames it at once).
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from osint.publish import interrupted_builds, stale_publish_files
from osint.warehouse import DataLayout, holds_writer_lock

log = logging.getLogger(__name__)

STALE_TEMP_SECONDS = 15 * 60


def stale_landing_files(layout: DataLayout, now: float | None = None) -> list[Path]:
    """Landing batch and cursor temp files, and batch files without a meta file (a fetch killed between
    the two), that no fetch has written to for STALE_TEMP_SECONDS. Never loaded, they are only clutter."""
    now = time.time() if now is None else now
    orphans = [
        p for p in layout.landing.glob("*/*.parquet")
        if not p.with_name(p.name.split(".", 1)[0] + ".meta.json").exists()
    ]
    candidates = [*layout.landing.glob("*/*.tmp"), *layout.cursors.glob("*.tmp"), *orphans]
    stale = []
    for path in candidates:
        try:
            if now - path.stat().st_mtime >= STALE_TEMP_SECONDS:
                stale.append(path)
        except OSError:
            continue
    return stale


def remove_leftovers(layout: DataLayout) -> list[Path]:
    """Remove what killed or failed runs left behind; the caller holds the writer lock. Returns what went."""
    if not holds_writer_lock(layout):
        raise RuntimeError("remove_leftovers() needs the warehouse writer lock")
    removed: list[Path] = []
    for path in [*stale_publish_files(layout), *stale_landing_files(layout)]:
        try:
            path.unlink(missing_ok=True)
            removed.append(path)
        except OSError as exc:
            log.info("could not remove leftover %s: %s", path, exc)
    for build in interrupted_builds(layout):
        shutil.rmtree(build, ignore_errors=True)
        removed.append(build)
    if removed:
        log.info("removed %d leftovers of interrupted runs: %s", len(removed), ", ".join(map(str, removed)))
    return removed
