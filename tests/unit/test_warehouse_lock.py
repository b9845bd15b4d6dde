import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from osint.errors import WarehouseLockedError
from osint.warehouse import DataLayout, connect_warehouse, holds_writer_lock, writer_lock

HOLD_LOCK = """
import sys, time
from osint.warehouse import DataLayout, writer_lock
with writer_lock(DataLayout(__import__('pathlib').Path(sys.argv[1])), 5, "test holder"):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def start_holder(root: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(root), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_second_writer_fails_with_a_clear_message_after_the_timeout(tmp_path: Path) -> None:
    layout = DataLayout(tmp_path)
    holder = start_holder(tmp_path, 10)
    try:
        started = time.monotonic()
        with pytest.raises(WarehouseLockedError) as err, writer_lock(layout, timeout_seconds=0.5):
            pass
        assert time.monotonic() - started >= 0.5
        message = str(err.value)
        assert f"pid {holder.pid}" in message and "test holder" in message and "lock_timeout_seconds" in message
    finally:
        holder.kill()
        holder.wait()


def test_waiting_writer_gets_the_lock_when_the_holder_finishes(tmp_path: Path) -> None:
    holder = start_holder(tmp_path, 0.8)
    try:
        with writer_lock(DataLayout(tmp_path), timeout_seconds=20):
            assert holds_writer_lock(DataLayout(tmp_path))
    finally:
        holder.wait()


def test_lock_is_reentrant_in_one_process_and_released_after(tmp_path: Path) -> None:
    layout = DataLayout(tmp_path)
    with writer_lock(layout, 1):
        with writer_lock(layout, 1):
            assert holds_writer_lock(layout)
        assert holds_writer_lock(layout)
        info = json.loads(layout.lock_file.read_text())
        assert info["purpose"] == "osint"
    assert not holds_writer_lock(layout)


def test_connecting_read_write_without_the_lock_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="writer_lock"):
        connect_warehouse(DataLayout(tmp_path))


def test_the_lock_runs_the_registered_closers_before_it_is_released(tmp_path: Path) -> None:
    """What keeps the DuckDB file open past a `with` block (dbt-duckdb) is closed before the lock goes."""
    from osint import warehouse

    layout = DataLayout(tmp_path)
    seen: list[bool] = []

    def closer() -> None:
        seen.append(holds_writer_lock(layout))

    warehouse.close_before_release(closer)
    try:
        with writer_lock(layout, 1), writer_lock(layout, 1):
            pass
    finally:
        warehouse._closers.remove(closer)
    assert seen == [True]  # once, by the outermost holder, while it still held the lock


def test_dbt_leaves_no_handle_on_the_warehouse(tmp_path: Path) -> None:
    """After a dbt command the warehouse file is closed in this process, so a waiting writer can open it."""
    from osint.transform import run_dbt
    from osint.warehouse import open_in_this_process

    layout = DataLayout(tmp_path)
    with writer_lock(layout, 1):
        connect_warehouse(layout).close()
        run_dbt(layout, ["debug", "--connection"])  # opens the warehouse through dbt-duckdb
        assert open_in_this_process(layout.warehouse) == []


def test_a_process_outside_the_lock_holding_the_file_is_a_clean_error(tmp_path: Path) -> None:
    """A DuckDB shell or notebook with the warehouse open: one line naming it, not a DuckDB traceback."""
    layout = DataLayout(tmp_path).ensure()
    script = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('open', flush=True); time.sleep(30)"
    other = subprocess.Popen([sys.executable, "-c", script, str(layout.warehouse)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "open"
        with pytest.raises(WarehouseLockedError) as err, writer_lock(layout, 1):
            connect_warehouse(layout)
        assert f"PID {other.pid}" in str(err.value) and "does not take the writer lock" in str(err.value)
    finally:
        other.kill()
        other.wait()
