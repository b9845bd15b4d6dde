"""The figure contract on the hand-made corpus (issue 17): parties and scope on fct_trade_figures,
bdg_figure_parties with roles, rivals listed both ways while only the outnumbered figure is graded 5."""

from __future__ import annotations

import duckdb


def test_figures_carry_parties_scope_and_metric_group(marts: duckdb.DuckDBPyConnection) -> None:
    found = marts.execute(
        "select metric, metric_group, value, parties, scope, is_change from marts.fct_trade_figures order by value"
    ).fetchall()
    assert found == [
        ("national_currency_share", "trade", 80.0, ["IRN", "RUS"], "bilateral", False),
        ("trade_volume", "trade", 4e9, ["IRN", "RUS"], "bilateral", False),
        ("trade_volume", "trade", 5e9, ["IRN", "RUS"], "bilateral", False),
    ]
    # Russia–Iran trade by year is one where clause
    by_year = marts.execute(
        """select year(period_end), value from marts.fct_trade_figures
           where metric = 'trade_volume' and parties = ['IRN', 'RUS'] order by value"""
    ).fetchall()
    assert by_year == [(2022, 4e9), (2022, 5e9)]


def test_contradicting_figures_list_each_other(marts: duckdb.DuckDBPyConnection) -> None:
    rows = dict(
        marts.execute(
            "select value, (is_contradicted, credibility = 5, len(contradicting_figure_ids)) from marts.fct_trade_figures"
            " where metric = 'trade_volume'"
        ).fetchall()
    )
    assert rows[4e9] == (True, True, 1)  # outnumbered: graded 5
    assert rows[5e9][0] is False and rows[5e9][2] == 1  # the stronger figure still names its rival
    ids = dict(marts.execute("select value, figure_id from marts.fct_trade_figures where metric = 'trade_volume'").fetchall())
    rival = marts.execute(
        "select contradicting_figure_ids from marts.fct_trade_figures where figure_id = ?", [ids[5e9]]
    ).fetchone()
    assert rival == ([ids[4e9]],)


def test_bridge_has_every_party_with_its_role(marts: duckdb.DuckDBPyConnection) -> None:
    bridge = marts.execute(
        """select f.value, b.actor_id, b.role from marts.bdg_figure_parties b
           join marts.fct_trade_figures f using (figure_id) order by f.value, b.actor_id, b.role"""
    ).fetchall()
    for value in (80.0, 4e9, 5e9):
        assert (value, "country-irn", "subject") in bridge
        assert (value, "country-rus", "subject") in bridge
    assert {role for _, _, role in bridge} <= {"subject", "partner", "reporter"}
    orphans = marts.execute(
        """select count(*) from marts.bdg_figure_parties b
           where b.actor_id not in (select actor_id from marts.dim_actors)
              or b.figure_id not in (select figure_id from marts.fct_trade_figures)"""
    ).fetchone()
    assert orphans == (0,)
