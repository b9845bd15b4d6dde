"""How columns travel from DuckDB into the pandas frames GX validates."""

from __future__ import annotations


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_q = quote

_INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "HUGEINT", "UHUGEINT")
# pandas datetime64[ns] spans 1677-09-21..2262-04-11; clamping keeps an absurd date absurd
# (still outside every window a suite uses) instead of failing the cast.
_NS_MIN, _NS_MAX = "timestamp '1677-09-22'", "timestamp '2262-04-10'"


def select_column(column: str, data_type: str, alias: str = "t") -> str:
    """The column as pandas should see it so GX stays vectorized.

    GX's pandas `between` only takes its vectorized path for int64/float64 and datetime64[ns]
    columns; DuckDB hands over INTEGER as int32 and TIMESTAMP/DATE as datetime64[us], which
    GX then compares one Python object at a time (seconds per million rows).
    """
    ref = f"{alias}.{_q(column)}"
    kind = data_type.upper()
    if kind.startswith("TIMESTAMP WITH TIME ZONE") or kind == "TIMESTAMPTZ":
        return f"{clamp_timestamp(f'timezone({chr(39)}UTC{chr(39)}, {ref})')} as {_q(column)}"
    if kind == "DATE" or kind.startswith("TIMESTAMP"):
        return f"{clamp_timestamp(ref)} as {_q(column)}"
    if kind in _INTEGER_TYPES:
        return f"cast({ref} as bigint) as {_q(column)}"
    if kind.startswith("DECIMAL") or kind in ("FLOAT", "REAL"):
        return f"cast({ref} as double) as {_q(column)}"
    return ref


def clamp_timestamp(expression: str) -> str:
    # greatest()/least() skip NULLs in DuckDB: without the CASE a missing date would become 1677.
    value = f"cast({expression} as timestamp)"
    return f"cast(case when {value} is not null then least(greatest({value}, {_NS_MIN}), {_NS_MAX}) end as timestamp_ns)"
