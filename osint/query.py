"""Read-only access to the published marts (what analysts, BI tools and `osint query` use)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from ingestion.errors import OsintError
from osint.errors import NothingPublishedError


def open_published(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.is_file():
        raise NothingPublishedError(f"no publication at {path} — run `osint run` first")
    return duckdb.connect(str(path), read_only=True)


def run_query(path: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    con = open_published(path)
    try:
        cur = con.execute(sql)
        columns = [d[0] for d in cur.description] if cur.description else []
        return columns, cur.fetchall()
    except duckdb.Error as exc:
        raise OsintError(f"query failed: {exc}".splitlines()[0]) from None
    finally:
        con.close()


def source_freshness(path: Path) -> list[tuple[Any, ...]]:
    if not path.is_file():
        return []
    con = open_published(path)
    try:
        return con.execute(
            """select source_name, count(*), max(published_at), max(fetched_at)
               from dim_documents group by 1 order by 1"""
        ).fetchall()
    finally:
        con.close()
