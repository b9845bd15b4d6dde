"""The parent side of a measurement: run a child process, and measure its wall time, CPU time and
peak memory from outside; the disk sizes of a data directory; rates.

Peak RSS comes from os.wait4 (per child, not cumulative like RUSAGE_CHILDREN) and from a sampler
summing the child and its worker processes, since extraction holds a pool of them at once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.paths import REPO_ROOT
from bench.result_types import DiskSizes, JsonDict, ProcessUsage

MB = 1024 * 1024
# The entry point a child runs in; its --stage-out option names the file it reports to.
CHILD_MODULE = "bench.run"


def rate(documents: int, seconds: float) -> float:
    return round(documents / seconds, 1) if seconds > 0 else 0.0


def child_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)  # OSINT_DBT_PROJECT_DIR, when --dbt-project set it, passes through
    env.update(
        {
            "OSINT_DATA_DIR": str(data_dir),  # wins over the config's data_dir: never ./data
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
            "GX_ANALYTICS_ENABLED": "False",
            "TQDM_DISABLE": "1",
            "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        }
    )
    return env


class TreeRssSampler(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants, sampled every 0.2 s.

    ru_maxrss of a child only covers the largest single process; a stage that runs a pool of
    workers holds all of them in memory at once, and that sum is what a machine must have.
    """

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_mb = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._done.is_set():
            total = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                return
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            self.peak_mb = max(self.peak_mb, round(total / 2**20, 1))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


def measure_child(args: list[str], data_dir: Path, out: Path, label: str) -> tuple[JsonDict, ProcessUsage]:
    """Run `python -m bench.run <args>`; return the report it wrote to `out` and its usage."""
    cmd = [sys.executable, "-m", CHILD_MODULE, *args, "--stage-out", str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=REPO_ROOT, env=child_env(data_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert proc.stdout is not None
    sampler = TreeRssSampler(proc.pid)
    sampler.start()
    output = proc.stdout.read()  # drain before waiting so a chatty child cannot block on a full pipe
    _, status, usage = os.wait4(proc.pid, 0)
    sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0 or not out.is_file():
        tail = output.decode("utf-8", errors="replace")[-4000:]
        raise RuntimeError(f"{label} failed (exit {proc.returncode}):\n{tail}")
    report: JsonDict = json.loads(out.read_text(encoding="utf-8"))
    # The stage's own process, and the sum over it and its worker processes (extraction's pool).
    process_peak = round(usage.ru_maxrss / 1024, 1)  # Linux: kilobytes
    return report, ProcessUsage(
        process_seconds=round(elapsed, 3),
        process_peak_rss_mb=process_peak,
        peak_rss_mb=max(process_peak, sampler.peak_mb),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 3),
    )


def dir_bytes(path: Path) -> int:
    if not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def warehouse_mb(data_dir: Path) -> float:
    return round(dir_bytes(data_dir / "warehouse.duckdb") / MB, 2)


def measure_sizes(data_dir: Path) -> DiskSizes:
    published_parquet = data_dir / "published" / "parquet"
    return DiskSizes(
        landing_parquet_mb=round(dir_bytes(data_dir / "landing") / MB, 2),
        warehouse_duckdb_mb=warehouse_mb(data_dir),
        published_duckdb_mb=round(dir_bytes(data_dir / "published" / "osint.duckdb") / MB, 2),
        # a symlink to the current publication's folder
        published_parquet_mb=round(dir_bytes(published_parquet.resolve()) / MB, 2)
        if published_parquet.exists()
        else 0.0,
    )
