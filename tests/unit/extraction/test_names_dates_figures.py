"""Transliteration keys, date resolution and figure normalization."""

from __future__ import annotations

from datetime import date

import pytest

from extraction.dates import find_dates
from extraction.figures import find_figures
from extraction.names import conflicting_given_names, name_key, same_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Araghchi", "Araqchi"),
        ("Sergey", "Sergei"),
        ("Dmitry", "Dmitri"),
        ("Pezeshkian", "Pezeshkiyan"),
        ("Zelensky", "Zelenskyy"),
        ("Mikhail Khodorkovsky", "Mikhail Hodorkovsky"),
        ("Erdoğan", "Erdogan"),
    ],
)
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert same_name(a, b)


@pytest.mark.parametrize(("a", "b"), [("Lavrov", "Putin"), ("Jalali", "Julia"), ("Peskov", "Pezeshkian")])
def test_different_names_do_not_match(a: str, b: str) -> None:
    assert not same_name(a, b)


def one_date(text: str, anchor: date | None, future: bool = False) -> tuple[date | None, str]:
    found = find_dates(text, anchor, future=future)
    assert len(found) == 1, found
    return found[0].value, found[0].precision


@pytest.mark.parametrize(
    ("forms", "conflict"),
    [
        (["Anna Petrova", "Maria Petrova", "Petrova"], ["Anna", "Maria"]),  # two people merged
        (["Ivan Petrov", "Oleg Petrov", "I. Petrov"], ["Ivan", "Oleg"]),
        (["Sergey Ivanov", "Sergei Ivanov", "S. Ivanov", "Ivanov", "Foreign Minister Sergey Ivanov"], []),
        (["Alex Morton", "Alexander Morton"], []),  # a short form
        (["Joe Morton", "Joseph Morton"], []),  # a nickname that starts like the name
        (["Mohammed bin Nayef", "Mohammad bin Nayef"], []),  # transliteration variants
        (["Morton"], []),
        (["Benjamin Larkspur", "Benyamin Larkspur"], []),  # a j of one romanization, the y of another
    ],
)
def test_conflicting_given_names_flag_two_people_in_one_actor(forms: list[str], conflict: list[str]) -> None:
    assert conflicting_given_names(forms) == conflict


@pytest.mark.parametrize(
    ("forms", "known", "conflict"),
    [
        # the seed's own forms of an actor are one person's: a nickname and the formal name, two romanizations,
        # a religious title the name keys keep
        (["Mike Larkspur", "Michael Larkspur", "Larkspur"], ["Mike Larkspur", "Michael Larkspur"], []),
        (["Siarhei Vaher", "Sergei Vaher"], ["Sergei Vaher", "Siarhei Vaher"], []),
        (["Mawlawi Peter Vaher", "Peter Vaher"], ["Peter Vaher", "Mawlawi Peter Vaher"], []),
        # a form the texts added that agrees with one seed form is that person
        (["Michael Larkspur", "Mike Larkspur", "Mick Larkspur"], ["Michael Larkspur", "Mike Larkspur"], []),
        # one that agrees with none is another person merged in (guard: flagged without the seed's forms too)
        (["Mike Larkspur", "Michael Larkspur", "Anna Larkspur"], ["Mike Larkspur", "Michael Larkspur"],
         ["Anna", "Michael"]),
    ],
)
def test_the_seeds_own_forms_of_an_actor_never_conflict(forms: list[str], known: list[str], conflict: list[str]) -> None:
    assert conflicting_given_names(forms, known) == conflict


def test_absolute_dates_parse_without_anchor() -> None:
    assert one_date("signed on January 17, 2025 in Moscow", None) == (date(2025, 1, 17), "day")
    assert one_date("on 17 January 2025", None) == (date(2025, 1, 17), "day")
    assert one_date("published 2025-01-17", None) == (date(2025, 1, 17), "day")
    assert one_date("in March 2023", None) == (date(2023, 3, 1), "month")


def test_relative_dates_without_anchor_stay_unknown() -> None:
    for text in ("on Friday", "yesterday", "this January", "is set to visit on January 17"):
        assert one_date(text, None) == (None, "unknown"), text


def test_relative_dates_resolve_against_publication_day() -> None:
    friday = date(2025, 1, 17)
    assert one_date("at the Kremlin on Friday", friday) == (friday, "day")
    assert one_date("met on Monday", friday) == (date(2025, 1, 13), "day")
    assert one_date("will meet on Monday", friday, future=True) == (date(2025, 1, 20), "day")
    assert one_date("arrived yesterday", friday) == (date(2025, 1, 16), "day")
    assert one_date("signed this January", date(2025, 3, 4)) == (date(2025, 1, 1), "month")
    assert one_date("arrived on March 20", date(2023, 3, 21)) == (date(2023, 3, 20), "day")
    assert one_date("talks in December", date(2025, 1, 5)) == (date(2024, 12, 1), "month")


def test_a_day_and_month_without_a_year_is_not_far_ahead_of_a_report_of_what_happened() -> None:
    """A bare "July 25" in a March report that tells of the past was last July's; a report of what is
    to come, or a date a few weeks ahead, keeps the nearest year."""
    march = date(2024, 3, 1)
    assert one_date("their call on July 25 focused on trade", march) == (date(2023, 7, 25), "day")
    assert one_date("will meet on July 25", march, future=True) == (date(2024, 7, 25), "day")
    assert one_date("talks on March 20", march) == (date(2024, 3, 20), "day")
    assert one_date("signed on December 28", date(2025, 1, 5)) == (date(2024, 12, 28), "day")


def figures(text: str) -> list[tuple[float, str, str | None, str]]:
    return [(f.value, f.unit, f.qualifier, f.metric) for f in find_figures(text, [(0, len(text))], [], [])]


def test_money_with_scale_words() -> None:
    assert figures("By 2022, their trade volume hit $5 billion annually.") == [
        (5e9, "USD", None, "trade_volume")
    ]
    assert figures("Trade reached about $65 billion.") == [(65e9, "USD", "about", "trade_volume")]
    assert figures("They set a target of $100 billion in bilateral trade by 2030.") == [
        (100e9, "USD", None, "trade_target")
    ]
    assert figures("a loan of 1.5 trillion rubles") == [(1.5e12, "RUB", None, "loan")]
    assert figures("€3.2bn of investment") == [(3.2e9, "EUR", None, "investment")]


def test_percentages_with_qualifier_and_metric() -> None:
    text = "over 80 percent of commercial transactions are already settled in national currency"
    assert figures(text) == [(80.0, "percent", "over", "national_currency_share")]
    assert figures("trade grew by 15.5 percent in the first ten months of 2024") == [
        (15.5, "percent", None, "growth_rate")
    ]


def test_figure_period() -> None:
    f = find_figures("trade would reach $100 billion by 2030", [(0, 38)], [], [])[0]
    assert f.period_text == "by 2030" and f.period_end == date(2030, 12, 31)
    g = find_figures("trade grew 5% in the first ten months of 2024", [(0, 46)], [], [])[0]
    assert (g.period_start, g.period_end) == (date(2024, 1, 1), date(2024, 10, 31))


def test_durations_and_counts_are_not_figures() -> None:
    assert figures("The 20-year treaty runs to 47 articles, signed in 2025.") == []


def test_day_ranges_take_their_first_day() -> None:
    assert one_date("held talks in Moscow on 8–9 July 2024", None) == (date(2024, 7, 8), "day")


def test_verb_forms_double_a_final_consonant_and_know_the_irregular_pasts() -> None:
    from extraction.parse import verb_forms

    forms = verb_forms(["cancel", "slip", "scrap", "chat", "deny", "delay", "strike", "withdraw", "meet"])
    for form, lemma in [("cancelled", "cancel"), ("canceled", "cancel"), ("slipped", "slip"), ("scrapped", "scrap"),
                        ("chatted", "chat"), ("denied", "deny"), ("delayed", "delay"), ("struck", "strike"),
                        ("withdrew", "withdraw"), ("met", "meet"), ("meets", "meet")]:
        assert forms.get(form) == lemma, form
    assert "delaied" not in forms and "signd" not in verb_forms(["sign"])


def test_a_verb_in_ee_keeps_it_before_ing() -> None:
    from extraction.parse import verb_forms

    assert verb_forms(["agree"]).get("agreeing") == "agree" and "agreing" not in verb_forms(["agree"])


def test_a_relative_week_or_month_is_found_and_left_unresolved() -> None:
    """ "next week", "last month", "this weekend": found (so they, not a weekday farther off, date what is
    next to them), but with no value — a week is no precision, and "last month" on real news was as often
    another clause's time as the event's."""
    found = find_dates("They meet next week, he said Thursday; talks last month and this weekend failed.",
                       date(2023, 1, 5))
    assert [(d.text.strip(), d.value, d.precision) for d in found] == [
        ("next week", None, "unknown"), ("Thursday", date(2023, 1, 5), "day"),
        ("last month", None, "unknown"), ("this weekend", None, "unknown")]


def test_a_weekday_in_the_name_of_a_day_is_no_date() -> None:
    friday = date(2024, 3, 15)
    for text in ("Retailers reported record Black Friday sales.", "Voters head to the polls on Super Tuesday.",
                 "The Palm Sunday accord was signed in the capital."):
        assert [d.text for d in find_dates(text, friday)] == [], text
    # (guard, as before: a weekday of its own is a date, also after a capitalized word)
    assert [d.value for d in find_dates("Kenya's president met him on Friday.", friday)] == [friday]
    assert [d.value for d in find_dates("Leaders Meet In Nairobi Friday", friday)] == [friday]
