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
