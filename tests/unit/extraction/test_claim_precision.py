"""Claims a reader would reject although a cue and a speaker are there: statements the feed cut off
mid-clause, and speakers the cue's subject does not name. Every text is invented."""

from __future__ import annotations

import pytest

from extraction.extract import DocumentInput, Extractor
from extraction.model import Claim


def claims(extractor: Extractor, body: str) -> list[Claim]:
    return list(next(extractor.extract_batch([DocumentInput("d1", body, None, "en")])).claims)


@pytest.mark.parametrize(("ending", "kept"), [
    ("would delay the", []),
    ("was not previously aware of", []),
    ("should move", []),
    # a noun may end the clause: the statement may be whole
    ("would raise the fees for ships from Zentra", ["the ministry would raise the fees for ships from Zentra"]),
])
def test_a_statement_the_feed_cut_off_mid_clause_is_no_claim(
        extractor: Extractor, ending: str, kept: list[str]) -> None:
    body = ("Northland weighs new port fees\nSpeaking in Larkspur on Monday, Anna Petrova said the "
            f"ministry {ending}...")
    assert [c.text for c in claims(extractor, body)] == kept
    # the same words ending the text with a full stop are a claim
    assert [c.text for c in claims(extractor, body[:-3] + ".")] == [f"the ministry {ending}"]


def test_a_verb_the_parse_joined_without_a_conjunction_does_not_take_the_first_verbs_subject(
        extractor: Extractor) -> None:
    body = ("Northland President Ivan Petrenko faced a new setback after the general he promoted in May as head "
            "of the Larkspur garrison said he would refuse the order.")
    assert "Ivan Petrenko" not in {c.speaker.name for c in claims(extractor, body) if c.speaker}
    # verbs joined by "and" share their subject
    body = ("Anna Petrova met the Zentra envoy in Larkspur on Monday and said the two countries would "
            "reopen their border.")
    assert [(c.text, c.speaker.name) for c in claims(extractor, body) if c.speaker] == [
        ("the two countries would reopen their border", "Anna Petrova")]


@pytest.mark.parametrize("subject", ["The senators", "Its employees", "The hosts"])
def test_a_plural_description_is_not_the_one_person_named_before(extractor: Extractor, subject: str) -> None:
    body = (f"Senator Anna Petrova opened the Larkspur hearing on Tuesday. {subject} said the new rules "
            "would cost the region thousands of jobs.")
    found = [(c.text, c.speaker.name) for c in claims(extractor, body) if c.speaker]
    assert found == [("the new rules would cost the region thousands of jobs", subject)]


@pytest.mark.parametrize("subject", ["Seven former Zentra Bank chiefs", "Northland Party lawmakers"])
def test_people_named_by_an_organisation_they_serve_are_not_the_organisation(
        extractor: Extractor, subject: str) -> None:
    body = f"{subject} said on Monday that the new levy would drive investors out of Larkspur."
    found = [(c.speaker.name, c.speaker.speaker_type) for c in claims(extractor, body) if c.speaker]
    assert found == [(subject, "descriptor")]


@pytest.mark.parametrize(("body", "text"), [
    ("Northland officials confirm tap water near Larkspur is safe after chemical spill",
     "tap water near Larkspur is safe after chemical spill"),
    ("Key witness asserts other women’s accounts are ‘pure invention’",
     "other women’s accounts are ‘pure invention’"),
])
def test_a_statement_keeps_the_subject_the_parse_made_the_cues_object(
        extractor: Extractor, body: str, text: str) -> None:
    assert [c.text for c in claims(extractor, body)] == [text]
    # the object of "tell" is whom it was said to, not the statement's subject
    body = "Finance chief tells lawmakers savers can feel safe about their deposits"
    assert not any(c.text.startswith("lawmakers") for c in claims(extractor, body))


@pytest.mark.parametrize("body", [
    "Petrova to say Northland banking system ‘remains sound’ despite two failures",
    "The new Minister of Culture intends to clarify a situation that his predecessor had left partly up to mayors.",
    "The Zentra Bank is expected to announce that interest rates will stay at 4%.",
    "Anna Petrova plans to argue that the treaty breaches Northland law.",
])
def test_an_infinitive_cue_under_a_plan_or_an_expectation_is_not_said_yet(extractor: Extractor, body: str) -> None:
    assert [c.text for c in claims(extractor, body)] == []
    # an infinitive of what was done is said: "used a speech to warn that …"
    said = "Anna Petrova used a speech in Larkspur to warn that a conflict over the strait would be devastating."
    assert [c.text for c in claims(extractor, said)] == ["a conflict over the strait would be devastating"]


@pytest.mark.parametrize("body", [
    "The report lists 40 acts that prosecutors say all contributed to the fraud.",
    "Anna Petrova sent a letter to the council that she said showed the river was polluted.",
])
def test_a_statement_whose_subject_is_the_relative_word_is_no_claim(extractor: Extractor, body: str) -> None:
    # "<noun>s that <X> say <verb> …": the words after the cue lack their subject, the noun outside the clause
    assert claims(extractor, body) == []


def test_a_report_hung_on_a_noun_is_not_the_statement_of_the_verb_above(extractor: Extractor) -> None:
    # "<X> complained … about rules that <others> say hurt farms": neither <X>'s statement nor a whole one of theirs
    body = "Anna Petrova complained in a letter to the council about the new Northland rules that farmers say hurt small farms."
    assert claims(extractor, body) == []
