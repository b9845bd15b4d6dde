"""A bare "$" is the US dollar, except in a text about a country whose press writes its own dollar so."""

from __future__ import annotations

import pytest

from extraction.extract import DocumentInput, Extractor


def units(extractor: Extractor, body: str) -> set[str]:
    return {f.unit for f in next(extractor.extract_batch([DocumentInput("d1", body, None, "en")])).figures}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Rents jump as Australian households pay $650 a week\n"
         "The Reserve Bank of Australia raised rates again; Australian renters now pay $650 a week.", {"AUD"}),
        ("Canada to spend $5 billion on defence\nCanadian officials said Ottawa will spend $5 billion.", {"CAD"}),
        # the US named as often: the symbol stays the US dollar; an explicit "US$" is always one
        ("Australia and the US sign $3 billion deal\nThe United States will pay $3 billion.", {"USD"}),
        ("Australian miners win US$3 billion order\nAustralian exporters said the order was their largest.", {"USD"}),
        ("Rents jump to $2,000 a month\nAmerican renters pay more in New York.", {"USD"}),
    ],
)
def test_a_bare_dollar_is_the_dollar_of_the_country_the_text_is_about(
    extractor: Extractor, body: str, expected: set[str]
) -> None:
    assert units(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the country's regions and cities count with its name: a state and its capital
        ("Tasmania riders could face $6,200 fines\nRiders in Tasmania and Hobart face fines of $6,000.", {"AUD"}),
        ("Ontario to spend $2 billion on transit\nToronto and Ontario officials said the line opens in 2027.", {"CAD"}),
    ],
)
def test_a_countrys_regions_and_cities_say_whose_dollar_it_is(
    extractor: Extractor, body: str, expected: set[str]
) -> None:
    assert units(extractor, body) == expected


def parties(extractor: Extractor, body: str) -> list[list[str]]:
    return [f.party_keys for f in next(extractor.extract_batch([DocumentInput("d1", body, None, "en")])).figures]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a state's money in a currency only one country issues is that country's
        ("The government will spend £2bn on new hospitals, the health secretary said.", [["country-gbr"]]),
        ("Tasmania riders could face $6,200 fines\nRiders in Tasmania and Hobart face fines of $6,000.",
         [["country-aus"], ["country-aus"]]),
        # not a company's figure, nor the dollar or the euro, which many issue
        ("Quillon Holdings reported a profit of £40m in the first half.", [[]]),
        ("The government will spend $2bn on new hospitals, the health secretary said.", [[]]),
        ("The government will spend €2bn on new hospitals, the health secretary said.", [[]]),
    ],
)
def test_a_state_figure_in_a_single_countrys_currency_is_that_countrys(
    extractor: Extractor, body: str, expected: list[list[str]]
) -> None:
    assert parties(extractor, body) == expected
