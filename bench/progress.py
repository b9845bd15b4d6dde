"""Progress lines on stderr, so stdout carries only the report."""

from __future__ import annotations

import sys
from datetime import datetime


def log(msg: str) -> None:
    print(f"{datetime.now():%H:%M:%S} {msg}", file=sys.stderr, flush=True)
