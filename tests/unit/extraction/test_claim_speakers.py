"""A speaker described by a role in a headline is the one person the text names with that role."""

from __future__ import annotations

import pytest

from extraction.extract import DocumentInput, Extraction, Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.default()


def run(extractor: Extractor, body: str) -> Extraction:
    return next(extractor.extract_batch([DocumentInput("d1", body, None, "en")]))


def headline_speaker(extractor: Extractor, body: str) -> tuple[str, str]:
    claim = min(run(extractor, body).claims, key=lambda c: c.start)
    assert claim.speaker is not None
    return claim.speaker.speaker_type, claim.speaker.name


@pytest.mark.parametrize(
    "body",
    [
        "Northland must cut rail fares now, says former transport minister\n"
        "Former transport minister Anna Petrova said on Monday that fares had doubled since 2019.",
        "Northland must cut rail fares now, says former transport minister\n"
        "Anna Petrova, a former transport minister, said on Monday that fares had doubled since 2019.",
    ],
)
def test_a_role_in_the_headline_is_the_person_the_body_names_with_it(extractor: Extractor, body: str) -> None:
    assert headline_speaker(extractor, body) == ("person", "Anna Petrova")


def test_two_people_with_the_role_leave_the_description(extractor: Extractor) -> None:
    body = ("Northland must cut rail fares now, says former transport minister\n"
            "Anna Petrova, a former transport minister, said fares had doubled. "
            "Ivan Petrenko, a former transport minister, disagreed.")
    assert headline_speaker(extractor, body) == ("descriptor", "former transport minister")
