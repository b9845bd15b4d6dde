"""Requests, appeals, denials and judgements as claims, and the reporter's narration kept out of them: the
addressee of an instruction is not part of it, "called on <X> to …" states <X> and the act, a past verb
coordinated with a reported intention is what the speaker did, "denied <doing>" states the deed, "slammed
<X> as <Y>" is a characterization, and "<X> warns <A>, says <B>" gives <X> both. Every text is invented."""

from __future__ import annotations

import pytest

from extraction.extract import DocumentInput, Extractor
from extraction.model import Claim


def claims(extractor: Extractor, body: str) -> list[Claim]:
    return list(next(extractor.extract_batch([DocumentInput("d1", body, None, "en")])).claims)


def by_text(extractor: Extractor, body: str) -> dict[str, Claim]:
    return {c.text: c for c in claims(extractor, body)}


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Ivan Petrenko told followers to leave the city before the weekend.", "to leave the city before the weekend"),
        ("Police asked new complainants to consider whether they would testify in court.",
         "to consider whether they would testify in court"),
        # the reporter's account of when it was said is not part of the instruction
        ("Merz told Macron to halt the reform as protests spread across the country.", "to halt the reform"),
    ],
)
def test_an_instruction_is_the_infinitive_not_whom_it_was_given_to(extractor: Extractor, body: str, text: str) -> None:
    assert text in by_text(extractor, body)


def test_an_appeal_on_someone_states_who_is_to_act_and_what(extractor: Extractor) -> None:
    found = by_text(extractor, "Anna Petrova calls on Northland to drop the charges against the journalists")
    claim = found["Northland to drop the charges against the journalists"]
    assert claim.speaker is not None and claim.speaker.name == "Anna Petrova"


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("The Larkspur central bank said it will conduct a review of monetary policy but left its interest rates "
         "unchanged.", "it will conduct a review of monetary policy"),
        ("Zentra said it would cut 4,000 jobs and reported a 20% fall in quarterly profit.", "it would cut 4,000 jobs"),
    ],
)
def test_a_past_verb_after_a_reported_intention_is_the_reporters_narration(
        extractor: Extractor, body: str, said: str) -> None:
    texts = by_text(extractor, body)
    assert said in texts
    assert not any("unchanged" in t or "fall in quarterly" in t for t in texts if t.startswith(said[:10]))


def test_a_bare_verb_that_looks_past_stays_in_the_statement(extractor: Extractor) -> None:
    body = "Merz said he would end the subsidies and put a cap on energy prices."
    assert "he would end the subsidies and put a cap on energy prices" in by_text(extractor, body)


def test_a_second_report_hung_on_the_reported_clause_is_the_speakers(extractor: Extractor) -> None:
    found = by_text(extractor, "Anna Petrova said the country would leave the union by March and suggested that it "
                               "would quit the single market.")
    assert "the country would leave the union by March" in found
    suggested = found["it would quit the single market"]
    assert suggested.speaker is not None and suggested.speaker.name == "Anna Petrova"


def test_a_denial_states_the_deed(extractor: Extractor) -> None:
    claim = by_text(extractor, "Ivan Petrenko denied taking bribes from the contractor.")["taking bribes from the contractor"]
    assert claim.cue == "denied"


def test_a_judging_verb_with_as_is_a_characterization(extractor: Extractor) -> None:
    found = claims(extractor, "Macron slammed the new tariffs as a “disgrace.”")
    assert [c.speaker.name for c in found if c.speaker and c.text.startswith("the new tariffs as a “disgrace")] \
        == ["Emmanuel Macron"]


def test_two_reports_of_one_headline_subject(extractor: Extractor) -> None:
    found = by_text(extractor, "Merz warns Northland could see a hard landing, says interest rates could hit 7%")
    says = found["interest rates could hit 7%"]
    assert says.speaker is not None and says.speaker.name == "Friedrich Merz"


def test_some_members_of_a_group_are_not_a_name_inside_it(extractor: Extractor) -> None:
    body = "Anna Petrova rejected the charges, while many of her European Union colleagues are calling on her to resign."
    assert not any(c.text.endswith("to resign") and c.speaker is not None for c in claims(extractor, body))


def test_an_appeal_without_where_it_was_made(extractor: Extractor) -> None:
    body = "Representative Ivan Petrenko called on Darya Kovacs to resign from the council in a Larkspur Times op-ed on Monday."
    assert "Darya Kovacs to resign from the council" in by_text(extractor, body)


def test_a_clause_under_a_coordinated_act_is_not_the_first_reports(extractor: Extractor) -> None:
    body = "Zentra reported revenue for the fourth quarter and gave a forecast suggesting that sales could rise in the first quarter."
    assert not any(c.cue == "reported" for c in claims(extractor, body))


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Anna Petrova resigned on Friday after saying the budget would not pass.", "the budget would not pass"),
        ("Ivan Petrenko was fired a day after claiming that the talks had collapsed.", "the talks had collapsed"),
    ],
)
def test_what_was_said_before_an_act_is_the_actors(extractor: Extractor, body: str, text: str) -> None:
    claim = by_text(extractor, body)[text]
    assert claim.speaker is not None and claim.speaker.name in ("Anna Petrova", "Ivan Petrenko")


def test_an_appeal_without_what_was_done_after(extractor: Extractor) -> None:
    body = "Anna Petrova urged other states to follow Northland after announcing a new approach to support services."
    assert "other states to follow Northland" in by_text(extractor, body)


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Dockers union warns the port stoppage will spread\n"
         "The Northland Dockers Union said on Monday that its members would stop work again.", "Northland Dockers Union"),
        # a word the name lacks, or two unions that fit: the description stays
        ("Teachers union warns next strike will be twice as big\n"
         "The Northland Dockers Union said on Monday that its members would stop work again.", "Teachers union"),
        ("Dockers union warns the port stoppage will spread\n"
         "The Northland Dockers Union and the Larkspur Dockers Union said that members would stop work again.",
         "Dockers union"),
    ],
)
def test_a_described_organisation_is_the_one_the_text_names_so(extractor: Extractor, body: str, speaker: str) -> None:
    claim = next(c for c in claims(extractor, body) if c.cue == "warns")
    assert claim.speaker is not None and claim.speaker.name == speaker


@pytest.mark.parametrize(
    ("body", "text"),
    [
        # an appeal is parsed though no capitalized name stands before the cue
        ("Bakers call for an end to the flour duty", "an end to the flour duty"),
        ("Northland premier calls on city councils to reopen the closed libraries.",
         "city councils to reopen the closed libraries"),
    ],
)
def test_an_appeal_in_lower_case_is_a_candidate(extractor: Extractor, body: str, text: str) -> None:
    assert text in [c.text for c in claims(extractor, body)]


def test_a_name_that_only_says_whose_ally_is_not_the_speaker(extractor: Extractor) -> None:
    for body in ("A Merz ally said Pakistan should release the former prime minister.",
                 "A Merz ally has called on Pakistan to release the former prime minister from prison."):
        (claim,) = claims(extractor, body)
        assert claim.speaker is not None and claim.speaker.name == "A Merz ally"


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Uganda denies involvement in the border clashes", "involvement in the border clashes"),
        ("Uganda rejected blame for the collapse of the power project.", "blame for the collapse of the power project"),
        ("Anna Petrova dismissed allegations she was behind the leak.", "allegations she was behind the leak"),
        ("Uganda claimed responsibility for the border strike on Monday.", "responsibility for the border strike"),
    ],
)
def test_a_denial_or_a_claim_of_a_report_or_deed_is_a_statement(extractor: Extractor, body: str, text: str) -> None:
    assert [c.text for c in claims(extractor, body)] == [text]


@pytest.mark.parametrize(
    "body",
    [
        "The court denied bail to the activist on Monday.",
        "The storm claimed 12 lives in Kenya last week.",
        "A judge dismissed the charges against Anna Petrova on Monday.",
        "Anna Petrova asked a judge to dismiss the charges against her.",
        "President Anna Petrova on Tuesday dismissed the law professor put forth as a candidate for the post.",
    ],
)
def test_refusing_winning_ruling_or_firing_is_no_statement(extractor: Extractor, body: str) -> None:
    assert [c.cue for c in claims(extractor, body) if c.cue in ("denied", "claimed", "dismissed", "dismiss")] == []


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Uganda hints at a shift in its fuel subsidy policy", "a shift in its fuel subsidy policy"),
    ],
)
def test_a_hint_at_something_is_a_statement(
    extractor: Extractor, body: str, text: str
) -> None:
    assert [c.text for c in claims(extractor, body)] == [text]


def test_a_picture_states_nothing(extractor: Extractor) -> None:
    assert claims(extractor, "Kenya dam: Satellite images reveal Turkana canals drying up") == []


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("The mayor dismissed critics' claims that the tram line would never open.",
         "critics' claims that the tram line would never open"),
        ("Anna Petrova on Friday denied a suggestion that she had misled the committee.",
         "a suggestion that she had misled the committee"),
    ],
)
def test_a_rebutted_report_keeps_its_report_noun(extractor: Extractor, body: str, text: str) -> None:
    # "<X> dismissed attacks that <Y>" must not publish <Y> alone as <X>'s statement: that says the opposite
    assert [c.text for c in claims(extractor, body)] == [text]


def test_a_finding_under_a_rebuttal_is_the_finders(extractor: Extractor) -> None:
    body = ("The council dismissed the complaint last month after a review found that the grades of three "
            "schools were correct.")
    assert [(c.speaker.name if c.speaker else None, c.text) for c in claims(extractor, body)] == [
        ("a review", "the grades of three schools were correct")]
