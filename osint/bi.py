"""The SQLAlchemy dialect for BI tools and notebooks that read the published marts.

duckdb-engine reflects columns with SQLAlchemy's PostgreSQL catalog query. From SQLAlchemy 2.0.45
that query reads each column's collation from `pg_catalog.pg_collation` joined to its namespace,
and DuckDB's catalog emulation has no `collnamespace` column, so `inspect(engine).get_columns(...)`
— what Superset, Metabase's Python drivers and pandas do when a table is added — fails with
`Referenced table "pg_catalog.pg_collation" not found` (duckdb-engine issues #1379, #1391; Airflow
needs SQLAlchemy >= 2.0.50, so an older SQLAlchemy cannot be locked instead). DuckDB has no
column collations to report, so this dialect asks the same query without that one column.

Installed with the project as the SQLAlchemy driver `duckdb+osint`:

    duckdb+osint:////abs/path/data/published/osint.duckdb?access_mode=read_only&enable_external_access=false

`access_mode=read_only` keeps the file unwritten, but SQL on a read-only connection can still read
any file the process can (`select * from read_csv('/etc/passwd')`, `read_text('/proc/self/environ')`),
write files (`copy ... to`), attach other databases and load extensions. `enable_external_access=false`
refuses all of that and cannot be switched back on by SQL on the open connection; the published
file itself, its marts and its views (osint/bi_views.py) still read. This dialect makes both the
default when the URL does not say otherwise (`enable_external_access=true` in the URL lifts it, e.g.
for a notebook reading the Parquet folder).

Everything else is duckdb-engine's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from duckdb_engine import Dialect as DuckDBEngineDialect
from sqlalchemy import sql
from sqlalchemy.engine import URL
from sqlalchemy.sql import sqltypes

# The query of the documented BI connection string; also the dialect's defaults (a file database only
# for access_mode: DuckDB cannot open an in-memory database read-only).
LOCKED_DOWN = {"access_mode": "read_only", "enable_external_access": "false"}


def connection_url(database: str | Path, driver: str = "duckdb+osint") -> str:
    """The documented read-only, no-external-access URL of a published DuckDB file (an absolute path)."""
    query = "&".join(f"{key}={value}" for key, value in LOCKED_DOWN.items())
    return f"{driver}:///{Path(database)}?{query}"


class ReflectingDuckDBDialect(DuckDBEngineDialect):
    """duckdb-engine whose column reflection works on SQLAlchemy >= 2.0.45."""

    driver = "osint"
    supports_statement_cache = False  # as duckdb-engine's (SQLAlchemy asks each subclass to say)
    # DuckDB's format_type() says 'list' for a LIST column; get_multi_columns types it from information_schema
    ischema_names = {**DuckDBEngineDialect.ischema_names, "list": sqltypes.NullType}  # noqa: RUF012

    def create_connect_args(self, url: URL) -> Any:
        args, opts = super().create_connect_args(url)
        config = opts["url_config"]
        in_memory = opts.get("database") in (None, "", ":memory:") or str(opts.get("database")).startswith(":memory:")
        for key, value in LOCKED_DOWN.items():
            if not (key == "access_mode" and in_memory):
                config.setdefault(key, value)
        return args, opts

    @lru_cache  # noqa: B019 - the parent caches the same way; one dialect per engine
    def _columns_query(self, schema: Any, has_filter_names: Any, scope: Any, kind: Any) -> Any:
        query = super()._columns_query(schema, has_filter_names, scope, kind)
        columns = [
            sql.null().label("collation") if getattr(c, "name", None) == "collation" else c
            for c in query.selected_columns
        ]
        return query.with_only_columns(*columns, maintain_column_froms=False)

    def get_multi_columns(
        self, connection: Any, schema: str | None = None, filter_names: Any = None, scope: Any = None,
        kind: Any = None, **kw: Any,
    ) -> Any:
        """SQLAlchemy's own PostgreSQL column reflection (duckdb-engine 0.17's override calls the
        pre-2.1 signature of `_get_columns_info`), with the rows read in full before the named-type
        loader queries: duckdb-engine runs every query of a connection on one cursor."""
        from sqlalchemy.dialects.postgresql.base import _NamedTypeLoader

        has_filter_names, params = self._prepare_filter_names(filter_names)
        query = self._columns_query(schema, has_filter_names, scope, kind)
        rows = list(connection.execute(query, params).mappings())
        columns = self._get_columns_info(rows, _NamedTypeLoader(self, connection, kw), schema)
        lists = {(c["table_name"], c["column_name"]): c["data_type"] for c in connection.execute(sql.text(
            "select table_name, column_name, data_type from information_schema.columns where data_type like '%[]'"
        )).mappings()}
        for (_, table), table_columns in columns.items():
            for column in table_columns:
                element = lists.get((table, column["name"]))
                if element is not None and isinstance(column["type"], sqltypes.NullType):
                    # format_type() says 'list'; information_schema has the element type ('VARCHAR[]')
                    item = self.ischema_names.get(element.removesuffix("[]").lower(), sqltypes.String)
                    column["type"] = sqltypes.ARRAY(item())
        return columns.items()

    # The marts are plain tables: no keys or constraints to report, and PostgreSQL storage options
    # (inheritance, tablespaces, access methods) mean nothing here. SQLAlchemy's own queries for them
    # cast to REGCLASS and read pg_inherits, which DuckDB lacks.
    def get_multi_pk_constraint(  # type: ignore[override]
        self, connection: Any, schema: Any, filter_names: Any, scope: Any, kind: Any, **kw: Any
    ) -> Any:
        return self._each_table(connection, schema, filter_names, lambda: {"constrained_columns": [], "name": None})

    def get_multi_foreign_keys(  # type: ignore[override]
        self, connection: Any, schema: Any, filter_names: Any, scope: Any, kind: Any, **kw: Any
    ) -> Any:
        return self._each_table(connection, schema, filter_names, list)

    def get_multi_unique_constraints(  # type: ignore[override]
        self, connection: Any, schema: Any, filter_names: Any, scope: Any, kind: Any, **kw: Any
    ) -> Any:
        return self._each_table(connection, schema, filter_names, list)

    def get_multi_check_constraints(  # type: ignore[override]
        self, connection: Any, schema: Any, filter_names: Any, scope: Any, kind: Any, **kw: Any
    ) -> Any:
        return self._each_table(connection, schema, filter_names, list)

    def get_multi_table_options(  # type: ignore[override]
        self, connection: Any, schema: Any, filter_names: Any, scope: Any, kind: Any, **kw: Any
    ) -> Any:
        return self._each_table(connection, schema, filter_names, dict)

    def _each_table(self, connection: Any, schema: Any, filter_names: Any, empty: Callable[[], Any]) -> list[Any]:
        """((schema, table), empty()) for each table and view the reflection asked about."""
        names = self.get_table_names(connection, schema) + self.get_view_names(connection, schema)
        return [((schema, name), empty()) for name in names if not filter_names or name in filter_names]

    def _load_domains(self, connection: Any, schema: Any = None, **kw: Any) -> list[Any]:
        return []  # DuckDB has no domains (and SQLAlchemy's domain query joins pg_collation too)
