"""Compare two published warehouses mart by mart, row for row.

    python scripts/compare_publications.py A/published/osint.duckdb B/published/osint.duckdb \
        [--volatile C/published/osint.duckdb]

Every table of A must exist in B with the same columns and the same multiset of rows. Columns that
legitimately differ between two runs of the same code (fetch and first-seen times, build ids) are
found by `--volatile`: a second publication of the same inputs by the same code as A; any column that
differs between A and it is left out of the comparison and listed. Exit status 1 on any difference.
Used to check that a refactoring changes no published row.
"""

from __future__ import annotations

import argparse
import sys

import duckdb


def _differing_rows(con: duckdb.DuckDBPyConnection, x: str, y: str, table: str, cols: list[str]) -> int:
    sel = ", ".join(f'"{c}"' for c in cols)
    q = (f"select count(*) from ((select {sel} from {x}.{table} except all select {sel} from {y}.{table}) "
         f"union all (select {sel} from {y}.{table} except all select {sel} from {x}.{table}))")
    return int(con.execute(q).fetchone()[0])  # type: ignore[index]


def compare(a: str, b: str, volatile_ref: str | None) -> list[str]:
    con = duckdb.connect()
    con.execute(f"attach '{a}' as a (read_only)")
    con.execute(f"attach '{b}' as b (read_only)")
    if volatile_ref:
        con.execute(f"attach '{volatile_ref}' as v (read_only)")
    problems: list[str] = []
    tables_a = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = 'a' order by 1").fetchall()]
    tables_b = {r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = 'b'").fetchall()}
    for t in tables_a:
        if t not in tables_b:
            problems.append(f"{t}: missing in B")
            continue
        cols_a = [r[0] for r in con.execute(f"describe a.{t}").fetchall()]
        cols_b = [r[0] for r in con.execute(f"describe b.{t}").fetchall()]
        if cols_a != cols_b:
            problems.append(f"{t}: columns differ: {cols_a} vs {cols_b}")
            continue
        skip = [c for c in cols_a if _differing_rows(con, "a", "v", t, [c])] if volatile_ref else []
        kept = [c for c in cols_a if c not in skip]
        diff = _differing_rows(con, "a", "b", t, kept) if kept else 0
        n = con.execute(f"select count(*) from a.{t}").fetchone()[0]  # type: ignore[index]
        status = "identical" if not diff else f"{diff} differing rows"
        print(f"{t:<28} {n:>6} rows  {status}" + (f"  (volatile, not compared: {', '.join(skip)})" if skip else ""))
        if diff:
            problems.append(f"{t}: {diff} rows differ")
    for t in sorted(tables_b - set(tables_a)):
        print(f"{t:<28} only in B")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--volatile", help="a second publication of A's inputs by A's code")
    args = parser.parse_args(argv)
    problems = compare(args.a, args.b, args.volatile)
    for p in problems:
        print("DIFF", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
