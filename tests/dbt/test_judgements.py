"""Analyst judgements (osint judge): a merge, two splits and a rejection made on built marts survive a
full refresh, an undo reaches the incremental mention table, and the CSV export round-trips."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from osint import judgements
from osint.judgements import JudgementError
from tests.dbt.warehouse_fixture import copy_warehouse, run_dbt

# in the hand-made corpus: "Larijani" alone is its own actor (two Larijanis share the surname);
# doc-irna-kazan names Ali and Sadegh Larijani, doc-a003-tehran only "Larijani"
ALI, SADEGH, BARE = "person-ali-larijani", "person-sadegh-larijani", "person-larijani"
KAZAN_LARIJANI = "df17a56c07a9945df43d71766933903b"  # md5(doc-irna-kazan|start|end) of its bare "Larijani"
LAVROV = "person-sergey-lavrov"
CLAIM = "claim-10075214a6ad291d"


def _one(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> object:
    row = con.execute(sql, list(params)).fetchone()
    return None if row is None else row[0]


@pytest.fixture
def judged(built_warehouse: Path, tmp_path: Path) -> tuple[Path, list[judgements.Judgement]]:
    warehouse = copy_warehouse(built_warehouse, tmp_path / "warehouse.duckdb")
    con = duckdb.connect(str(warehouse))
    try:
        made = [
            judgements.merge(con, ALI, BARE, reason="same person in this corpus", by="analyst-1"),
            # the Kazan article names both Larijanis: its bare surname is the judiciary chief
            judgements.split(con, BARE, mention_ids=[KAZAN_LARIJANI], into=SADEGH, reason="judiciary chief", by="analyst-1"),
            judgements.split(con, LAVROV, name_forms=["Sergei Lavrov"], name="Sergei Lavrov (namesake)", by="analyst-2"),
            judgements.reject(con, CLAIM, reason="not a statement of the speaker", by="analyst-2"),
        ]
    finally:
        con.close()
    return warehouse, made


def test_judgements_are_checked_against_the_marts(built_warehouse: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(copy_warehouse(built_warehouse, tmp_path / "warehouse.duckdb")))
    try:
        with pytest.raises(JudgementError, match="no actor 'person-nobody'"):
            judgements.merge(con, ALI, "person-nobody", by="a")
        with pytest.raises(JudgementError, match="different types"):
            judgements.merge(con, ALI, "country-irn", by="a")
        with pytest.raises(JudgementError, match="belongs to person-larijani"):
            judgements.split(con, ALI, mention_ids=[KAZAN_LARIJANI], by="a")
        with pytest.raises(JudgementError, match="has no name form"):
            judgements.split(con, LAVROV, name_forms=["Sergei Shoigu"], by="a")
        with pytest.raises(JudgementError, match="no published fact"):
            judgements.reject(con, "claim-0000000000000000", reason="x", by="a")
        first = judgements.merge(con, ALI, BARE, by="a")
        with pytest.raises(JudgementError, match="cycle"):
            judgements.merge(con, BARE, ALI, by="a")
        judgements.undo(con, first.judgement_id, by="a")
        with pytest.raises(JudgementError, match="already undone"):
            judgements.undo(con, first.judgement_id, by="a")
        assert judgements.active(con) == []
        assert [j.action for j in judgements.history(con)] == ["merge", "undo"]
    finally:
        con.close()


def test_judgements_survive_a_full_refresh_and_undo_reaches_incremental_tables(
    judged: tuple[Path, list[judgements.Judgement]], tmp_path: Path,
) -> None:
    warehouse, made = judged
    run_dbt(warehouse, ["build", "--full-refresh"], tmp_path)

    con = duckdb.connect(str(warehouse))
    try:
        # merge: the bare surname's actor is gone, its mention and name are Ali Larijani's
        assert _one(con, "select count(*) from marts.dim_actors where actor_id = ?", BARE) == 0
        tehran = con.execute(
            "select actor_id, resolution_method from marts.fct_mentions where doc_id = 'doc-a003-tehran' and mention_text = 'Larijani'"
        ).fetchall()
        assert tehran == [(ALI, "analyst")]
        assert "Larijani" in _one(con, "select aliases from marts.dim_actors where actor_id = ?", ALI)  # type: ignore[operator]
        # mention split into an existing actor
        assert con.execute(
            "select actor_id, resolution_method from marts.fct_mentions where mention_id = ?", [KAZAN_LARIJANI]
        ).fetchall() == [(SADEGH, "analyst")]
        # name-form split into a new actor, named as the analyst said
        namesake = con.execute(
            "select actor_id, canonical_name, actor_type, origin from marts.dim_actors where origin = 'analyst'"
        ).fetchall()
        assert [(n, t, o) for _, n, t, o in namesake] == [("Sergei Lavrov (namesake)", "person", "analyst")]
        assert con.execute(
            "select actor_id, resolution_method from marts.fct_mentions where mention_text = 'Sergei Lavrov'"
        ).fetchall() == [(namesake[0][0], "analyst")]
        assert _one(con, "select count(*) from marts.fct_mentions where actor_id = ?", LAVROV) == 1
        # rejection: out of the fact marts and the evidence, kept with who and why in the audit table
        assert _one(con, "select count(*) from marts.fct_claims where claim_id = ?", CLAIM) == 0
        assert _one(con, "select count(*) from marts.fct_evidence where fact_id = ?", CLAIM) == 0
        audit = con.execute("select fact_type, reason, judged_by, evidence_text from marts.audit_rejected_facts").fetchall()
        assert [(a[0], a[1], a[2]) for a in audit] == [("claim", "not a statement of the speaker", "analyst-2")]
        assert audit[0][3].startswith("We do not negotiate")
    finally:
        con.close()

    # undo the merge and the mention split: an incremental build (no full refresh) restores them
    con = duckdb.connect(str(warehouse))
    try:
        judgements.undo(con, made[0].judgement_id, reason="two people after all", by="analyst-3")
        judgements.undo(con, made[1].judgement_id, by="analyst-3")
    finally:
        con.close()
    run_dbt(warehouse, ["build"], tmp_path)
    con = duckdb.connect(str(warehouse))
    try:
        assert _one(con, "select count(*) from marts.dim_actors where actor_id = ?", BARE) == 1
        assert con.execute(
            "select distinct actor_id, resolution_method from marts.fct_mentions where mention_text = 'Larijani'"
        ).fetchall() == [(BARE, "discovered")]
        assert _one(con, "select count(*) from marts.audit_rejected_facts") == 1
    finally:
        con.close()


def test_the_csv_export_round_trips(judged: tuple[Path, list[judgements.Judgement]], built_warehouse: Path, tmp_path: Path) -> None:
    warehouse, made = judged
    con = duckdb.connect(str(warehouse))
    try:
        judgements.undo(con, made[2].judgement_id, reason="wrong, the O'Neill, \"quoted\" one", by="analyst-3")
        exported = tmp_path / "judgements" / "judgements.csv"
        assert judgements.export_csv(con, exported) == 5
        original = judgements.history(con)
    finally:
        con.close()

    other = duckdb.connect(str(copy_warehouse(built_warehouse, tmp_path / "other.duckdb")))
    try:
        result = judgements.import_csv(other, exported)
        assert (result.added, result.already_present, result.errors) == (5, 0, ())
        assert judgements.history(other) == original
        again = tmp_path / "again.csv"
        judgements.export_csv(other, again)
        assert again.read_bytes() == exported.read_bytes()
        # importing again adds nothing; a bad row is reported with file, line and reason, the rest load
        with exported.open("a", encoding="utf-8") as handle:
            handle.write("j-bad,annex,,,,,,,,,,,,someone,2026-01-01T00:00:00Z\n")
        repeat = judgements.import_csv(other, exported)
        assert (repeat.added, repeat.already_present) == (0, 5)
        assert len(repeat.errors) == 1 and f"{exported}:7" in repeat.errors[0] and "annex" in repeat.errors[0]
    finally:
        other.close()
