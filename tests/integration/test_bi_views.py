"""The flat BI views (osint/bi_views.py) in the published file: one row per documented grain, scalar
columns only, every view and column described, created before the publication is swapped in."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from osint.bi_views import VIEW_NAMES, VIEWS, create_views, markdown
from osint.errors import BuildError


@pytest.fixture
def published(samples_publication: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(samples_publication), read_only=True)
    yield con
    con.close()


def test_every_view_is_published_with_scalar_documented_columns(published: duckdb.DuckDBPyConnection) -> None:
    views = {r[0]: r[1] for r in published.execute("select view_name, comment from duckdb_views() where not internal").fetchall()}
    assert set(VIEW_NAMES) <= set(views), views
    for view in VIEWS:
        assert views[view.name] == view.description
        columns = published.execute(
            "select column_name, data_type, comment from duckdb_columns() where table_name = ? order by column_index",
            [view.name],
        ).fetchall()
        assert [c[0] for c in columns] == [c for c, _ in view.columns]
        nested = [(c[0], c[1]) for c in columns if c[1].endswith("]") or c[1].split("(")[0] in {"STRUCT", "MAP", "UNION"}]
        assert not nested, f"{view.name}: non-scalar columns {nested}"
        assert all(c[2] for c in columns), f"{view.name}: undocumented columns"


def test_meeting_participants_one_row_per_meeting_and_participant(published: duckdb.DuckDBPyConnection) -> None:
    rows, pairs, bridge = published.execute("""
        select count(*), count(distinct (meeting_id, participant_actor_id)),
            (select count(*) from bdg_meeting_participants
             where meeting_id in (select meeting_id from fct_meetings))
        from v_meeting_participants
    """).fetchone()  # type: ignore[misc]
    assert rows == pairs == bridge > 0
    missing = published.execute("""
        select count(*) from v_meeting_participants
        where participant_name is null or meeting_status is null or admiralty_grade is null
            or (participant_country_code is not null and participant_country_name is null)
    """).fetchone()[0]  # type: ignore[index]
    assert missing == 0
    # the joined string holds what the list held
    aliases = published.execute("""
        select v.participant_aliases, a.aliases from v_meeting_participants v
        join dim_actors a on a.actor_id = v.participant_actor_id where len(a.aliases) > 1 limit 1
    """).fetchone()
    assert aliases is not None and aliases[0].split("; ") == aliases[1]


def test_claims_with_evidence_one_row_per_claim_report(published: duckdb.DuckDBPyConnection) -> None:
    rows, claims, reports, all_claims, all_reports = published.execute("""
        select count(*), count(distinct claim_id), count(distinct evidence_id),
            (select count(*) from fct_claims),
            (select count(*) from fct_evidence where fact_type = 'claim' and fact_id in (select claim_id from fct_claims))
        from v_claims_with_evidence
    """).fetchone()  # type: ignore[misc]
    assert claims == all_claims > 0
    assert rows == reports == all_reports
    incomplete = published.execute("""
        select count(*) from v_claims_with_evidence
        where speaker_name is null or claim_text is null or evidence_text is null or outlet_name is null
    """).fetchone()[0]  # type: ignore[index]
    assert incomplete == 0


def test_agreement_parties_one_row_per_agreement_and_party(published: duckdb.DuckDBPyConnection) -> None:
    rows, bridge = published.execute("""
        select count(*), (select count(*) from bdg_agreement_parties
                          where agreement_id in (select agreement_id from dim_agreements))
        from v_agreement_parties
    """).fetchone()  # type: ignore[misc]
    assert rows == bridge > 0
    assert published.execute(
        "select count(*) from v_agreement_parties where party_name is null or agreement_name is null"
    ).fetchone()[0] == 0  # type: ignore[index]


def test_figures_by_pair_splits_parties_into_two_columns(published: duckdb.DuckDBPyConnection) -> None:
    figures = published.execute("select count(*) from fct_trade_figures").fetchone()[0]  # type: ignore[index]
    assert published.execute("select count(distinct figure_id) from v_figures_by_pair").fetchone()[0] == figures  # type: ignore[index]
    bilateral = published.execute("""
        select v.country_a_code, v.country_b_code, f.parties, v.parties, v.pair_count, v.country_a_name, v.country_b_name
        from v_figures_by_pair v join fct_trade_figures f using (figure_id) where len(f.parties) = 2
    """).fetchall()
    assert bilateral
    for a, b, parties, joined, pair_count, a_name, b_name in bilateral:
        assert [a, b] == parties and joined == f"{a}; {b}" and pair_count == 1 and a_name and b_name


def test_a_figure_about_three_countries_has_a_row_per_pair(samples_publication: Path, tmp_path: Path) -> None:
    copy = tmp_path / "osint.duckdb"
    shutil.copy(samples_publication, copy)
    con = duckdb.connect(str(copy))
    try:
        source = con.execute("select figure_id from fct_trade_figures where len(parties) = 2 limit 1").fetchone()
        assert source is not None
        con.execute("""
            insert into fct_trade_figures by name
            select * replace ('multi' as figure_id, ['CHN', 'IND', 'RUS'] as parties, 'multilateral' as scope)
            from fct_trade_figures where figure_id = ?
            union all by name
            select * replace ('single' as figure_id, ['IND'] as parties, 'unilateral' as scope)
            from fct_trade_figures where figure_id = ?
        """, [source[0], source[0]])
        rows = con.execute("""
            select figure_id, country_a_code, country_b_code, pair_count, parties from v_figures_by_pair
            where figure_id in ('multi', 'single') order by all
        """).fetchall()
    finally:
        con.close()
    assert rows == [
        ("multi", "CHN", "IND", 3, "CHN; IND; RUS"),
        ("multi", "CHN", "RUS", 3, "CHN; IND; RUS"),
        ("multi", "IND", "RUS", 3, "CHN; IND; RUS"),
        ("single", "IND", None, 1, "IND"),
    ]


def test_a_view_the_marts_cannot_serve_stops_with_its_name() -> None:
    con = duckdb.connect()
    try:
        for mart in ("fct_meetings", "bdg_meeting_participants", "dim_actors"):
            con.execute(f"create table {mart} as select 'x' as meeting_id")  # the marts, without their columns
        with pytest.raises(BuildError, match=r"BI view v_meeting_participants .*"):
            create_views(con)
    finally:
        con.close()


def test_views_whose_marts_are_absent_are_not_created() -> None:
    """A partial build (unit tests publish three marts) publishes the views its marts serve, none here."""
    con = duckdb.connect()
    try:
        con.execute("create table dim_actors as select 'country-irn' as actor_id")
        assert create_views(con) == []
    finally:
        con.close()


def test_markdown_lists_every_view_and_column() -> None:
    text = markdown()
    for view in VIEWS:
        assert f"### `{view.name}`" in text
        assert all(f"| `{column}` |" in text for column, _ in view.columns)
