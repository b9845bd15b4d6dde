"""Read-only access to the published marts (what analysts, BI tools and `osint query` use)."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import duckdb
from rich.cells import cell_len, set_cell_size

from ingestion.errors import OsintError
from osint.errors import NothingPublishedError

T = TypeVar("T")
# Longest value `osint query` prints in full (--max-width's defaults): a table cell, and a value in
# the vertical layout, which has a line of its own and wraps.
TABLE_MAX_WIDTH = 60
VERTICAL_MAX_WIDTH = 500
ELLIPSIS = "…"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def open_published(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.is_file():
        raise NothingPublishedError(f"no publication at {path} — run `osint run` first")
    return duckdb.connect(str(path), read_only=True)


# What a query reads: the published file, or a function opening another read-only connection (a
# DuckLake publication, osint.lake.open_publication).
Source = Path | Callable[[], duckdb.DuckDBPyConnection]


def _run(source: Source, sql: str, fetch: Callable[[duckdb.DuckDBPyConnection], T]) -> tuple[list[str], T]:
    con = open_published(source) if isinstance(source, Path) else source()
    try:
        cur = con.execute(sql)
        columns = [d[0] for d in cur.description] if cur.description else []
        return columns, fetch(cur)
    except duckdb.Error as exc:
        raise OsintError(f"query failed: {exc}".splitlines()[0]) from None
    finally:
        con.close()


def run_query(source: Source, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    return _run(source, sql, lambda cur: cur.fetchall())


def run_query_head(source: Source, sql: str, limit: int) -> tuple[list[str], list[tuple[Any, ...]], int]:
    """The first `limit` rows and the total row count (the rest is counted, not kept in memory)."""

    def fetch(cur: duckdb.DuckDBPyConnection) -> tuple[list[tuple[Any, ...]], int]:
        head = cur.fetchmany(limit) if limit > 0 else []
        total = len(head)
        while chunk := cur.fetchmany(10_000):
            total += len(chunk)
        return head, total

    columns, (rows, total) = _run(source, sql, fetch)
    return columns, rows, total


def cell_text(value: Any) -> str:
    """A value as `osint query` prints it: NULL is empty, lists and structs are JSON."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def elide(text: str, max_width: int) -> str:
    """`text` cut to `max_width` terminal cells, ending in … when cut (0: never cut)."""
    if max_width <= 0 or cell_len(text) <= max_width:
        return text
    return set_cell_size(text, max_width - 1).rstrip() + ELLIPSIS


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - cell_len(text))
    return fill + text if right else text + fill


def table_lines(columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int) -> list[str]:
    """A psql-style table: ` col | col`, `-----+-----`, one line per row. Each column is as wide as
    its longest cell; a cell wider than `max_width` ends in …; line breaks and tabs in a value become
    spaces; numeric columns are right-aligned."""
    headers = [elide(_CONTROL.sub(" ", c), max_width) for c in columns]
    cells = [[elide(_CONTROL.sub(" ", cell_text(v)), max_width) for v in row] for row in rows]
    widths = [max([cell_len(h), *(cell_len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    numeric = [
        any(row[i] is not None for row in rows) and all(row[i] is None or _is_number(row[i]) for row in rows)
        for i in range(len(columns))
    ]

    def line(texts: Sequence[str]) -> str:
        padded = (_pad(t, w, r) for t, w, r in zip(texts, widths, numeric, strict=True))
        return (" " + " | ".join(padded)).rstrip()

    return [line(headers), "+".join("-" * (w + 2) for w in widths), *(line(r) for r in cells)]


def vertical_lines(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int, width: int | None, first: int = 1
) -> list[str]:
    """One block per row, like psql's \\x: `-[ record N ]---` then `column | value` lines. A value
    wider than `max_width` ends in …; its line breaks are kept, and on a terminal `width` cells wide
    long lines wrap, continuing under the value column."""
    labels = [_CONTROL.sub(" ", c) for c in columns]
    label_width = max((cell_len(c) for c in labels), default=0)
    value_width = width - label_width - 3 if width is not None and width - label_width - 3 >= 20 else None
    lines: list[str] = []
    for n, row in enumerate(rows, first):
        block: list[str] = []
        for label, value in zip(labels, row, strict=True):
            parts: list[str] = []
            for text in elide(cell_text(value), max_width).splitlines() or [""]:
                text = _CONTROL.sub(" ", text)
                parts += (textwrap.wrap(text, value_width) or [""]) if value_width else [text]
            for i, part in enumerate(parts):
                block.append(f"{_pad(label if i == 0 else '', label_width, False)} | {part}".rstrip())
        rule = f"-[ record {n} ]"
        longest = max((cell_len(b) for b in block), default=0)
        lines.append(rule + "-" * max(0, min(longest, width or longest) - len(rule)))
        lines += block
    return lines


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


def text_layout(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, max_width: int | None, width: int | None
) -> tuple[list[str], str | None]:
    """`osint query`'s lines for --format table, vertical or auto (a table when it fits `width`
    terminal columns or there is no terminal, else vertical), and a note saying when auto turned
    vertical. `max_width` None: the layout's default."""
    if not columns:
        return [], None
    if fmt in ("auto", "table"):
        lines = table_lines(columns, rows, TABLE_MAX_WIDTH if max_width is None else max_width)
        table_width = len(lines[1])
        if fmt == "table" or not rows or width is None or table_width <= width:
            return lines, None
        note = (
            f"(the table is {table_width} characters wide, the terminal {width}: one record per row; "
            "--format table prints a table)"
        )
    elif fmt == "vertical":
        note = None
    else:
        raise ValueError(f"not a text layout: {fmt!r}")
    return vertical_lines(columns, rows, VERTICAL_MAX_WIDTH if max_width is None else max_width, width), note
