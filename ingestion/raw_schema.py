"""The raw schema: append-only tables the loader writes (documents, versions, quarantine, runs, links,
analyst judgements)."""

from __future__ import annotations

import duckdb

RAW_SCHEMA_SQL = """
create schema if not exists raw;

-- raw.documents and raw.document_versions carry article bodies and have no key constraint: with one,
-- every checkpoint rewrote the key's index and the last row group of bodies (landing 1k documents into
-- 100k took 15 s with the keys, 1.4 s without: bench/RESULTS.md). The single writer keeps doc_id (and doc_id, version) unique by construction,
-- ingestion.landing checks each batch's keys, and dbt's source tests check them on every build.
create table if not exists raw.documents (
    doc_id varchar not null,
    source_kind varchar not null,
    source_name varchar not null,
    external_id varchar not null,
    url varchar,
    title varchar,
    body varchar,
    author varchar,
    published_at timestamp,
    fetched_at timestamp not null,
    language varchar,
    outlet varchar,
    content_hash varchar not null,
    payload varchar,
    metadata json,
    version integer not null,
    first_seen_at timestamp not null,
    updated_at timestamp not null,
    batch_id varchar not null
);

create table if not exists raw.document_versions (
    doc_id varchar not null,
    version integer not null,
    content_hash varchar not null,
    source_kind varchar not null,
    source_name varchar not null,
    external_id varchar not null,
    url varchar,
    title varchar,
    body varchar,
    author varchar,
    published_at timestamp,
    fetched_at timestamp not null,
    language varchar,
    outlet varchar,
    payload varchar,
    metadata json,
    batch_id varchar not null,
    landed_at timestamp not null
);

create table if not exists raw.post_metrics (
    doc_id varchar not null,
    observed_at timestamp not null,
    views bigint,
    forwards bigint,
    replies bigint,
    reactions json,
    batch_id varchar not null
);

create sequence if not exists raw.quarantine_seq;
create table if not exists raw.quarantine (
    quarantine_id bigint primary key default nextval('raw.quarantine_seq'),
    batch_id varchar,
    source_kind varchar,
    source_name varchar not null,
    record_ref varchar,
    check_name varchar not null,
    reason varchar not null,
    payload varchar,
    quarantined_at timestamp not null
);

create table if not exists raw.ingest_runs (
    batch_id varchar primary key,
    source_name varchar not null,
    source_kind varchar not null,
    started_at timestamp,
    finished_at timestamp,
    loaded_at timestamp,
    fetched integer not null default 0,
    new integer not null default 0,
    updated integer not null default 0,
    duplicate integer not null default 0,
    quarantined integer not null default 0,
    status varchar not null,
    error varchar
);

-- Relations between documents, kept instead of dropping copies: a Telegram forward points at its
-- origin post, an exact copy (same content hash) at the earliest document with that text, a reply
-- at the post it answers, and a document at the URLs it cites. linked_doc_id is filled once the
-- target is in raw.documents (possibly by a later load); linked_ref is the key when it is not.
create table if not exists raw.document_links (
    doc_id varchar not null,
    link_type varchar not null,      -- forward_of | exact_copy_of | reply_to | cites
    linked_ref varchar not null,     -- URL, 'telegram:<channel>/<message id>', or the origin doc_id
    linked_url varchar,
    linked_doc_id varchar,
    batch_id varchar not null,
    detected_at timestamp not null,
    primary key (doc_id, link_type, linked_ref)
);

-- Analyst judgements (osint judge): append-only; an undo is a new row naming the judgement it
-- undoes. dbt applies the active ones on every build, so a full refresh keeps them.
--   merge   other_actor_id is the same actor as actor_id (actor_id survives)
--   split   the mentions (mention_ids) or name forms (name_forms) of actor_id belong to other_actor_id
--   reject  fact_id (and any fact later built from its reports, report_ids) is not published
--   undo    undoes judgement undoes
create table if not exists raw.analyst_judgements (
    judgement_id varchar primary key,
    action varchar not null,
    actor_id varchar,
    other_actor_id varchar,
    other_actor_name varchar,
    mention_ids varchar[],
    name_forms varchar[],
    fact_type varchar,
    fact_id varchar,
    report_ids varchar[],
    undoes varchar,
    reason varchar,
    judged_by varchar not null,
    judged_at timestamp not null
);

create table if not exists raw.source_cursors (
    source_name varchar primary key,
    cursor json,
    updated_at timestamp not null
);
"""


# the tables of bodies that earlier releases created with a primary key
_UNKEYED = ("documents", "document_versions")


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_SCHEMA_SQL)
    _drop_body_keys(con)


def _drop_body_keys(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse created before the body tables lost their primary keys: rebuild each keyed one once,
    under its name, with the same rows (DuckDB cannot drop a key in place)."""
    keyed = [t for (t,) in con.execute(
        """select distinct table_name from duckdb_constraints()
           where schema_name = 'raw' and constraint_type = 'PRIMARY KEY' and table_name in ?""",
        [list(_UNKEYED)]).fetchall()]
    for table in keyed:
        ddl = _create_statement(table)
        con.execute("begin transaction")
        try:
            con.execute(f"alter table raw.{table} rename to {table}__keyed")
            con.execute(ddl)
            con.execute(f"insert into raw.{table} select * from raw.{table}__keyed")
            con.execute(f"drop table raw.{table}__keyed")
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise


def _create_statement(table: str) -> str:
    """The `create table` statement of a raw table, from RAW_SCHEMA_SQL."""
    start = RAW_SCHEMA_SQL.index(f"create table if not exists raw.{table} (")
    return RAW_SCHEMA_SQL[start : RAW_SCHEMA_SQL.index(");", start) + 2]
