"""Landing: idempotent loads, edits as versions, quarantine, run audit, metrics and document links."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingestion.errors import SourceError
from ingestion.landing import LoadResult
from osint.config import PipelineConfig, load_config
from osint.pipeline import fetch_source, load_batches
from osint.warehouse import DataLayout
from tests.conftest import SAMPLE_DATA
from tests.unit.sources.builders import desktop_export, export_message, tme_page, tme_post


def _land(config: PipelineConfig, *names: str) -> list[LoadResult]:
    for name in names:
        fetch_source(config, config.source(name))
    return load_batches(config)


def _query(config: PipelineConfig, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(DataLayout(config.data_dir).warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _assert_run_counts_match_tables(config: PipelineConfig) -> None:
    [(new, new_or_updated, quarantined, documents, versions, q_rows)] = _query(config, """
        select (select sum(new) from raw.ingest_runs), (select sum(new + updated) from raw.ingest_runs),
               (select sum(quarantined) from raw.ingest_runs), (select count(*) from raw.documents),
               (select count(*) from raw.document_versions), (select count(*) from raw.quarantine)""")
    assert (new, new_or_updated, quarantined) == (documents, versions, q_rows)
    for fetched, new, updated, duplicate, gate in _query(config, """
            select r.fetched, r.new, r.updated, r.duplicate,
                   (select count(*) from raw.quarantine q where q.batch_id = r.batch_id and q.check_name not in
                        ('parse', 'no_text', 'encoding', 'fetch', 'feed', 'content_type'))
            from raw.ingest_runs r where r.status = 'ok'"""):
        assert fetched == new + updated + duplicate + gate


def test_reingest_adds_nothing_and_an_edit_adds_a_version(make_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export_dir = tmp_path / "export"
    export_dir.mkdir()
    messages = [export_message(i, f"Bulletin {i}: Russia and Iran agreed to expand the North-South corridor.",
                               reactions=[{"type": "emoji", "count": i, "emoji": "👍"}]) for i in range(1, 4)]
    (export_dir / "result.json").write_text(desktop_export(messages))
    config = load_config(make_config([{"kind": "telegram_export", "name": "caspian_export", "path": str(export_dir)}]))

    [first] = _land(config, "caspian_export")
    assert (first.new, first.updated, first.duplicate) == (3, 0, 0)
    [again] = _land(config, "caspian_export")
    assert (again.new, again.updated, again.duplicate) == (0, 0, 3)
    assert _query(config, "select count(*) from raw.post_metrics") == [(3,)]  # same export: same observation

    messages[1]["text"] = messages[1]["text_entities"][0]["text"] = "Bulletin 2 (corrected): the corridor deal covers Rasht–Astara."
    messages[1]["edited"] = "2025-01-10T10:00:00"
    messages[1]["edited_unixtime"] = str(int(datetime(2025, 1, 10, 10, tzinfo=UTC).timestamp()))
    (export_dir / "result.json").write_text(desktop_export(messages))
    [edit] = _land(config, "caspian_export")
    assert (edit.new, edit.updated, edit.duplicate) == (0, 1, 2)
    rows = _query(config, """select v.version, v.body, d.version from raw.document_versions v
                             join raw.documents d using (doc_id) where d.external_id = '1555000111/2' order by 1""")
    assert [(r[0], r[1][:18]) for r in rows] == [(1, "Bulletin 2: Russia"), (2, "Bulletin 2 (correc")]
    assert rows[0][2] == 2
    _assert_run_counts_match_tables(config)


def test_bad_records_are_quarantined_and_the_rest_lands(make_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export_dir = tmp_path / "export"
    export_dir.mkdir()
    future = datetime.now(UTC) + timedelta(days=30)
    messages = [
        export_message(1, "A normal post about the Ashgabat Caspian summit and its declaration."),
        export_message(2, "A post dated in the future by a broken clock on the exporting machine.", when=future),
        export_message(3, "A post from before 1990, which Telegram cannot have carried.",
                       when=datetime(1985, 5, 1, tzinfo=UTC)),
        export_message(4, "x" * (10 * 1024 * 1024)),  # a 10 MB post
        export_message(5, "   "),
        {"id": "six", "type": "message", "text": "no usable id or date"},
    ]
    (export_dir / "result.json").write_text(desktop_export(messages))
    config = load_config(make_config([{"kind": "telegram_export", "name": "caspian_export", "path": str(export_dir)}]))
    [run] = _land(config, "caspian_export")
    assert run.new == 1 and run.quarantined == 5
    # connector rejects carry their own check; the batch gate names the expectation that failed
    checks = {ref: check.rsplit(":", 1)[-1] for ref, check in _query(config, "select record_ref, check_name from raw.quarantine")}
    assert checks["1555000111/5"] == "no_text" and checks["1555000111/six"] == "parse"
    assert "future" in checks["1555000111/2"] and "1990" in checks["1555000111/3"]
    assert checks["1555000111/4"] in ("body_under_2mb", "body_length")
    reasons = [r[0] for r in _query(config, "select reason from raw.quarantine")]
    assert all(r.startswith("caspian_export record 1555000111/") for r in reasons)
    assert all(p for (p,) in _query(config, "select payload from raw.quarantine"))  # nothing is lost
    [again] = _land(config, "caspian_export")
    assert again.quarantined == 0  # the same rejects are not filed twice
    _assert_run_counts_match_tables(config)


def test_failed_source_is_recorded_in_the_run_audit(make_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = load_config(make_config([
        {"kind": "telegram_export", "name": "missing_export", "path": str(tmp_path / "nowhere")},
        {"kind": "rss", "name": "feeds", "paths": [str(SAMPLE_DATA / "rss" / "gulf_affairs_atom.xml")]},
    ]))
    with pytest.raises(SourceError, match="missing_export"):
        fetch_source(config, config.source("missing_export"))
    fetch_source(config, config.source("feeds"))
    load_batches(config)
    runs = dict(_query(config, "select source_name, status || ':' || coalesce(error, '') from raw.ingest_runs"))
    assert runs["missing_export"].startswith("failed:") and "is not a result.json" in runs["missing_export"]
    assert runs["feeds"] == "ok:"
    _assert_run_counts_match_tables(config)


def test_forwards_replies_and_exact_copies_are_linked_not_dropped(make_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    origin_page = tmp_path / "origin.html"
    origin_page.write_text(tme_page([tme_post(1450, "Araghchi: the treaty will be signed in Moscow on 17 January.")]))
    sample_page = SAMPLE_DATA / "telegram" / "tme_s_diplomatic_wire.html"
    copy_dir = tmp_path / "copy"
    copy_dir.mkdir()
    # the same post text arrives through a Desktop export of a mirror channel
    same_text = "Family photo of the BRICS leaders in Kazan. The summit declaration welcomed partner-country status for thirteen states."
    (copy_dir / "result.json").write_text(desktop_export([export_message(7, same_text)], name="Mirror", chat_id=42))
    config = load_config(make_config([
        {"kind": "telegram_web", "name": "wire", "channel": "diplomatic_wire", "pages": [str(sample_page)]},
        {"kind": "telegram_web", "name": "tehran_desk", "channel": "caspian_monitor", "pages": [str(origin_page)]},
        {"kind": "telegram_export", "name": "mirror", "path": str(copy_dir)},
    ]))
    _land(config, "wire", "mirror")
    links = {(t, ref): resolved for t, ref, resolved in
             _query(config, "select link_type, linked_ref, linked_doc_id is not null from raw.document_links")}
    assert links[("forward_of", "https://t.me/tehran_desk/1450")] is False  # origin not landed yet
    assert links[("reply_to", "https://t.me/diplomatic_wire/213")] is True
    assert links[("cites", "https://en.mfa.ir/")] is False
    [(copy_doc, origin_doc)] = _query(config, "select doc_id, linked_doc_id from raw.document_links where link_type = 'exact_copy_of'")
    assert _query(config, f"select source_name from raw.documents where doc_id = '{copy_doc}'") == [("mirror",)]
    assert _query(config, f"select source_name from raw.documents where doc_id = '{origin_doc}'") == [("wire",)]

    # the forwarded post's origin channel arrives later: the link resolves
    (tmp_path / "origin.html").write_text(tme_page([tme_post(1450, "Araghchi: the treaty will be signed in Moscow.")])
                                          .replace("caspian_monitor", "tehran_desk"))
    config2 = load_config(make_config([
        {"kind": "telegram_web", "name": "tehran_desk", "channel": "tehran_desk", "pages": [str(origin_page)]},
    ], data_dir=config.data_dir))
    _land(config2, "tehran_desk")
    [(resolved,)] = _query(config, """select d.external_id from raw.document_links l join raw.documents d
                                      on d.doc_id = l.linked_doc_id where l.link_type = 'forward_of'
                                      and l.linked_ref = 'https://t.me/tehran_desk/1450'""")
    assert resolved == "tehran_desk/1450"
    assert _query(config, "select count(*) from raw.documents") == [(6,)]  # copies and forwards all landed


def test_metrics_are_observations_over_time(make_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.html"
    page.write_text(tme_page([tme_post(3, "Putin and Pezeshkian met in Ashgabat.", views="1.2K")]))
    config = load_config(make_config([{"kind": "telegram_web", "name": "wire", "channel": "caspian_monitor",
                                       "pages": [str(page)]}]))
    _land(config, "wire")
    page.write_text(tme_page([tme_post(4, "Lavrov visited Tehran.", views="300"),
                              tme_post(3, "Putin and Pezeshkian met in Ashgabat.", views="2.5K")]))
    _land(config, "wire")  # the cursor skips post 3: only post 4 is new
    rows = _query(config, "select d.external_id, m.views from raw.post_metrics m join raw.documents d using (doc_id) order by 1, 2")
    assert rows == [("caspian_monitor/3", 1200), ("caspian_monitor/4", 300)]
    cursor = json.loads(_query(config, "select cursor from raw.source_cursors where source_name = 'wire'")[0][0])
    assert cursor["last_message_id"] == 4 and cursor["subscribers"] == 48_300
    _assert_run_counts_match_tables(config)


def test_sample_config_sources_land_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSINT_DATA_DIR", str(tmp_path / "data"))
    config = load_config(Path(__file__).resolve().parents[2] / "config" / "sample.yml")
    results = _land(config, *(s.name for s in config.sources))
    assert all(r.status == "ok" for r in results)
    kinds = dict(_query(config, "select source_kind, count(*) from raw.documents group by 1"))
    assert kinds["telegram_export"] == 4 and kinds["telegram_web"] == 4 and kinds["rss"] == 5
    # the Telegram/RSS samples reject exactly one record: a video posted without any text
    assert _query(config, "select check_name from raw.quarantine where source_name <> 'sample_documents'") == [("no_text",)]
    _assert_run_counts_match_tables(config)


def _batch_files(config: PipelineConfig, source: str) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """(document Parquet files, {batch_id: meta}) of one source's landing folder."""
    folder = DataLayout(config.data_dir).landing / source
    metas = {(m := json.loads(p.read_text()))["batch_id"]: m for p in folder.glob("*.meta.json")}
    docs = sorted(p.name for p in folder.glob("*.parquet") if not p.name.endswith((".quarantine.parquet", ".metrics.parquet")))
    return docs, metas


def _last_meta(config: PipelineConfig, source: str, before: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The one batch the last fetch of `source` wrote (batch ids of one second do not sort in time)."""
    [meta] = [m for b, m in _batch_files(config, source)[1].items() if b not in before]
    return meta


def test_a_rerun_over_unchanged_files_and_feeds_lands_no_document_again(make_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 22: files/RSS sources re-landed every unchanged document as a new landing batch on each run."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(1, 4):
        (folder / f"note_{i}.md").write_text(f"# Briefing {i}\n\nMaria Kovalenko met Ivan Petrenko in meeting {i}.\n")
    feed = SAMPLE_DATA / "rss" / "gulf_affairs_atom.xml"
    config = load_config(make_config([
        {"kind": "files", "name": "notes", "path": str(folder)},
        {"kind": "rss", "name": "feeds", "paths": [str(feed)]},
    ]))
    first = {r.source_name: r for r in _land(config, "notes", "feeds")}
    assert first["notes"].new == 3 and first["feeds"].new > 0
    feed_docs = first["feeds"].new
    seen = {name: _batch_files(config, name)[1] for name in ("notes", "feeds")}

    again = {r.source_name: r for r in _land(config, "notes", "feeds")}
    for name, n in (("notes", 3), ("feeds", feed_docs)):
        docs, _ = _batch_files(config, name)
        assert len(docs) == 1, f"{name}: the rerun wrote a second document file {docs}"
        meta = _last_meta(config, name, seen[name])
        assert (meta["fetched"], meta["unchanged"], meta["status"]) == (0, n, "ok")
        assert (again[name].new, again[name].updated, again[name].duplicate) == (0, 0, n)

    # a changed file is landed again (only it); a deleted index makes the next fetch land everything
    (folder / "note_2.md").write_text("# Briefing 2\n\nMaria Kovalenko met Ivan Petrenko twice in meeting 2.\n")
    seen_notes = _batch_files(config, "notes")[1]
    [edit] = _land(config, "notes")
    meta = _last_meta(config, "notes", seen_notes)
    assert (meta["fetched"], meta["unchanged"]) == (1, 2) and len(_batch_files(config, "notes")[0]) == 2
    assert (edit.new, edit.updated, edit.duplicate) == (0, 1, 2)
    (DataLayout(config.data_dir).cursors / "notes.landed.parquet").unlink()
    [full] = _land(config, "notes")
    assert (full.new, full.updated, full.duplicate) == (0, 0, 3)
    assert _query(config, "select count(*), sum(version) from raw.documents where source_name = 'notes'") == [(3, 4)]
    _assert_run_counts_match_tables(config)


def test_a_batch_the_gate_rejects_is_offered_again_on_the_next_fetch(make_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The landed index must not hide documents that never reached raw.* (a rejected batch)."""
    folder = tmp_path / "future"
    folder.mkdir()
    for i in range(6):
        (folder / f"d{i}.md").write_text(f"---\npublished_at: 2099-01-01T00:00:00Z\n---\nReport {i}\nText {i}.\n")
    config = load_config(make_config([{"kind": "files", "name": "from_the_future", "path": str(folder)}]))
    [rejected] = _land(config, "from_the_future")
    assert rejected.status == "rejected"
    seen = _batch_files(config, "from_the_future")[1]
    [again] = _land(config, "from_the_future")
    meta = _last_meta(config, "from_the_future", seen)
    assert (meta["fetched"], meta["unchanged"]) == (6, 0)
    assert again.status == "rejected"


_KEYED_DOCUMENTS = """create schema raw;
create table raw.documents (doc_id varchar primary key, source_kind varchar not null, source_name varchar not null,
    external_id varchar not null, url varchar, title varchar, body varchar, author varchar, published_at timestamp,
    fetched_at timestamp not null, language varchar, outlet varchar, content_hash varchar not null, payload varchar,
    metadata json, version integer not null, first_seen_at timestamp not null, updated_at timestamp not null,
    batch_id varchar not null);
insert into raw.documents values ('d1', 'rss', 'feed', 'e1', null, 'T', 'Body one', null, null, now(), 'en', null,
    'h1', null, null, 1, now(), now(), 'b1');
create table raw.document_versions (doc_id varchar not null, version integer not null, content_hash varchar not null,
    source_kind varchar not null, source_name varchar not null, external_id varchar not null, url varchar,
    title varchar, body varchar, author varchar, published_at timestamp, fetched_at timestamp not null,
    language varchar, outlet varchar, payload varchar, metadata json, batch_id varchar not null,
    landed_at timestamp not null, primary key (doc_id, version));
insert into raw.document_versions values ('d1', 1, 'h1', 'rss', 'feed', 'e1', null, 'T', 'Body one', null, null, now(),
    'en', null, null, null, 'b1', now());"""


def test_a_warehouse_whose_body_tables_have_keys_is_rebuilt_once_without_them(tmp_path: Path) -> None:
    """Keyed body tables made every checkpoint rewrite the key's index and the last row group of bodies;
    a warehouse from before keeps its rows, columns and NOT NULLs, and loses only the two keys."""
    from ingestion.raw_schema import ensure_raw_schema

    with duckdb.connect(str(tmp_path / "old.duckdb")) as con:
        con.execute(_KEYED_DOCUMENTS)
        columns = con.execute("select table_name, column_name, data_type, is_nullable from information_schema.columns "
                              "where table_schema = 'raw' order by all").fetchall()
        ensure_raw_schema(con)
        ensure_raw_schema(con)  # once: a second call finds nothing to rebuild
        keys = con.execute("select table_name, constraint_type from duckdb_constraints() where schema_name = 'raw' "
                           "and table_name in ('documents', 'document_versions') and constraint_type <> 'NOT NULL'")
        assert keys.fetchall() == []
        assert con.execute("select table_name, column_name, data_type, is_nullable from information_schema.columns "
                           "where table_schema = 'raw' and table_name in ('documents', 'document_versions') "
                           "order by all").fetchall() == columns
        assert con.execute("select doc_id, body from raw.documents").fetchall() == [("d1", "Body one")]
        assert con.execute("select doc_id, version from raw.document_versions").fetchall() == [("d1", 1)]
        # the other raw tables keep theirs
        assert con.execute("select count(*) from duckdb_constraints() where schema_name = 'raw' "
                           "and table_name = 'ingest_runs' and constraint_type = 'PRIMARY KEY'").fetchone() == (1,)


def test_a_batch_that_would_land_a_document_twice_is_refused(tmp_path: Path) -> None:
    """Without a key, the landing checks each batch's documents itself (as dbt's source tests do on
    every build): a second row of a document the batch touches fails the batch."""
    from ingestion.landing import _check_unique_keys
    from ingestion.raw_schema import ensure_raw_schema

    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute(_KEYED_DOCUMENTS)
        ensure_raw_schema(con)
        con.execute("create temp table classified as select 'd1' as doc_id, 'updated' as change")
        _check_unique_keys(con)  # one row each: fine
        con.execute("insert into raw.document_versions select * from raw.document_versions")
        with pytest.raises(duckdb.ConstraintException, match="d1 version 1"):
            _check_unique_keys(con)
        con.execute("delete from raw.document_versions")
        con.execute("insert into raw.documents select * from raw.documents")
        with pytest.raises(duckdb.ConstraintException, match="document d1 would be landed twice"):
            _check_unique_keys(con)
