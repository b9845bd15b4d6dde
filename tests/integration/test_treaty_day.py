"""Real coverage of the day the Russia–Iran treaty was signed (2025-01-16..18 RSS items and the five
shared articles): one treaty row with every outlet's report, and one held Moscow meeting of the two
presidents on 2025-01-17 linked to it — through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

IRAN, RUSSIA = "country-irn", "country-rus"
PUTIN, PEZESHKIAN = "person-vladimir-putin", "person-masoud-pezeshkian"


@pytest.fixture(scope="module")
def treaty_day(treaty_day_publication: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(treaty_day_publication), read_only=True)


def _treaty_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        """select a.agreement_id, a.status, a.signed_date, a.outlet_count
           from dim_agreements a
           where a.agreement_type = 'treaty'
             and exists (select 1 from bdg_agreement_parties p where p.agreement_id = a.agreement_id and p.actor_id = ?)
             and exists (select 1 from bdg_agreement_parties p where p.agreement_id = a.agreement_id and p.actor_id = ?)""",
        [IRAN, RUSSIA],
    ).fetchall()


@pytest.mark.slow
@pytest.mark.corpus
def test_the_treaty_is_one_signed_row_with_every_outlets_report(treaty_day: duckdb.DuckDBPyConnection) -> None:
    rows = _treaty_rows(treaty_day)
    assert len(rows) == 1, rows
    agreement_id, status, signed, _ = rows[0]
    assert status == "signed" and str(signed) == "2025-01-17"
    reporting = {r[0] for r in treaty_day.execute(
        """select distinct outlet_id from dim_documents
           where body ilike '%treaty%' and body ilike '%iran%' and body ilike '%russia%'
             and (body ilike '%sign%' or body ilike '%partnership%')""").fetchall()}
    attached = {r[0] for r in treaty_day.execute(
        "select distinct outlet_id from fct_evidence where fact_type = 'agreement' and fact_id = ?", [agreement_id]
    ).fetchall()}
    assert reporting <= attached, f"outlets reporting the treaty but not attached: {sorted(reporting - attached)}"


@pytest.mark.slow
@pytest.mark.corpus
def test_one_held_moscow_meeting_of_the_presidents_is_linked_to_the_treaty(treaty_day: duckdb.DuckDBPyConnection) -> None:
    rows = _treaty_rows(treaty_day)
    assert len(rows) == 1
    meetings = treaty_day.execute(
        """select m.meeting_id, m.meeting_date, m.location_name, m.status, m.agreement_id
           from fct_meetings m
           where m.status = 'held' and m.meeting_date = date '2025-01-17'
             and exists (select 1 from bdg_meeting_participants p where p.meeting_id = m.meeting_id and p.actor_id = ?)
             and exists (select 1 from bdg_meeting_participants p where p.meeting_id = m.meeting_id and p.actor_id = ?)""",
        [PUTIN, PEZESHKIAN],
    ).fetchall()
    assert len(meetings) == 1, meetings
    _, _, place, _, agreement_id = meetings[0]
    assert place == "Moscow" and agreement_id == rows[0][0]

    # the signing is that one meeting: a report that only says the two states signed it joins it
    linked = treaty_day.execute(
        "select meeting_id from fct_meetings where status = 'held' and agreement_id = ?", [agreement_id]
    ).fetchall()
    assert linked == [(meetings[0][0],)], linked
