"""DuckLake: every publication as a snapshot of a shared catalog (PostgreSQL) with Parquet data.

`warehouse.backend: ducklake` in the pipeline config. The working warehouse (raw.*, the dbt build,
the gate) stays a DuckDB file under the writer lock; each publish, after the gate passed and before
the published file is swapped in, commits the same marts and BI views into the lake in ONE
transaction: one snapshot per publication, tagged with its build id. Readers on any machine attach
the catalog read-only, at its newest snapshot or at the one current on a past date
(`osint query --as-of`): what the warehouse asserted then. Old snapshots keep their Parquet files
until they are expired (DuckLake's `ducklake_expire_snapshots`), which is what makes that possible.

The DuckDB extensions come from the locked PyPI wheels (duckdb-extension-ducklake, -postgres-scanner)
and are loaded from the installed files: nothing is downloaded at run time.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import duckdb

from ingestion.errors import ConfigError, OsintError
from osint.errors import NothingPublishedError
from osint.warehouse import row_digest, sql_literal

EXTENSIONS = ("ducklake", "postgres_scanner")
# The commit message of a publication's snapshot: `publish <build_id>`; other snapshots (schema set-up,
# maintenance) are not publications and never answer an --as-of.
COMMIT_AUTHOR = "osint"
COMMIT_PREFIX = "publish "
READER_ALIAS = "osint"
_PASSWORD = re.compile(r"(password\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)


@dataclass(frozen=True)
class Lake:
    """A DuckLake: its metadata catalog (`postgres:dbname=… host=…`) and where its Parquet files go."""

    catalog: str
    data_path: str

    @property
    def data_folder(self) -> str:
        """`data_path` as DuckLake's DATA_PATH wants it: ending in a slash."""
        return self.data_path if self.data_path.endswith("/") else self.data_path + "/"

    @property
    def shown(self) -> str:
        """The catalog for messages and the manifest, without a password."""
        return _PASSWORD.sub(r"\1***", self.catalog)

    @classmethod
    def of(cls, config: Any) -> Lake | None:
        """The lake of a PipelineConfig, None with the default `duckdb` backend."""
        warehouse = config.warehouse
        if warehouse.backend != "ducklake":
            return None
        return cls(catalog=str(warehouse.catalog), data_path=str(warehouse.data_path or Path(config.data_dir) / "lake"))


@dataclass(frozen=True)
class Publication:
    """One publication in the lake: its snapshot, when it was committed, and the build it holds."""

    snapshot_id: int
    committed_at: datetime
    build_id: str
    info: dict[str, Any]


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    """Load DuckLake and the PostgreSQL scanner from the installed wheels (no INSTALL, no download)."""
    version = con.execute("pragma version").fetchone()[0]  # type: ignore[index]
    for name in EXTENSIONS:
        try:
            module = importlib.import_module(f"duckdb_extension_{name}")
        except ImportError:
            raise ConfigError(
                f"the DuckLake backend needs the package duckdb-extension-{name.replace('_', '-')} (in uv.lock): "
                "run `make bootstrap`"
            ) from None
        path = Path(str(module.__file__)).parent / "extensions" / version / f"{name}.duckdb_extension"
        if not path.is_file():
            raise ConfigError(f"{path} is missing: duckdb-extension-{name.replace('_', '-')} does not match DuckDB {version}")
        con.execute(f"load {sql_literal(str(path))}")


def attach(
    con: duckdb.DuckDBPyConnection, lake: Lake, alias: str, *, read_only: bool = False, snapshot: int | None = None
) -> None:
    """Attach the lake to `con` as `alias`; a reader may pin it to one snapshot."""
    load_extensions(con)
    options = [] if read_only else [f"data_path {sql_literal(lake.data_folder)}"]
    if read_only:
        options.append("read_only")
    if snapshot is not None:
        options.append(f"snapshot_version {int(snapshot)}")
    try:
        con.execute(f"attach {sql_literal('ducklake:' + lake.catalog)} as {alias} ({', '.join(options)})")
    except duckdb.Error as exc:
        raise OsintError(f"DuckLake catalog {lake.shown} cannot be attached: {_first_line(exc)}") from None


def publish_snapshot(publication: Path, lake: Lake, build_id: str, info: dict[str, Any]) -> int:
    """Commit every table and view of the finished publication file into the lake's `main` schema as
    one snapshot (tables and views the publication no longer has are dropped in the same transaction).
    A table identical to the lake's current one (columns, comments, rows) is left as it is, so a
    publication adds files only for the marts that changed.
    Returns the snapshot id. On any error nothing is committed and the lake keeps its last publication."""
    from osint.publish import copy_comments  # publish imports this module

    if "://" not in lake.data_path:
        Path(lake.data_path).mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        attach(con, lake, "lake")
        con.execute(f"attach {sql_literal(str(publication))} as publication (read_only)")
        tables = _objects(con, "publication", "BASE TABLE")
        views = con.execute(
            "select view_name, sql, comment from duckdb_views() where database_name = 'publication' "
            "and schema_name = 'main' and not internal order by 1"
        ).fetchall()
        try:
            con.execute("begin")
            for name in _objects(con, "lake", "VIEW"):
                con.execute(f'drop view lake.main."{name}"')
            for name in set(_objects(con, "lake", "BASE TABLE")) - set(tables):
                con.execute(f'drop table lake.main."{name}"')
            existing = set(_objects(con, "lake", "BASE TABLE"))
            replaced = []
            for name in tables:
                if name in existing and _fingerprint(con, "lake", name) == _fingerprint(con, "publication", name):
                    continue  # unchanged since the last publication: its files serve this snapshot too
                con.execute(f'create or replace table lake.main."{name}" as select * from publication.main."{name}"')
                copy_comments(con, name, ("publication", "main"), "lake.main")
                replaced.append(name)
            info = {**info, "tables_replaced": replaced, "tables_unchanged": sorted(set(tables) - set(replaced))}
            con.execute("use lake")  # the views' SQL names marts unqualified: they bind in the lake
            for name, sql, comment in views:
                con.execute(sql)
                if comment:
                    con.execute(f'comment on view main."{name}" is {sql_literal(comment)}')
            con.execute(
                "call lake.set_commit_message(?, ?, extra_info => ?)",
                [COMMIT_AUTHOR, COMMIT_PREFIX + build_id, json.dumps({"build_id": build_id, **info}, default=str)],
            )
            con.execute("commit")
        except BaseException:
            with contextlib.suppress(duckdb.Error):  # no transaction open when `begin` itself failed
                con.execute("rollback")
            raise
        return int(con.execute("select max(snapshot_id) from lake.snapshots()").fetchone()[0])  # type: ignore[index]
    except duckdb.Error as exc:
        raise OsintError(f"publish to DuckLake {lake.shown} failed, nothing committed: {_first_line(exc)}") from None
    finally:
        con.close()


def publications(lake: Lake) -> list[Publication]:
    """The lake's publications, oldest first."""
    con = duckdb.connect()
    try:
        attach(con, lake, "lake", read_only=True)
        rows = con.execute(
            "select snapshot_id, snapshot_time, commit_message, commit_extra_info from lake.snapshots() "
            "where author = ? and starts_with(commit_message, ?) order by snapshot_id",
            [COMMIT_AUTHOR, COMMIT_PREFIX],
        ).fetchall()
    finally:
        con.close()
    out = []
    for snapshot_id, committed_at, message, extra in rows:
        try:
            info = json.loads(extra) if extra else {}
        except ValueError:
            info = {}
        out.append(Publication(int(snapshot_id), _utc(committed_at), message[len(COMMIT_PREFIX):], info))
    return out


def publication_as_of(lake: Lake, when: datetime | None) -> Publication:
    """The publication current at `when` (the newest one when None)."""
    known = publications(lake)
    if not known:
        raise NothingPublishedError(f"nothing published to DuckLake {lake.shown} yet — run `osint publish`")
    if when is None:
        return known[-1]
    current = [p for p in known if p.committed_at <= when]
    if not current:
        raise NothingPublishedError(
            f"nothing was published to DuckLake {lake.shown} at or before {when.isoformat()}; "
            f"the first publication is {known[0].build_id} at {known[0].committed_at.isoformat()}"
        )
    return current[-1]


def open_publication(lake: Lake, when: datetime | None = None) -> tuple[duckdb.DuckDBPyConnection, Publication]:
    """An in-memory connection with the lake attached read-only as `osint`, pinned to the publication
    current at `when`, and made the default catalog: SQL names the marts and views unqualified."""
    publication = publication_as_of(lake, when)
    con = duckdb.connect()
    try:
        attach(con, lake, READER_ALIAS, read_only=True, snapshot=publication.snapshot_id)
        con.execute(f"use {READER_ALIAS}")
    except BaseException:
        con.close()
        raise
    return con, publication


def parse_as_of(text: str) -> datetime:
    """`--as-of`: a date means the end of that day (UTC), a timestamp that instant (UTC unless it says)."""
    value = text.strip()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        pass
    else:
        return datetime.combine(day, time.max, tzinfo=UTC)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"--as-of {text!r}: give a date (2025-01-17) or a timestamp (2025-01-17T18:00, UTC by default)") from None
    return _utc(moment)


def reader_sql(lake: Lake, publication: Publication) -> str:
    """The SQL any DuckDB client runs to read that publication (the README documents the same form)."""
    return (
        f"attach {sql_literal('ducklake:' + lake.shown)} as {READER_ALIAS} "
        f"(read_only, snapshot_version {publication.snapshot_id}); use {READER_ALIAS};"
    )


def _objects(con: duckdb.DuckDBPyConnection, database: str, kind: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_catalog = ? and table_schema = 'main' "
        "and table_type = ? order by 1",
        [database, kind],
    ).fetchall()
    return [r[0] for r in rows]


def _fingerprint(con: duckdb.DuckDBPyConnection, database: str, table: str) -> tuple[Any, ...]:
    """A table's columns (names, types, comments), its comment, and its rows (count and an order-independent
    hash): equal fingerprints, nothing for a reader to tell apart."""
    columns = con.execute(
        "select column_name, data_type, comment from duckdb_columns() where database_name = ? and schema_name = 'main' "
        "and table_name = ? order by column_index",
        [database, table],
    ).fetchall()
    comment = con.execute(
        "select comment from duckdb_tables() where database_name = ? and schema_name = 'main' and table_name = ?",
        [database, table],
    ).fetchone()
    return (tuple(columns), comment, row_digest(con, f'{database}.main."{table}"'))


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _first_line(exc: BaseException) -> str:
    return _PASSWORD.sub(r"\1***", str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
