"""Percent figures: a change ("up 900%") is a change of the metric its noun names — growth_rate when
the noun is not on the list, or when it is a trade amount or a share (trade rows stay amounts; a share
changes in points) — a level or share keeps its metric. Changes carry their sign ("fell 30%" → -30).

The mart gate reads every percent figure whose metric is a share as a value in [0, 100]; a "900 percent
increase" typed as a share blocked publication on real news.
"""

from __future__ import annotations

import pytest

from extraction.figures import find_figures


def percents(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.metric) for f in find_figures(text, [(0, len(text))], [], []) if f.unit == "percent"]


def metric(text: str) -> str:
    (only,) = percents(text)
    return only[1]


def changes(text: str) -> list[tuple[float, str, bool]]:
    return [(f.value, f.metric, f.is_change) for f in find_figures(text, [(0, len(text))], [], [])]


@pytest.mark.parametrize(
    "text",
    [
        # change noun right after the figure
        "Bilateral trade saw a 900 percent increase over the decade.",
        "The deal led to a 120 percent rise in trade.",
        "Exports posted a 120% year-on-year rise.",
        "Payments in national currencies recorded a 40 percent jump.",
        # direction word before it
        "Exports to the region were up 900% in 2023.",
        "Imports were down by 12 percent.",
        # change verb before it, with "by" and qualifiers in between
        "Trade rose by over 300 percent since 2015.",
        "Turnover rose more than 300 percent.",
        "Shipments jumped 250% year-on-year.",
        "Reinsurance costs rise up to 200% as the war goes on.",
        "Homelessness saw a jump of 465%.",
        # "by" / ", or" joining the figure to a change word earlier in the clause
        "Trade increased more than tenfold, by 900 percent.",
        "Trade increased more than tenfold, or 900 percent, over the decade.",
        "Turnover grew 2.5 times, or 150 percent, in five years.",
        # comparatives after it
        "Ticket demand is 800% higher than supply.",
        "The drug is about 5,200% more expensive than generics.",
        "Visitor numbers are 23% down on pre-pandemic levels.",
    ],
)
def test_changes_of_trade_amounts_or_unlisted_things_are_growth_rate(text: str) -> None:
    (f,) = find_figures(text, [(0, len(text))], [], [])
    assert (f.metric, f.is_change) == ("growth_rate", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change of something on the list keeps its metric (GUIDELINES: growth_rate is for the rest)
        ("An increase in its defence budget of 7.2% was approved.", "military_spending"),
        ("The country seeks to increase its defense budget by 150%.", "military_spending"),
        ("Shares of the carmaker jumped after it posted a 200% surge in profit.", "profit"),
        ("Prices have skyrocketed nearly 300% this year.", "price"),
        ("Comparable sales rose 3.6 percent.", "revenue"),
        ("Tariffs will reduce the national gross domestic product by 0.3 percent.", "gdp"),
        ("The economy grew 2.1 percent last year.", "economic_growth"),
        ("Meta shares jump 17% on a revenue beat.", "market_move"),
        # a named stock index is an index (seed data, not a word of the sentence's other clauses)
        ("The Nikkei 225 declined 0.3% on Tuesday.", "market_move"),
        ("The Dow Jones Industrial Average rose 1.2% on Tuesday.", "market_move"),
    ],
)
def test_a_change_keeps_the_metric_of_its_noun(text: str, expected: str) -> None:
    (f,) = find_figures(text, [(0, len(text))], [], [])
    assert (f.metric, f.is_change) == (expected, True)


def test_change_beats_clause_vocabulary() -> None:
    """Trade, national-currency or GDP words in the clause do not make a change a level."""
    assert percents("A 120 percent rise in trade with national currencies.") == [(120.0, "growth_rate")]
    assert percents("Settlements in national currencies grew 40 percent.") == [(40.0, "growth_rate")]
    assert percents("The GDP of the country grew by just 3% last year.") == [(3.0, "economic_growth")]


def test_declines_are_negative() -> None:
    assert changes("Shares fall nearly 90% after the report.") == [(-90.0, "market_move", True)]
    assert changes("Industrial production in Germany fell 0.2% in May.") == [(-0.2, "production", True)]
    assert changes("Japan's index declined 0.3%, while the composite slumped 0.2%.") == [
        (-0.3, "market_move", True),
        (-0.2, "market_move", True),
    ]
    assert changes("The stock closed at 225.86, -5.44% on the day.")[-1][0] == -5.44
    assert changes("Inflation fell to 4.3% year-on-year.") == [(4.3, "inflation_rate", False)]  # a level


def test_coordinated_and_range_figures_inherit_the_change() -> None:
    assert percents("Complaints have increased 40% since the pandemic, and 144% since 2011.") == [
        (40.0, "growth_rate"),
        (144.0, "growth_rate"),
    ]
    assert percents("The indexes advanced 1.1%, 1.2% and 0.9%, respectively.") == [
        (1.1, "market_move"),
        (1.2, "market_move"),
        (0.9, "market_move"),
    ]
    (growth,) = find_figures("The economy is expected to grow 4.0%-5.0% in 2024.", [(0, 49)], [], [])
    assert (growth.value, growth.value_high, growth.metric) == (4.0, 5.0, "economic_growth")


def test_period_over_period_tag_is_a_change_but_keeps_an_inflation_rate() -> None:
    assert metric("Exports were 250% year-on-year.") == "growth_rate"
    assert metric("Sales were 5% y/y.") == "revenue"
    assert metric("Inflation was 7 percent year-on-year.") == "inflation_rate"


def test_above_100_is_a_change_only_with_change_vocabulary_in_the_clause() -> None:
    assert metric("Cases soared across the region, 900 percent in the capital alone.") == "growth_rate"
    assert (
        metric("Cases increased sharply over the decade, at one point reaching 900 percent.") == "growth_rate"
    )
    assert metric("Some borrowers pay 455 percent.") == "other"  # no change wording: left for the gate
    assert metric("Cases soared, to 900 percent of the 2010 level.") == "other"  # a ratio


def test_shares_stay_shares() -> None:
    assert percents("Over 40 percent of trade is settled in national currencies.") == [
        (40.0, "national_currency_share")
    ]
    assert percents("officials say over 80 percent of transactions are now settled in rubles") == [
        (80.0, "national_currency_share")
    ]
    assert metric("The share of national currencies rose to 90 percent.") == "national_currency_share"
    assert metric("Its share of the market is 35 percent.") == "share"
    assert metric("Their portion fell to 30 percent of all sales.") == "share"
    assert metric("Exports fell to 30 percent of total output.") == "exports"


def test_to_is_a_level_by_is_a_change() -> None:
    assert changes("Inflation rose to 12 percent in March.") == [(12.0, "inflation_rate", False)]
    assert changes("Inflation rose by 2 percent in March.") == [(2.0, "inflation_rate", True)]
    assert changes("Prices fell from 10% last year.") == [(10.0, "price", False)]
    assert percents("Prices fell from 10% to 5%.") == [(10.0, "price"), (5.0, "price")]
    assert percents("Trade rose to 12%, up from 8% a year earlier.") == [
        (12.0, "trade_volume"),
        (8.0, "trade_volume"),
    ]


def test_thresholds_are_levels() -> None:
    assert metric("Inflation dips below 3% for the first time.") == "inflation_rate"
    assert changes("Interest rates will rise above 5% by spring.") == [(5.0, "interest_rate", False)]


def test_proportions_after_a_change_verb_are_not_changes() -> None:
    assert metric("The party gained 40 percent of the vote.") == "poll_share"
    assert metric("Exports made up 40 percent of the total.") == "exports"
    assert metric("The rise in prices was felt by 60 percent of households.") == "share"
    assert metric("A 20% down payment is required.") == "other"


def test_ratios_above_100_keep_their_metric() -> None:
    """A ratio to a reference is no change; left for the gate to flag rather than mistyped."""
    assert metric("Federal debt will rise to 115 percent of GDP in the next decade.") == "debt"
    assert metric("Snowpack soared to 236 percent of seasonal norms.") == "other"
    assert metric("Reservoirs are at 128% of average.") == "other"
    assert metric("Solar tariffs up to 254% were reinstated.") == "tariff"


def test_growth_figure_text_and_qualifier_unchanged() -> None:
    (f,) = find_figures("Trade rose by over 300 percent.", [(0, 31)], [], [])
    assert (f.text, f.value, f.qualifier, f.metric) == ("over 300 percent", 300.0, "over", "growth_rate")


def test_money_is_never_a_growth_rate() -> None:
    text = "Trade rose by $5 billion."
    assert [(f.unit, f.metric) for f in find_figures(text, [(0, len(text))], [], [])] == [
        ("USD", "trade_volume")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the longest cue at a position wins, whichever metric it belongs to: "tax revenue" over "tax",
        # "sales tax" over "sales", "trade deficit" over "trade"
        ("Northland collected $2.6 billion of major tax revenue in May.", "revenue"),
        ("Northland collected $2.6 billion in tax revenue in May.", "revenue"),
        ("Northland will impose a sales tax of $5 on each imported car.", "tariff"),
        ("The trade deficit reached $4 billion in May.", "other"),
    ],
)
def test_the_longest_cue_names_the_metric(text: str, expected: str) -> None:
    (only,) = find_figures(text, [(0, len(text))], [], [])
    assert only.metric == expected


def test_a_negative_rate_held_at_its_level_is_a_level() -> None:
    text = "The central bank left its negative interest rate unchanged at -0.1%, in line with expectations."
    (only,) = find_figures(text, [(0, len(text))], [], [])
    assert (only.value, only.is_change) == (-0.1, False)
    # a signed number of a move stays a change
    text = "Shares of Quillon Holdings -5.4% in early trade."
    (only,) = find_figures(text, [(0, len(text))], [], [])
    assert (only.value, only.is_change) == (-5.4, True)


def test_a_signed_number_after_at_is_a_level_only_for_a_metric_whose_level_may_be_negative() -> None:
    """The seed's negative_level column: a policy rate may stand at -0.1 %; anything else signed is a move."""
    text = "Its approval rating stood at -0.3% after the vote."
    (only,) = find_figures(text, [(0, len(text))], [], [])
    assert (only.value, only.is_change) == (-0.3, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The unemployment rate dipped to 4.2% in March.", "unemployment_rate"),
        ("Northland's jobless rate climbed to 6.1 percent.", "unemployment_rate"),
        ("The birth rate dipped to 1.2% last year.", "other"),  # a rate the list does not name
    ],
)
def test_a_rate_head_is_measured_by_its_modifier(text: str, expected: str) -> None:
    assert metric(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Larkspur inflation eases for a third month to 6.2%.", "inflation_rate"),
        ("Zentra's jobless rate holds at 5.1%.", "unemployment_rate"),
    ],
)
def test_a_present_tense_level_verb_ends_the_subject(text: str, expected: str) -> None:
    assert metric(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "52 percent disapprove of the Larkspur plan, a new survey finds.",
        "Some 60% of farmers said the subsidy should stay.",
        "The survey showed Anna Petrova first with 41 percent support from likely voters.",
    ],
)
def test_a_percent_of_people_holding_an_opinion_is_a_poll_share(text: str) -> None:
    assert metric(text) == "poll_share"


@pytest.mark.parametrize(
    "text",
    [
        "Northland's central bank left rates unchanged at 4.1% on Tuesday.",
        "The board kept the cash rate at 3.85% for a second month.",
        "Zentra's central bank cut the Selic to 10.5%.",
    ],
)
def test_the_rates_a_central_bank_sets_are_interest_rates(text: str) -> None:
    assert metric(text) == "interest_rate"


@pytest.mark.parametrize("text", ["The pound rose 0.5% against the dollar.", "The yen weakened 1.2% on Friday."])
def test_a_currency_that_moves_is_a_market_move(text: str) -> None:
    assert metric(text) == "market_move"


def test_the_consumer_prices_index_is_inflation() -> None:
    assert metric("A fall in the consumer prices index to 6.4% surprised economists.") == "inflation_rate"


def test_a_time_after_in_is_no_complement() -> None:
    assert [m for _, m in percents("Inflation fell to 6.4% in May from 7.9% in April put an end to price rises.")] == [
        "inflation_rate",
        "inflation_rate",
    ]
    assert percents("Zentra forecast a 25% jump in 2024 revenue.") == [(25.0, "revenue")]


def test_a_headlines_capitalized_rates_of_a_central_bank_are_interest_rates() -> None:
    assert metric("Central Bank Chief Favors Holding Rates Above 5% for Longer") == "interest_rate"


def test_a_capitalized_cue_before_a_headline_verb_is_no_name() -> None:
    assert metric("Zentra Bank Profit Jumps 57% The lender earned more than analysts expected.") == "profit"


def money_metric(text: str) -> str:
    (only,) = find_figures(text, [(0, len(text))], [], [])
    return only.metric


@pytest.mark.parametrize(
    "text", ["Zentra agreed to pay almost $800 million for Larkspur Games.", "Guests paid $2,000 for a single night."]
)
def test_money_paid_for_something_is_its_price(text: str) -> None:
    assert money_metric(text) == "price"
