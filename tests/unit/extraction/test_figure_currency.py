"""A bare "$" is the US dollar, except in a text about a country whose press writes its own dollar so."""

from __future__ import annotations

import pytest

from extraction.extract import DocumentInput, Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.default()


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
