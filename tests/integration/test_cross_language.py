"""A Russian and an English report of the same treaty signing (written for this test) become one
agreement, one held meeting and one foreign minister, each with both languages' reports as evidence
— through the whole pipeline (issue 19)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.integration.conftest import _publish

ENGLISH = """---
title: Russia and Iran sign partnership treaty in Moscow
outlet: Northern Wire
published_at: 2025-01-17T15:00:00Z
---
Russian President Vladimir Putin and Iranian President Masoud Pezeshkian signed the Comprehensive Strategic Partnership Treaty in Moscow on January 17, 2025. Iranian Foreign Minister Abbas Araghchi said the treaty would deepen cooperation in energy and transport.
"""

RUSSIAN = """---
title: Путин и Пезешкиан подписали договор о стратегическом партнерстве
outlet: Восточный вестник
published_at: 2025-01-17T16:00:00Z
---
Президент России Владимир Путин и президент Ирана Масуд Пезешкиан 17 января подписали в Москве договор
о всеобъемлющем стратегическом партнерстве. Глава МИД Ирана Аббас Аракчи заявил, что договор укрепит
сотрудничество двух стран в энергетике и на транспорте.
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    tmp = tmp_path_factory.mktemp("cross-language")
    docs = tmp / "docs"
    docs.mkdir()
    (docs / "treaty-en.md").write_text(ENGLISH, encoding="utf-8")
    (docs / "treaty-ru.txt").write_text(RUSSIAN, encoding="utf-8")
    path: Path = _publish(tmp, {"kind": "files", "name": "bilingual", "path": str(docs)})
    return duckdb.connect(str(path), read_only=True)


def _languages(con: duckdb.DuckDBPyConnection, fact_type: str, fact_id: str) -> set[str]:
    return {r[0] for r in con.execute(
        """select distinct d.language from fct_evidence e join dim_documents d using (doc_id)
           where e.fact_type = ? and e.fact_id = ?""", [fact_type, fact_id]).fetchall()}


def test_both_documents_are_read_in_their_language(published: duckdb.DuckDBPyConnection) -> None:
    assert {r[0] for r in published.execute("select language from dim_documents").fetchall()} == {"en", "ru"}


def test_one_agreement_with_both_languages_reports(published: duckdb.DuckDBPyConnection) -> None:
    rows = published.execute("select agreement_id, status from dim_agreements").fetchall()
    assert len(rows) == 1, rows
    assert rows[0][1] == "signed"
    assert _languages(published, "agreement", rows[0][0]) == {"en", "ru"}


def test_one_held_meeting_with_both_languages_reports(published: duckdb.DuckDBPyConnection) -> None:
    rows = published.execute("select meeting_id, agreement_id from fct_meetings where status = 'held'").fetchall()
    assert len(rows) == 1, rows
    assert rows[0][1] is not None
    assert _languages(published, "meeting", rows[0][0]) == {"en", "ru"}


def test_one_foreign_minister_named_in_both_languages(published: duckdb.DuckDBPyConnection) -> None:
    rows = published.execute(
        "select actor_id from dim_actors where actor_type = 'person' and canonical_name ilike '%araghchi%'").fetchall()
    assert rows == [("person-abbas-araghchi",)]
    mentioned = {r[0] for r in published.execute(
        """select distinct d.language from fct_mentions m join dim_documents d using (doc_id)
           where m.actor_id = 'person-abbas-araghchi'""").fetchall()}
    assert mentioned == {"en", "ru"}
    claims = published.execute(
        "select language from fct_claims where speaker_actor_id = 'person-abbas-araghchi'").fetchall()
    assert sorted(r[0] for r in claims) == ["en", "ru"]
