"""Publish mechanics: a new file swapped in atomically, Parquet via a symlink swap, manifest, pruning."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from osint.publish import KEEP_BUILDS, publish_marts, read_manifest
from osint.warehouse import DataLayout, connect_warehouse, writer_lock


def make_marts(con: duckdb.DuckDBPyConnection, n_docs: int = 3) -> None:
    con.execute("create schema if not exists marts")
    con.execute(
        f"""create or replace table marts.dim_documents as
            select md5('d' || i) as doc_id, 'files' as source_kind, 'src' as source_name, 'outlet-x' as outlet_id,
                   'https://example.org/' || i as url, 'title ' || i as title, timestamp '2025-01-01' as published_at,
                   timestamp '2025-01-02' as fetched_at, 'en' as language
            from range({n_docs}) t(i)"""
    )
    con.execute("comment on table marts.dim_documents is 'one landed document'")
    con.execute("comment on column marts.dim_documents.doc_id is 'stable hash'")
    con.execute(
        """create or replace table marts.dim_actors as
           select 'country-irn' as actor_id, 'Iran' as canonical_name, 'country' as actor_type, 'IRN' as country_code,
                  ['Islamic Republic of Iran'] as aliases, 2::bigint as mention_count,
                  timestamp '2025-01-01' as first_seen_at, timestamp '2025-01-01' as last_seen_at"""
    )
    con.execute(
        """create or replace table marts.fct_mentions as
           select 'm' || i as mention_id, md5('d' || i) as doc_id, 'country-irn' as actor_id, 0 as sentence_index,
                  0 as char_start,
                  4 as char_end, 0.9 as confidence
           from range(2) t(i)"""
    )


@pytest.fixture
def layout(tmp_path: Path) -> DataLayout:
    return DataLayout(tmp_path / "data").ensure()


def test_publish_writes_file_parquet_and_manifest(layout: DataLayout) -> None:
    with writer_lock(layout, 1):
        con = connect_warehouse(layout)
        make_marts(con)
        result = publish_marts(con, layout)
        con.close()
    assert layout.published_db.is_file()
    pub = duckdb.connect(str(layout.published_db), read_only=True)
    assert pub.execute("select count(*) from dim_documents").fetchone()[0] == 3  # type: ignore[index]
    comment = pub.execute(
        "select comment from duckdb_columns() where table_name = 'dim_documents' and column_name = 'doc_id'"
    ).fetchone()
    assert comment == ("stable hash",)
    pub.close()
    assert layout.published_parquet.is_symlink()
    assert sorted(p.name for p in layout.published_parquet.iterdir()) == [
        "dim_actors.parquet", "dim_documents.parquet", "fct_mentions.parquet"]
    manifest = read_manifest(layout)
    assert manifest["current"]["build_id"] == result.build_id
    assert manifest["current"]["row_counts"] == {"dim_actors": 1, "dim_documents": 3, "fct_mentions": 2}
    assert json.loads(layout.manifest.read_text())["last_attempt"]["published"] is True


def test_republishing_replaces_the_file_and_prunes_old_builds(layout: DataLayout) -> None:
    inodes = []
    with writer_lock(layout, 1):
        con = connect_warehouse(layout)
        for n in range(KEEP_BUILDS + 2):
            make_marts(con, n_docs=3 + n)
            publish_marts(con, layout)
            inodes.append(os.stat(layout.published_db).st_ino)
        con.close()
    assert len(set(inodes)) == len(inodes), "each publication must be a new file swapped in"
    builds = list((layout.published / "builds").iterdir())
    assert len(builds) == KEEP_BUILDS
    assert layout.published_parquet.resolve().parent in builds
    assert not list(layout.published.glob(".osint-*.duckdb"))
    pub = duckdb.connect(str(layout.published_db), read_only=True)
    assert pub.execute("select count(*) from dim_documents").fetchone()[0] == 3 + KEEP_BUILDS + 1  # type: ignore[index]
    pub.close()


def test_an_open_reader_keeps_reading_its_build_during_a_publish(layout: DataLayout) -> None:
    with writer_lock(layout, 1):
        con = connect_warehouse(layout)
        make_marts(con, n_docs=3)
        publish_marts(con, layout)
        reader = duckdb.connect(str(layout.published_db), read_only=True)
        make_marts(con, n_docs=5)
        publish_marts(con, layout)
        con.close()
    assert reader.execute("select count(*) from dim_documents").fetchone()[0] == 3  # type: ignore[index]
    reader.close()
    fresh = duckdb.connect(str(layout.published_db), read_only=True)
    assert fresh.execute("select count(*) from dim_documents").fetchone()[0] == 5  # type: ignore[index]
    fresh.close()
