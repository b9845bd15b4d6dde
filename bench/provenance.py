"""What a result records about where it ran: the host, and the code revision it measured."""

from __future__ import annotations

import os
import platform
import subprocess

from bench.paths import REPO_ROOT
from bench.result_types import HostInfo

# Folders whose uncommitted edits change what is measured (listed in the result).
LIBRARY_FOLDERS = ("ingestion", "extraction", "osint", "dbt", "expectations")


def host_info() -> HostInfo:
    import duckdb

    return HostInfo(
        cpus=os.cpu_count(),
        python=platform.python_version(),
        platform=platform.platform(),
        duckdb=duckdb.__version__,
        mem_total_mb=_mem_total_mb(),
    )


def _mem_total_mb() -> int | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            return int(fh.readline().split()[1]) // 1024
    except OSError:
        return None


def git_revision() -> str:
    out = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "--short=12", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() or "unknown"


def git_dirty_paths() -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "status", "--porcelain"], capture_output=True, text=True, check=False
    )
    return [line[3:] for line in out.stdout.splitlines() if line[3:].startswith(LIBRARY_FOLDERS)]
