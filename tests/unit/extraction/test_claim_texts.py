"""What a claim says and who says it, on the shapes the mart audit found wrong in real news: partial quotes
inside reported speech, the reporter's context after the statement, clauses cut by a parenthetical,
section labels, summons read as statements, hyphenated acronyms and headline labels in a speaker, and a
headline's described speaker whom the next line names. Every text is invented."""

from __future__ import annotations

import pytest

from extraction.extract import DocumentInput, Extractor
from extraction.model import Claim


def claims(extractor: Extractor, body: str) -> list[Claim]:
    return list(next(extractor.extract_batch([DocumentInput("d1", body, None, "en")])).claims)


def only(extractor: Extractor, body: str) -> Claim:
    found = claims(extractor, body)
    assert len(found) == 1, [(c.text, c.speaker) for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        # the accused is outside the quote marks: the quoted words alone do not say who is accused
        ("The Northland military has accused Larkspur of “reckless and dangerous manoeuvres” following an "
         "incident off the coast.",
         "Larkspur of “reckless and dangerous manoeuvres”"),
        # the statement's subject is outside the quote; the closing mark after the full stop stays
        ("Northland Bank officials said the decision to quit the panel came after the panel’s mandate had "
         "“grown far beyond its purpose.”",
         "the decision to quit the panel came after the panel’s mandate had “grown far beyond its purpose.”"),
    ],
)
def test_a_partial_quote_inside_reported_speech_keeps_what_it_is_about(
        extractor: Extractor, body: str, text: str) -> None:
    claim = only(extractor, body)
    assert claim.text == text
    assert not claim.is_direct_quote


def test_a_quote_set_apart_by_a_dash_is_the_claim(extractor: Extractor) -> None:
    body = "Yet Anna Petrova has already amended her testimony once — “I now do recall the call,” she said."
    assert [c.text for c in claims(extractor, body)] == ["I now do recall the call"]


def test_the_reporters_as_clause_is_not_part_of_the_statement(extractor: Extractor) -> None:
    body = ("Northland officials announced last week that the two leaders would meet in Larkspur, as the "
            "Veltrano president seeks more loans to fund his budget.")
    assert only(extractor, body).text == "the two leaders would meet in Larkspur"


def test_a_clause_cut_by_a_parenthetical_runs_on_to_its_verb(extractor: Extractor) -> None:
    body = ("The Northland safety commission also revealed that it has, for the first time, used its "
            "new powers to issue orders that can force lenders to stop.")
    assert only(extractor, body).text == (
        "it has, for the first time, used its new powers to issue orders that can force lenders to stop")


def test_a_section_label_is_not_part_of_the_statement(extractor: Extractor) -> None:
    body = "Politics | Some 40,000 tenants are affected by the rent freeze, a Brightwater Media analysis has revealed."
    assert only(extractor, body).text == "Some 40,000 tenants are affected by the rent freeze"


def test_a_summons_is_not_a_statement(extractor: Extractor) -> None:
    body = ("Officers expected to find two stray dogs when anxious residents called them to inspect the "
            "yard in the town's east.")
    assert claims(extractor, body) == []


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # a hyphen inside a name is not a dateline's dash, and joined acronyms are no person
        ("With the strike over, actors will now get a shot at a deal after ZENTRA-QUILL said negotiations "
         "would resume Monday.", ("organization", "ZENTRA-QUILL")),
        # a headline's label before a colon is not part of who speaks, nor the "and" of a cut clause
        ("Exclusive: Northland safety commission investigating nearly 900 reports and has said the "
         "companies removed offensive content 500 times in a year",
         ("descriptor", "Northland safety commission")),
    ],
)
def test_the_speakers_words_are_the_name(extractor: Extractor, body: str, speaker: tuple[str, str]) -> None:
    sp = only(extractor, body).speaker
    assert sp is not None
    assert (sp.speaker_type, sp.name) == speaker


def test_a_role_with_commas_keeps_them(extractor: Extractor) -> None:
    body = ("Another diplomat, former special envoy to Northland Ivan Petrenko, shifted his own account of the "
            "meeting to say Anna Petrova did, in fact, discuss the investigations.")
    sp = only(extractor, body).speaker
    assert sp is not None and sp.role == "diplomat, former special envoy"


@pytest.mark.parametrize(
    "body",
    [
        "Northland aid cuts will ‘haunt’ Ivan Petrenko, says former Larkspur diplomat\n"
        "Darya Kovacs calls for accountability for officials who ensured the flow of arms despite abuses.",
        "Chief prosecutor says Larkspur made ‘no real effort’ to probe war crimes\n"
        "Darya Kovacs's defence of the allegations against the government comes amid delays.",
    ],
)
def test_a_headline_speaker_described_by_role_is_the_person_the_next_line_opens_with(
        extractor: Extractor, body: str) -> None:
    headline = min(claims(extractor, body), key=lambda c: c.start)
    assert headline.speaker is not None
    assert (headline.speaker.speaker_type, headline.speaker.name) == ("person", "Darya Kovacs")


@pytest.mark.parametrize(
    "body",
    [
        # the next line opens with someone the text gives another role
        "Northland must cut rail fares now, says former transport minister\n"
        "Ivan Petrenko, the current minister, rejected calls to cut fares on Monday.",
        # the next line opens with the person the statement is about
        "Ivan Petrenko will be haunted by the aid cuts, says former Larkspur diplomat\n"
        "Ivan Petrenko has denied any part in the decision.",
    ],
)
def test_the_next_line_names_no_speaker_it_does_not_fit(extractor: Extractor, body: str) -> None:
    headline = min(claims(extractor, body), key=lambda c: c.start)
    assert headline.speaker is not None and headline.speaker.speaker_type == "descriptor"


def test_a_country_named_in_a_title_case_headline_speaks_as_the_country(extractor: Extractor) -> None:
    """ "Saudi Arabia Says …": a country name of two words is the country, not a person's name."""
    sp = min(claims(extractor, "Saudi Arabia Says a Palestinian State Is Key to Ties With Israel"),
             key=lambda c: c.start).speaker
    assert sp is not None and (sp.speaker_type, sp.actor_key) == ("country", "country-sau")


@pytest.mark.parametrize(
    ("body", "text"),
    [
        # a quote that opens the claim and closes inside it keeps its opening mark
        ("Petrova Calls for ‘Realistic’ Agreement on Northland’s New Fiscal Rules",
         "‘Realistic’ Agreement on Northland’s New Fiscal Rules"),
        # an apostrophe is no closing mark: the quote opened inside the claim is closed after it
        ("Northland news live: Ivan Petrenko’s jobseeker proposal ‘a thought bubble’, Anna Petrova says",
         "Ivan Petrenko’s jobseeker proposal ‘a thought bubble’"),
    ],
)
def test_quote_marks_inside_a_claim_stay_paired(extractor: Extractor, body: str, text: str) -> None:
    assert min(claims(extractor, body), key=lambda c: c.start).text == text


def test_a_dateline_is_not_the_speaker(extractor: Extractor) -> None:
    """ "CITY – <Body> issued a statement …, emphasizing that …": the parser may take the dateline for a
    second subject; the body speaks, and its role loses the dangling "of the"."""
    body = ("Military blames weather for crash\nLARKSPUR – The General Staff of the Northland Armed Forces issued a "
            "statement on Saturday, emphasizing that claims circulating on social media are far from the truth.")
    sp = only(extractor, body).speaker
    assert sp is not None and "LARKSPUR" not in sp.text and sp.role != "General Staff of the"


@pytest.mark.parametrize(
    ("body", "text"),
    [
        # a cue too common to make a candidate on its own ("notes") does after a name
        ("Anna Petrova notes that the party has lost three elections in a row.",
         "the party has lost three elections in a row"),
        # what someone is accused of may be a gerund clause
        ("Anna Petrova accuses Ivan Petrenko of exposing her to a “cheap attack” over her farm loans.",
         "Ivan Petrenko of exposing her to a “cheap attack” over her farm loans"),
        # "calling for X to do Y", which the parser hangs as a clause
        ("Anna Petrova is calling for Northland to take a stronger role in the conflict.",
         "Northland to take a stronger role in the conflict"),
        # a quote introduced by "released the following statement:"
        ("Ivan Petrenko released the following statement: “We are deeply saddened by the loss of our colleague.”",
         "We are deeply saddened by the loss of our colleague."),
    ],
)
def test_more_ways_of_reporting(extractor: Extractor, body: str, text: str) -> None:
    claim = only(extractor, body)
    assert claim.text == text
    assert claim.speaker is not None and claim.speaker.name in ("Anna Petrova", "Ivan Petrenko")


def test_a_short_quote_with_its_own_comma_and_a_speaker_after_it_is_a_quote(extractor: Extractor) -> None:
    claim = only(extractor, "“It’s fine,” Petrenko said of the plan.")
    assert (claim.text, claim.is_direct_quote) == ("It’s fine", True)
    # scare quotes stay none: no comma of their own, nobody right after them
    assert claims(extractor, "The plan was “fine” by most accounts, and it passed.") == []


def test_a_quotation_running_over_paragraphs_after_a_colon_line_is_its_speakers(extractor: Extractor) -> None:
    body = ('Reporter Darya Kovacs says:\n\n"Well, according to the eyewitness the market there has been '
            'closed all week.\n\n"Traders have moved their stalls to the next town."')
    first = min(claims(extractor, body), key=lambda c: c.start)
    assert first.is_direct_quote and first.text.startswith("Well, according to the eyewitness")
    assert first.speaker is not None and "Darya Kovacs" in first.speaker.name


def test_words_inside_a_quotation_never_speak(extractor: Extractor) -> None:
    body = "“Very fine analyst, very fine analyst this one,” Petrenko, the frontrunner nationally, said."
    assert all(c.speaker is None or "analyst" not in c.speaker.name.casefold() for c in claims(extractor, body))


def test_straight_quotes_pair_within_their_line_and_continue_the_nearest_speaker(extractor: Extractor) -> None:
    """One stray straight mark earlier must not shift every later pair; a quote that continues another
    belongs to the nearest quote's speaker before it."""
    body = ('Petrenko wore a "Northland" hat and a "Larkspur pin.\n'
            '"This is a serious shortage," Petrova said. "We need leadership to solve it."\n'
            '"This is a disease," Kovacs said. "It\'s not a moral failing."')
    found = sorted(claims(extractor, body), key=lambda c: c.start)
    assert [(c.text, c.is_direct_quote, c.speaker.name if c.speaker else None) for c in found] == [
        ("This is a serious shortage", True, "Petrova"),
        ("We need leadership to solve it.", True, "Petrova"),
        ("This is a disease", True, "Kovacs"),
        ("It's not a moral failing.", True, "Kovacs"),
    ]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # the sentence ends at the stop inside the closing mark: the quote is still the heading's
        ("Putin: ‘I will not leave the race before the final vote.’\nHe spoke on Monday.",
         ("person", "Vladimir Putin")),
        # a name no seed knows heads the quote
        ("Petrenko: ‘I will not leave the race before the final vote.’\nHe spoke on Monday.",
         ("descriptor", "Petrenko")),
    ],
)
def test_a_heading_speaker_and_its_quote(extractor: Extractor, body: str, speaker: tuple[str, str]) -> None:
    claim = min(claims(extractor, body), key=lambda c: c.start)
    assert claim.is_direct_quote and claim.speaker is not None
    assert (claim.speaker.speaker_type, claim.speaker.name) == speaker


def test_a_section_label_heads_no_quote(extractor: Extractor) -> None:
    body = "Exclusive: ‘We will not leave the talks before the vote is held.’\nThe envoy spoke on Monday."
    assert all(c.speaker is None or c.speaker.name != "Exclusive" for c in claims(extractor, body))


def test_a_passive_accusation_headline_has_no_speaker(extractor: Extractor) -> None:
    """ "<Body> accused of hampering …": the subject is the accused, not who accuses."""
    body = ("Northland Coastal Agency accused of delaying Senate review into harbour funding\n"
            "Two climate scientists who recently left the division told the inquiry.")
    assert all(c.speaker is None or "Division" not in c.speaker.name for c in claims(extractor, body))


@pytest.mark.parametrize(
    ("body", "cue"),
    [
        ('"The new timetable leaves most rural lines without a late train," said Ivan Veltri, a lecturer in '
         'transport planning at Northland University. "Commuters will simply drive instead."', "said"),
        ('"Every ferry crossing was cancelled twice in the first week of the strike," Darya Kovacs, a research '
         'director at the Brightwater Maritime Center, has written. "The islands ran short of bread."', "written"),
    ],
)
def test_a_quote_after_a_long_attribution_sentence_continues_its_speaker(
        extractor: Extractor, body: str, cue: str) -> None:
    """ "'…,' said <Name>, <a role longer than a short gap>. '…'": the second quote is the same speaker's."""
    found = sorted(claims(extractor, body), key=lambda c: c.start)
    assert len(found) == 2, [(c.text, c.speaker) for c in found]
    assert found[0].speaker is not None and found[1].speaker is not None
    assert found[1].speaker.name == found[0].speaker.name
    assert found[1].cue == cue


def test_a_long_gap_naming_someone_else_continues_no_one(extractor: Extractor) -> None:
    body = ('"The budget is balanced," said Ivan Veltri, who spoke after Anna Petrova had left the hall on '
            'Tuesday evening. "Nobody believes that."')
    found = sorted(claims(extractor, body), key=lambda c: c.start)
    assert [c.text for c in found] == ["The budget is balanced"]


@pytest.mark.parametrize(
    ("body", "speaker", "text"),
    [
        ("The Northland Fisheries Office projects that the cod catch will fall by a fifth by 2031.",
         "Northland Fisheries Office", "the cod catch will fall by a fifth by 2031"),
        ("The Brightwater Institute estimated in March that the flood barrier would save the port $40 million.",
         "Brightwater Institute", "the flood barrier would save the port $40 million"),
        ("A study by the Brightwater Institute found that most ferries ran late.",
         "Brightwater Institute", "most ferries ran late"),
        # inverted: the finding first, then who found it
        ("Two in five Larkspur bridges need urgent repairs, a survey by the Brightwater Institute has found.",
         "Brightwater Institute", "Two in five Larkspur bridges need urgent repairs"),
    ],
)
def test_an_estimate_or_finding_with_a_that_clause_is_a_statement(
        extractor: Extractor, body: str, speaker: str, text: str) -> None:
    claim = only(extractor, body)
    assert claim.speaker is not None and claim.speaker.name == speaker
    assert claim.text == text


@pytest.mark.parametrize(
    "body",
    [
        "Police found the car near the border on Tuesday.",  # no "that" clause: no statement
        "The ministry estimated the damage at $5 million.",
        "Body found in Larkspur park identified, investigation continues",  # "continues" cues quotes only
    ],
)
def test_estimating_or_finding_without_a_that_clause_states_nothing(extractor: Extractor, body: str) -> None:
    assert claims(extractor, body) == []


def test_an_estimate_inside_another_speakers_statement_is_that_speakers(extractor: Extractor) -> None:
    body = ("The Northland government estimates that 3,000 workers will go unpaid, spokesman Ivan Petrenko "
            "said on Monday.")
    assert [c.speaker.name for c in claims(extractor, body) if c.speaker] == ["Ivan Petrenko"]


def test_a_study_of_a_topic_is_not_issued_by_its_topic(extractor: Extractor) -> None:
    body = "A study of plastic waste from the Larkspur coast concluded that coastal species had colonized it."
    assert all(c.speaker is None or "plastic" not in c.speaker.name for c in claims(extractor, body))
    assert claims(extractor, body.replace(" of plastic waste", " by the Brightwater Institute"))


def test_a_promise_of_something_is_a_statement(extractor: Extractor) -> None:
    claim = only(extractor, "Northland's central bank promised more vigorous oversight of lenders.")
    assert claim.text == "more vigorous oversight of lenders"


def test_a_described_speaker_set_beside_a_name_at_its_end_is_that_person(extractor: Extractor) -> None:
    body = ("The harbour master had ignored three warnings about the storm, said another witness at the hearing, "
            "senior deckhand Anna Petrova.")
    sp = only(extractor, body).speaker
    assert sp is not None and (sp.name, sp.speaker_type) == ("Anna Petrova", "person")


def test_a_straight_mark_closed_by_a_curly_one_is_its_own_quote(extractor: Extractor) -> None:
    """ '"…?” said <Name>. "…"': the straight mark that opens the second quote does not close the first."""
    body = '"So who signed the permit for the quarry?” said Anna Petrova on Tuesday. "Nobody at the council."'
    assert sorted(c.text for c in claims(extractor, body)) == [
        "Nobody at the council.", "So who signed the permit for the quarry?"]


def test_a_quote_signed_by_a_dash_and_a_name_is_that_persons(extractor: Extractor) -> None:
    """Readers' comments and epigraphs: '"…" ― <Name>' — each quote its own signer, not the one before."""
    body = ("“The new library is the best thing this town has built in decades. My children go every day.” ― Darya "
            "Kovacs “The opening hours are too short for anyone who works.”― Anna Petrova.\n\n"
            "“We will win this fight” — the crowd chanted on Tuesday.")
    found = sorted(claims(extractor, body), key=lambda c: c.start)
    assert [(c.text[:12], c.speaker.name if c.speaker else None) for c in found][:2] == [
        ("The new libr", "Darya Kovacs"), ("The opening ", "Anna Petrova")]
    # "— the crowd chanted" is no dash signature: the crowd speaks through its verb, and the chant is not the
    # last signer's
    assert all(c.cue == "chanted" for c in found if c.speaker and "crowd" in c.speaker.name)
    assert all(c.speaker is None or c.speaker.name != "Anna Petrova" for c in found[2:])


def test_what_a_named_poll_shows_is_its_issuers_and_what_a_video_shows_is_no_ones(extractor: Extractor) -> None:
    body = ("A Brightwater Bank poll shows that most Northland farmers plan to plant less wheat next year. "
            "Video shows that the ferry left the harbour before the storm.")
    found = claims(extractor, body)
    assert [(c.speaker.name if c.speaker else None, c.text[:20]) for c in found] == [
        ("Brightwater Bank", "most Northland farme")]


def test_a_survey_that_speaks_again_is_not_the_person_named_before_it(extractor: Extractor) -> None:
    body = ("Ivan Petrenko's novel was among the most borrowed, according to the Brightwater Institute. "
            "But the survey also showed that village libraries are closing at weekends.")
    assert all(c.speaker is None or c.speaker.name != "Ivan Petrenko" for c in claims(extractor, body))


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("UN: Larkspur schools damaged by the storm need new roofs\nThe appeal was launched on Monday.",
         "United Nations"),
        ("Macron: Northland's plan to close the border crossings is a mistake\nThe plan was announced on Friday.",
         "Emmanuel Macron"),
        # a name labelling a portrait or a feature, not a statement
        ("Macron: A banker who was also a philosopher\nHe studied in Paris.", None),
        ("Macron: How the president was taught to ride a horse\nHe learned it quickly.", None),
    ],
)
def test_a_headline_opened_by_a_name_and_a_colon_states_its_clause(
        extractor: Extractor, body: str, speaker: str | None) -> None:
    found = [c for c in claims(extractor, body) if c.cue == ":"]
    assert [c.speaker.name for c in found if c.speaker] == ([speaker] if speaker else [])


def test_what_a_persons_presence_indicates_is_no_statement_of_theirs(extractor: Extractor) -> None:
    body = "Macron's presence at the session indicates that the ministry is fully involved in the talks."
    assert claims(extractor, body) == []


@pytest.mark.parametrize(
    "body",
    [
        # a statement not made yet
        "The Northland regulator will argue that the ferry company ignored the safety notices.",
        # a headline's passive: the inquiry was told, it told no one
        "Ferry crews were never trained for night crossings, Northland inquiry told",
    ],
)
def test_no_statement_is_made_by_a_future_cue_or_by_whoever_was_told(extractor: Extractor, body: str) -> None:
    assert claims(extractor, body) == []


def test_a_quote_is_not_attributed_across_its_topic_to_a_later_cue(extractor: Extractor) -> None:
    body = ("Analysts warn of ‘long and very costly delays’ at the canal as governor Ivan Petrenko accuses "
            "Larkspur of blocking the locks")
    assert all(c.speaker is None or c.speaker.name != "Ivan Petrenko" for c in claims(extractor, body)
               if c.text == "long and very costly delays")
    # nor is the clause after "as" what the analysts or the aid chief warned of
    body = body.replace("Analysts warn", "Port chief Anna Petrova warns")
    assert {c.text for c in claims(extractor, body) if c.cue == "warns"} == {"long and very costly delays"}


def test_a_description_restricted_by_a_relative_clause_is_not_the_person_named_before(extractor: Extractor) -> None:
    body = ("Macron opened the session on Monday. The adviser he appointed last week said he would support a ban "
            "on night flights over the city.")
    assert all(c.speaker is None or c.speaker.name != "Emmanuel Macron" for c in claims(extractor, body))


def test_a_named_speakers_words_inside_anothers_report_are_both_claims(extractor: Extractor) -> None:
    body = ("Macron said at a Sunday market in Lille that Merz once described the new bridge as “a model” for "
            "border towns.")
    assert sorted(c.speaker.name for c in claims(extractor, body) if c.speaker) == ["Emmanuel Macron", "Friedrich Merz"]


def test_a_pronoun_inside_anothers_report_makes_no_second_claim(extractor: Extractor) -> None:
    body = ("Macron told Merz he had read the report on the canal and stated that the engineers were finishing "
            "the locks on time.")
    assert len(claims(extractor, body)) == 1


def test_a_sentence_opened_by_according_to_states_what_follows_its_comma(extractor: Extractor) -> None:
    """The parser may make "According" the root and read the statement's verb as a noun."""
    claim = only(extractor, "According to veteran radio presenter Ivan Petrenko, the decision reeks of “panic” and "
                            "haste.")
    assert claim.text == "the decision reeks of “panic” and haste"
    assert claim.speaker is not None and claim.speaker.name == "Ivan Petrenko"
    assert claims(extractor, "According to Macron, basically.") == []


def test_saying_by_way_of_a_reply_is_the_replier_speaking(extractor: Extractor) -> None:
    claim = only(extractor, "Macron opened the summit by saying that the war would end before the winter.")
    assert claim.speaker is not None and claim.speaker.name == "Emmanuel Macron"
    assert claim.text == "the war would end before the winter"


def test_the_subject_of_a_statement_after_according_to_is_the_statements(extractor: Extractor) -> None:
    body = "According to the Northland army chief, a counter-attack to retake the eastern towns will begin shortly."
    found = claims(extractor, body)
    assert [(c.speaker.name if c.speaker else None, c.text) for c in found] == [
        ("the Northland army chief", "a counter-attack to retake the eastern towns will begin shortly.")]


@pytest.mark.parametrize(
    "body",
    [
        "The strike many parents say they do not support is now certain.",
        "The ferry plan the minister said would cut costs was dropped on Monday.",
        "Anna Petrova, who leads the Larkspur dockers, said in a statement that the union believes that the...",
    ],
)
def test_words_that_lack_an_argument_or_run_into_a_cut_clause_state_nothing(extractor: Extractor, body: str) -> None:
    assert claims(extractor, body) == []


def test_a_reduced_relative_with_a_whole_statement_still_states_it(extractor: Extractor) -> None:
    found = claims(extractor, "The day the minister said she would resign, the markets in Larkspur fell sharply.")
    assert [c.text for c in found] == ["she would resign"]


@pytest.mark.parametrize(
    "body",
    [
        # what charges, allegations or claims say is not what the subject of the verb above them says
        "The Kenyan singer agreed to the fine and a suspended sentence over charges that she defrauded the state "
        "of 14.5 million euros.",
        "Anna Petrova responded to the minister’s claims that he could end the war within a day.",
        # a title of advice is no statement of those it cites
        "What to Do in Lima, According to Its Most In-the-Know Residents",
    ],
)
def test_no_claim_from_anothers_proposition_or_a_title_of_advice(extractor: Extractor, body: str) -> None:
    assert claims(extractor, body) == []


def test_a_writers_reading_in_an_adjunct_is_not_the_speakers(extractor: Extractor) -> None:
    claim = only(extractor, "Several residential buildings were damaged in a drone attack on Lima, the city’s mayor "
                            "said, in the latest sign that the war may be spreading beyond the border.")
    assert claim.text == "Several residential buildings were damaged in a drone attack on Lima"


def test_a_question_word_statement_according_to_someone_is_kept(extractor: Extractor) -> None:
    # guard: only "what to …" titles are left out
    assert only(extractor, "How the war will end is unclear, according to Anna Petrova.").text \
        == "How the war will end is unclear"


def test_a_title_case_headlines_last_verb_ends_the_statement(extractor: Extractor) -> None:
    claim = only(extractor, "Anna Petrova Says She’d Finish the Job Petrenko Started\n"
                            "This is the newsletter about money and power.")
    assert claim.text == "She’d Finish the Job Petrenko Started"


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # a name cut to its last word is the one outlet or organisation named so before
        ("The Kenya Herald reported the talks had stalled. The Herald said that a deal was unlikely before Friday.",
         "The Kenya Herald"),
        # (a no-break space after it, as feeds write them)
        ("The Kenya Herald reported the talks had stalled. Citing a diplomat, the Herald\xa0reported\xa0that a deal "
         "was unlikely before Friday.", "The Kenya Herald"),
        # guard: two named so, the short form is only described
        ("The Kenya Herald and the Lima Herald reported the talks had stalled. The Herald said that a deal was "
         "unlikely before Friday.", None),
    ],
)
def test_a_name_cut_to_its_last_word(extractor: Extractor, body: str, speaker: str | None) -> None:
    second = max(claims(extractor, body), key=lambda c: c.start)
    assert second.speaker is not None
    assert (second.speaker.name if second.speaker.speaker_type != "descriptor" else None) == speaker


def test_a_hyphenated_former_office_refers_back_to_the_speaker_named_before(extractor: Extractor) -> None:
    # "the ex-immigration minister" is three words, however the parser splits the hyphen
    found = claims(extractor, "Kenya asylum bill is too weak to be a deterrent, says Ivan Petrenko\n"
                              "The ex-immigration minister says the prime minister's bill to revive the asylum scheme "
                              "\"doesn't do the job\".")
    second = max(found, key=lambda c: c.start)
    assert second.speaker is not None and second.speaker.name == "Ivan Petrenko"


def test_a_section_label_is_no_speaker(extractor: Extractor) -> None:
    found = claims(extractor, "Anna Petrova says police not to blame for imprisonment as country mayors push for "
                              "inquiry\nExclusive: ‘We can’t just put it all on the police’s shoulders’ says Kenyan "
                              "premier as figures show a rise.")
    assert all(c.speaker is None or c.speaker.name != "Exclusive" for c in found)


def _lede_speaker(extractor: Extractor, body: str) -> str | None:
    lede = [c for c in claims(extractor, body) if c.start > body.index("\n")]
    assert lede and lede[0].speaker is not None
    return lede[0].speaker.name if lede[0].speaker.speaker_type != "descriptor" else None


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # the lede describes the one whose statement the headline reports
        ("Rail projects face the axe amid cost blowouts, Anna Petrova says\n"
         "Investment pipeline ‘has been left in an absolute mess’, minister says as spending fuels inflation",
         "Anna Petrova"),
        ("Ivan Petrenko says the opposition has failed to answer if the pact compromises sovereignty\n"
         "Former PM says the operation of the submarines will depend on others, ‘a momentous change’",
         "Ivan Petrenko"),
        # (after a fronted clause)
        ("Anna Petrova says party moderates must vote against the overhaul\nAfter internal concerns were raised over the "
         "party's position, opposition leader says she expects no one to break ranks", "Anna Petrova"),
        ("Zentra Corp says it will delay shipments over a port dispute\n"
         "Second shipment will not happen until the port reopens, says shipping group", "Zentra Corp"),
        # guards: a woman is not the man the headline names; one who challenges the headline's speaker is another
        ("Ivan Petrenko denies exposing himself to a colleague\nYoung woman told court the former staffer was rude.",
         None),
        ("Anna Petrova says the referendum is on track to fail after meeting the working group\n"
         "Working group leader challenges Petrova’s account of the meeting, saying they were ‘not that far apart’",
         None),
        # … nor one who speaks for another
        ("Anna Petrova says the referendum is on track to fail\nSpokesperson says the meeting was ‘productive’", None),
    ],
)
def test_a_ledes_described_speaker_is_the_headlines(extractor: Extractor, body: str, speaker: str | None) -> None:
    assert _lede_speaker(extractor, body) == speaker


def test_a_described_speaker_later_in_the_lede_is_not_the_headlines(extractor: Extractor) -> None:
    # "<the headline's speaker, described> criticises …, as <another office> insists …"
    found = claims(extractor, "Key pillars of the migration bill have been abandoned, says Anna Petrova\n"
                              "Former home secretary criticises concessions as cabinet minister insists progress "
                              "can be made to stop the crossings")
    insisted = next(c for c in found if c.text.startswith("progress"))
    assert insisted.speaker is not None and insisted.speaker.speaker_type == "descriptor"


def test_a_mood_around_is_no_statement_but_a_concern_highlighted_is(extractor: Extractor) -> None:
    assert claims(extractor, "A senior lawmaker asked the ministry for documents on export controls, amid concerns "
                             "that the government isn’t doing enough to restrict access to chips.") == []
    found = claims(extractor, "Kenya is closely monitoring efforts to evade sanctions, Anna Petrova said on Tuesday, "
                              "highlighting concerns that Peru is receiving microchips through imports from its "
                              "neighbours.")
    highlighted = next(c for c in found if c.text.startswith("Peru"))
    assert highlighted.speaker is not None and highlighted.speaker.name == "Anna Petrova"


def test_a_lede_office_the_headlines_person_never_held_is_another(office_extractor: Extractor) -> None:
    # guard of the seeded-office condition: the gazetteer knows the headline's speaker as prime minister
    body = ("The economy is on the brink, Maria Lopez says\n"
            "Defence minister warns the country is ‘bankrupt’ after the latest talks fail")
    lede = [c for c in claims(office_extractor, body) if c.start > body.index("\n")]
    assert lede and lede[0].speaker is not None and lede[0].speaker.name != "Maria Lopez"


def test_a_lede_government_body_is_not_the_headlines_organisation(extractor: Extractor) -> None:
    # guard of the organisation-body condition: a department speaks for a state, not for the headline's company
    assert _lede_speaker(extractor, "Zentra Corp says it will delay shipments over a port dispute\n"
                                    "Second shipment will not happen until the port reopens, says trade department") \
        is None
