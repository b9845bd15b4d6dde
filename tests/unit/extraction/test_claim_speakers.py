"""Who speaks: a speaker described by a role in a headline is the one person the text names with that
role; coordinated names each speak."""

from __future__ import annotations

import pytest

from extraction.extract import DocumentInput, Extraction, Extractor


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


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Northwind Group, Bluefield Bank and Kestrel Holdings said they raised prices because of the tariffs.",
         [("organization", "Bluefield Bank"), ("organization", "Kestrel Holdings"), ("organization", "Northwind Group")]),
        ("Anna Petrova and Ivan Petrenko told reporters that the talks had failed.",
         [("person", "Anna Petrova"), ("person", "Ivan Petrenko")]),
        ("Kenya and Uganda said the border would reopen next week.",
         [("country", "Kenya"), ("country", "Uganda")]),
    ],
)
def test_coordinated_names_each_say_it(extractor: Extractor, body: str, expected: list[tuple[str, str]]) -> None:
    claims = run(extractor, body).claims
    assert len({(c.start, c.end) for c in claims}) == 1
    assert sorted((c.speaker.speaker_type, c.speaker.name) for c in claims if c.speaker) == expected


def test_one_name_with_a_coordination_inside_it_is_one_speaker(extractor: Extractor) -> None:
    claims = run(extractor, "The Ministry of Trade and Industry said exports rose sharply last year.").claims
    assert [(c.speaker.speaker_type, c.speaker.name) for c in claims if c.speaker] == [
        ("organization", "Ministry of Trade and Industry")]


def test_a_name_the_ner_calls_an_organization_is_a_person_with_a_given_name(extractor: Extractor) -> None:
    from extraction.names import has_given_name

    assert has_given_name("Anna Petrova") and not has_given_name("Northwind Foods") and not has_given_name("Anna")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Anna Petrova called for a ceasefire in the north on Monday.", "a ceasefire in the north"),
        ("Ivan Petrenko accused the ministry of gross negligence on Monday.", "the ministry of gross negligence"),
        ("Ivan Petrenko warned Anna Petrova of a sharp rise in prices.", "a sharp rise in prices"),
        ("Several lawmakers warned against a bill to lift duties on steel imports.",
         "against a bill to lift duties on steel imports"),
        ("Kenya urges inquiry into border killings", "inquiry into border killings"),
        # the reporter's framing after it is not what was demanded
        ("Several lawmakers warned against a bill to lift duties on steel imports in a letter to the committee.",
         "against a bill to lift duties on steel imports"),
        ("Kenya called for a ceasefire between Uganda and Northland as part of a five-point plan.",
         "a ceasefire between Uganda and Northland"),
    ],
)
def test_a_demand_warning_or_accusation_states_its_noun_phrase(extractor: Extractor, body: str, expected: str) -> None:
    (claim,) = run(extractor, body).claims
    assert claim.text == expected and not claim.is_direct_quote


@pytest.mark.parametrize(
    "body",
    [
        "Ivan Petrenko urged calm on Monday.",  # too short to be a statement
        "Anna Petrova called the meeting on Monday.",  # no "for": not a demand
        "Ivan Petrenko warned Anna Petrova on Monday.",  # whom, not what
    ],
)
def test_a_bare_object_is_no_statement(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).claims == []


@pytest.mark.parametrize(
    "body",
    [
        "Supporters of Anna Petrova said the election had been rigged.",
        "Anna Petrova's aides said the talks had failed.",
        "Some members of Anna Petrova's party called for the expulsion of the ambassador on Monday.",
    ],
)
def test_a_group_named_by_a_person_is_not_that_person(extractor: Extractor, body: str) -> None:
    (claim,) = run(extractor, body).claims
    assert claim.speaker is not None and claim.speaker.speaker_type == "descriptor"


def test_people_in_apposition_to_a_plural_are_the_speakers(extractor: Extractor) -> None:
    claims = run(extractor, "Our correspondents Anna Petrova and Ivan Petrenko said the talks would resume.").claims
    assert {c.speaker.name for c in claims if c.speaker} <= {"Anna Petrova", "Ivan Petrenko"} and claims


def test_the_object_of_a_causative_verb_does_what_follows(extractor: Extractor) -> None:
    (claim,) = run(extractor, "The dispute prompted Anna Petrova to urge an inquiry into the killings.").claims
    assert claim.speaker is not None and claim.speaker.name == "Anna Petrova"
    (claim,) = run(extractor, "Ivan Petrenko used a speech to warn that a conflict would be devastating.").claims
    assert claim.speaker is not None and claim.speaker.name == "Ivan Petrenko"


def test_the_club_is_an_organisation_not_the_person_before_it(extractor: Extractor) -> None:
    body = ("Northland United want to sign Ivan Petrenko. The club said it was in talks with his agent "
            "about a transfer.")
    claims = run(extractor, body).claims
    assert claims and all(c.speaker is None or c.speaker.name != "Ivan Petrenko" for c in claims)


def test_a_relative_clause_with_its_own_attribution_is_no_standalone_claim(extractor: Extractor) -> None:
    body = "Anna Petrova founded Northwind Group, which she said would transform the grain trade."
    assert all(not c.text.startswith("which") for c in run(extractor, body).claims)


def test_a_subject_before_a_partial_quote_stays_in_the_claim(extractor: Extractor) -> None:
    (claim,) = run(extractor, "Council leaders say Anna Petrova ‘has to stop speaking for our villages’.").claims
    assert claim.text.startswith("Anna Petrova") and not claim.is_direct_quote
    (claim,) = run(extractor, "Ivan Petrenko said he ‘will not resign under any circumstances’.").claims
    assert claim.text == "will not resign under any circumstances" and claim.is_direct_quote


def test_a_headline_role_with_its_country_is_the_person_the_body_names_with_the_role(extractor: Extractor) -> None:
    body = ("Northland's opposition leader wants a snap vote: 'We are ready to govern'\n"
            "Northlander opposition leader Anna Petrova called for an early election on Thursday.")
    claim = min(run(extractor, body).claims, key=lambda c: c.start)
    assert claim.speaker is not None and claim.speaker.name == "Anna Petrova"


@pytest.mark.parametrize(
    "body",
    [
        "Most economists say that rents will keep climbing next year.",
        "Independent economists argue that rents will keep climbing next year.",
        "Backers of the ferry plan said it will cut travel times by an hour.",
    ],
)
def test_a_group_no_one_can_identify_is_no_speaker(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).claims == []


def test_a_stock_that_added_points_made_no_statement(extractor: Extractor) -> None:
    assert run(extractor, "The index added more than 3% to end the week at a record.").claims == []
    (claim,) = run(extractor, "Anna Petrova added that sales rose 5% last year.").claims
    assert claim.text == "sales rose 5% last year"


def test_a_title_the_parser_split_off_a_name_leaves_the_name_as_speaker(extractor: Extractor) -> None:
    (claim,) = run(extractor, "In a memo, executive chair Ivan Veltri told staff that the plant would close in May.").claims
    assert claim.speaker is not None and claim.speaker.name == "Ivan Veltri"


@pytest.mark.parametrize(
    "body",
    [
        "Emmanuel Macron spoke by phone with Friedrich Merz on Sunday, the Elysee said.",
        "Friedrich Merz will visit Larkspur next month, according to the Courier.",
    ],
)
def test_a_name_with_its_article_is_not_the_person_named_before(extractor: Extractor, body: str) -> None:
    """ "the <Palace> said", "according to the <Paper>": a proper noun with "the" names a body, it does not
    refer back to the last person named, as "the minister said" does."""
    (claim,) = run(extractor, body).claims
    assert claim.speaker is not None
    assert "Merz" not in claim.speaker.name and claim.speaker.actor_key is None
    assert claim.speaker.text.startswith("the ")


@pytest.mark.parametrize(
    "body",
    [
        "Emmanuel Macron met Friedrich Merz in Berlin on Monday, where he said the alliance would hold.",
        "Emmanuel Macron hosted Friedrich Merz at a dinner, during which he said Europe must rearm.",
    ],
)
def test_a_pronoun_in_a_clause_of_the_occasion_is_its_host(extractor: Extractor, body: str) -> None:
    # the relative clause tells of the main clause's occasion: its "he" is who met or hosted, not the nearest name
    assert headline_speaker(extractor, body) == ("person", "Emmanuel Macron")



def test_a_lone_surname_is_the_person_the_text_names_in_full(extractor: Extractor,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # the actor linker may leave a bare surname unlinked (a seed person without it as an alias): the claim's
    # speaker is still the one person named "<Given> <Surname>", not a descriptor
    import extraction.extract as extract_module

    find = extract_module.find_claims

    def without_surnames(text, sentences, parsed, mentions, *args, **kwargs):  # type: ignore[no-untyped-def]
        return find(text, sentences, parsed, [m for m in mentions if " " in m.text], *args, **kwargs)

    monkeypatch.setattr(extract_module, "find_claims", without_surnames)
    body = ("Northland's foreign minister, Darya Kovacs, has said all hostages were freed.\n"
            "\"Thank you to the Larkspur government for its help in securing a peaceful end,\" Kovacs wrote on Sunday.")
    claims = run(extractor, body).claims
    quote = next(c for c in claims if c.is_direct_quote)
    assert quote.speaker is not None
    assert (quote.speaker.speaker_type, quote.speaker.name) == ("person", "Darya Kovacs")


def test_words_that_describe_an_unknown_name_are_its_role(extractor: Extractor) -> None:
    claim = run(extractor, "Northland mobile operator Zentra-Tel said on Monday that the outage had ended.").claims[0]
    assert claim.speaker is not None
    assert (claim.speaker.speaker_type, claim.speaker.name, claim.speaker.role) == (
        "organization", "Zentra-Tel", "Northland mobile operator")


def test_a_brand_hyphened_to_a_capital_is_no_person(extractor: Extractor) -> None:
    claim = run(extractor, "Z-Net said on Monday that the outage had ended.").claims[0]
    assert claim.speaker is not None and claim.speaker.speaker_type == "organization"


@pytest.mark.parametrize("group", ["band", "team"])
def test_the_band_or_the_team_is_not_the_person_named_before(extractor: Extractor, group: str) -> None:
    body = f"Anna Petrova performed in Larkspur on Friday. The {group} said its spring tour of Northland would go ahead."
    claim = run(extractor, body).claims[0]
    assert claim.speaker is not None and claim.speaker.speaker_type != "person"


def test_a_role_of_a_country_set_beside_a_name_no_one_linked_is_that_person(
        extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    # a name the actor linker missed, in apposition to "<Country>'s minister for …": the person, with the role
    import extraction.extract as extract_module

    find = extract_module.find_claims

    def without_people(text, sentences, parsed, mentions, *args, **kwargs):  # type: ignore[no-untyped-def]
        return find(text, sentences, parsed, [m for m in mentions if m.actor_type != "person"], *args, **kwargs)

    monkeypatch.setattr(extract_module, "find_claims", without_people)
    body = "Northland's minister for trade and industry, Anna Kestrelova, said the tariffs would be lifted in May."
    claim = run(extractor, body).claims[0]
    assert claim.speaker is not None
    assert (claim.speaker.speaker_type, claim.speaker.name) == ("person", "Anna Kestrelova")
    assert claim.speaker.role is not None and claim.speaker.role.startswith("Northland's minister")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Larkspur councillor says Northland must reopen the border\n"
         "Council Chairman Ivan Petrenko said on Monday that the border had been closed for too long.", "Ivan Petrenko"),
        ("Zentra shop owner says the new tax will close her bakery\n"
         "Darya Kovacs told the Larkspur council on Monday that sales had fallen by half.", "Darya Kovacs"),
    ],
)
def test_a_doer_described_in_the_headline_is_the_person_the_lede_opens_with(extractor: Extractor, body: str,
                                                                             expected: str) -> None:
    # "<Place> councillor", "shop owner": a singular noun of a doer describes one person, whom the lede names
    assert headline_speaker(extractor, body) == ("person", expected)


def test_data_from_a_named_source_speaks_for_that_source(extractor: Extractor) -> None:
    # "according to data from <X>": what <X> compiled and published, <X> the source
    body = "Grain exports from Northland fell by a third last year, according to data from the Larkspur Grain Council."
    claim = run(extractor, body).claims[0]
    assert claim.speaker is not None
    assert (claim.speaker.speaker_type, claim.speaker.name) == ("organization", "Larkspur Grain Council")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Ivan Petrenko received a message from his lawyer saying the case had been dropped.", "his lawyer"),
        ("Ivan Petrenko received a letter on Monday saying the case had been dropped.", None),
    ],
)
def test_a_received_message_says_what_its_sender_said(extractor: Extractor, body: str, expected: str | None) -> None:
    # "<X> received a letter from <Y> saying …": <Y> said it, not <X>; with no sender named, no one the text names
    speakers = [c.speaker.name for c in run(extractor, body).claims if c.speaker]
    assert speakers == ([expected] if expected else [])


def test_a_title_opening_an_unknown_name_is_the_speakers_role_not_his_name(extractor: Extractor) -> None:
    body = ("Larkspur port workers end their strike\n"
            "Spokesman al-Rashidi says the workers will return to the docks on Monday morning.")
    (c,) = run(extractor, body).claims
    assert c.speaker is not None and (c.speaker.name, c.speaker.speaker_type, c.speaker.role) == (
        "al-Rashidi", "person", "Spokesman")


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        ("France's president said the talks would resume.", "Emmanuel Macron", "France's president"),
        ("French President Emmanuel Macron said the talks went well.", "Emmanuel Macron", "French President"),
    ],
)
def test_a_speaker_found_by_his_office_or_titled_by_it_keeps_the_office_in_his_role(
    extractor: Extractor, body: str, name: str, role: str
) -> None:
    (c,) = run(extractor, body).claims
    assert c.speaker is not None and (c.speaker.name, c.speaker.role) == (name, role)


def test_a_title_word_inside_an_organizations_name_is_not_its_role(extractor: Extractor) -> None:
    (c,) = run(extractor, "Iran’s General Directorate of Archives has announced that it has taken legal measures.").claims
    assert c.speaker is not None and (c.speaker.name, c.speaker.role) == ("General Directorate of Archives", "Iran’s")


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("According to information provided by Reuters, the ministry has frozen two bank accounts.", "Reuters"),
        ("Trade grew by a fifth last year, according to figures released by the Kenyan customs administration.",
         "the Kenyan customs administration"),
    ],
)
def test_information_or_figures_released_by_a_source_are_that_sources(
    extractor: Extractor, body: str, speaker: str
) -> None:
    (claim,) = run(extractor, body).claims
    assert claim.speaker is not None and claim.speaker.name == speaker


def test_a_dateline_is_never_the_speaker(extractor: Extractor) -> None:
    (claim,) = run(extractor, "NAIROBI, Kenya — Uganda said Sunday it will open its new rail link in May.").claims
    assert claim.speaker is not None and claim.speaker.name == "Uganda"
    assert claim.text.startswith("it will open its new rail link")


def test_the_rest_of_a_coordinated_subject_is_no_role(extractor: Extractor) -> None:
    (claim,) = run(extractor, "Anna Petrova and economists say the rail fare rise should be scrapped.").claims
    assert claim.speaker is not None and claim.speaker.role is None


def test_a_given_name_before_a_linked_surname_is_the_name_not_a_role(extractor: Extractor) -> None:
    # a Title Case headline is not run through NER: only the surname is linked to the person the body names
    claims = run(extractor, "Rail Fares Must Be Frozen, Commentator Anna Petrova Says\n"
                            "Anna Petrova, a former transport minister, resigned on Monday.").claims
    (claim,) = claims
    assert claim.speaker is not None and claim.speaker.name == "Anna Petrova"
    assert claim.speaker.role == "Commentator"


def test_the_day_a_statement_was_made_is_not_part_of_it(extractor: Extractor) -> None:
    (claim,) = run(extractor, "Uganda said on Wednesday it would hire 500 more teachers.").claims
    assert claim.text == "it would hire 500 more teachers"


def test_an_occupation_before_a_full_name_is_the_role_not_the_name(extractor: Extractor) -> None:
    (claim,) = run(extractor, "Comedian Ivan Petrenko denies allegations that he skipped his taxes.").claims
    assert claim.speaker is not None
    assert (claim.speaker.name, claim.speaker.role) == ("Ivan Petrenko", "Comedian")


def test_a_heading_opened_by_an_occupation_and_a_full_name_is_that_persons(extractor: Extractor) -> None:
    body = "Filmmaker Darya Kovacs: ‘Every film I make is about my grandmother’\nThe director spoke on Monday."
    (claim,) = run(extractor, body).claims
    assert claim.speaker is not None
    assert (claim.speaker.name, claim.speaker.role) == ("Darya Kovacs", "Filmmaker")
    # words to someone are not theirs
    body = "Neighbours to Darya Kovacs: ‘Your music kept us awake all summer’\nThe neighbours spoke on Monday."
    assert [c.speaker.name for c in run(extractor, body).claims if c.speaker] == []


def test_a_headline_topic_before_a_colon_is_not_the_statement(extractor: Extractor) -> None:
    body = "Kenya riots: Calm night despite anger over the singer's arrest, police say\nShops reopened."
    (claim,) = [c for c in run(extractor, body).claims if c.cue == "say"]
    assert claim.text == "Calm night despite anger over the singer's arrest"


def test_a_hyphenated_prefix_the_parser_splits_off_stays_with_the_speaker(extractor: Extractor) -> None:
    (claim,) = run(extractor, "Ex-men's hockey boss says officials ignored doping reports").claims
    assert claim.speaker is not None and claim.speaker.name == "Ex-men's hockey boss"


@pytest.mark.parametrize(
    "body",
    [
        "Ivan Petrenko was arrested in March. The indictment alleges that the money was moved through three banks.",
        "Anna Petrova filed the complaint in June. The force said its officers would review the case by Friday.",
    ],
)
def test_a_definite_description_of_a_thing_or_a_body_is_not_the_person_named_before(
        extractor: Extractor, body: str) -> None:
    speakers = [c.speaker for c in run(extractor, body).claims if c.speaker]
    assert speakers and all(s.speaker_type == "descriptor" for s in speakers)


@pytest.mark.parametrize(("noun", "expected"), [("lawyer", "Ivan Petrenko"), ("star", "Anna Petrova")])
def test_a_definite_description_of_a_person_takes_up_the_person_named_before(
        extractor: Extractor, noun: str, expected: str) -> None:
    first = "Ivan Petrenko" if expected == "Ivan Petrenko" else "Anna Petrova"
    body = f"{first} arrived at the hearing in Larkspur on Monday. The {noun} said the case had no merit."
    assert [(c.speaker.speaker_type, c.speaker.name) for c in run(extractor, body).claims if c.speaker] == [
        ("person", expected)]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Ivan Petrenko took office in March. The Petrenko administration said on Tuesday that the new tariffs "
         "would take effect in May.", "Petrenko administration"),
        ("Anna Petrova's office said she had cancelled the trip to Larkspur because of the storm.",
         "Anna Petrova's office"),
        ("The family of Ivan Petrenko say he was never told why the visa was refused.", "family of Ivan Petrenko"),
    ],
)
def test_a_body_or_kin_named_after_a_person_is_not_that_person(extractor: Extractor, body: str, name: str) -> None:
    speakers = [c.speaker for c in run(extractor, body).claims if c.speaker]
    assert speakers and all(s.speaker_type == "descriptor" and name in s.name for s in speakers)


def test_a_name_set_beside_a_role_inside_its_of_phrase_still_speaks(extractor: Extractor) -> None:
    body = "The chair of the Northland Rail Authority, Anna Petrova, said the fares would not rise this year."
    assert [(c.speaker.speaker_type, c.speaker.name) for c in run(extractor, body).claims if c.speaker] == [
        ("person", "Anna Petrova")]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The ferry operator, which runs four routes across the bay, said on Friday it would cut 300 jobs.",
         "The ferry operator"),
        ("The veteran senator, who is widely expected to retire next spring, said the state would not raise taxes.",
         "The veteran senator"),
    ],
)
def test_a_clause_set_off_after_the_speaker_is_not_part_of_the_speaker(
        extractor: Extractor, body: str, name: str) -> None:
    assert [c.speaker.name for c in run(extractor, body).claims if c.speaker] == [name]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Northwind Canada said on Tuesday that its two plants in Larkspur would close.",
         ("organization", "Northwind Canada")),
        ("Hydrology Australia said the river had risen two metres overnight in the north.",
         ("organization", "Hydrology Australia")),
        # a title, or a word of the place's own name, before the country leaves the country speaking
        ("Northern Ireland said the border would stay open.", ("country", "United Kingdom")),
        ("Canada said the plant in Larkspur would close next year.", ("country", "Canada")),
    ],
)
def test_a_name_ended_by_a_country_is_an_organisation_of_that_country(
        extractor: Extractor, body: str, expected: tuple[str, str]) -> None:
    assert [(c.speaker.speaker_type, c.speaker.name) for c in run(extractor, body).claims if c.speaker] == [expected]


def test_an_unnamed_source_keeps_what_it_knows(extractor: Extractor) -> None:
    body = "A person with knowledge of the plan said the bridge would reopen in May."
    assert [c.speaker.name for c in run(extractor, body).claims if c.speaker] == ["A person with knowledge of the plan"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Northland fired 12 missiles at the port overnight, officials said on Friday.", "officials"),
        ("Sources close to the talks said the deal was nearly done.", "Sources close to the talks"),
        ("Layoffs will begin this week, according to two people familiar with the matter.",
         "two people familiar with the matter"),
        # the one they are close to is not the source
        ("Anna Petrova will resign next week, people close to the minister said.", "people close to the minister"),
    ],
)
def test_officials_and_sources_the_text_keeps_unnamed_speak(extractor: Extractor, body: str, expected: str) -> None:
    claims = run(extractor, body).claims
    assert [(c.speaker.speaker_type, c.speaker.name) for c in claims if c.speaker] == [("descriptor", expected)]


@pytest.mark.parametrize(
    "body",
    # guards: a group that identifies no one is no source
    ["Analysts said the market would recover by the summer.", "Many people say the plan will fail next year."],
)
def test_a_group_that_identifies_no_one_is_no_speaker(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).claims == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # another office given to the person before: the description is someone else
        ("Northland President Ivan Petrenko arrived in Larkspur. The ambassador said the talks had failed.",
         ("descriptor", "The ambassador")),
        ("Its chief executive, Ivan Petrenko, denied any wrongdoing. The prosecuting attorney said the case was strong.",
         ("descriptor", "The prosecuting attorney")),
        # the same office, in other words: the person before
        ("His attorney, Ivan Petrenko, arrived in Larkspur. The lawyer said the case had no merit.",
         ("person", "Ivan Petrenko")),
    ],
)
def test_a_definite_office_does_not_take_up_a_person_given_another_office(
        extractor: Extractor, body: str, expected: tuple[str, str]) -> None:
    last = max(run(extractor, body).claims, key=lambda c: c.start)
    assert last.speaker is not None
    assert (last.speaker.speaker_type, last.speaker.name) == expected


def test_a_hyphenated_office_is_kept_whole(extractor: Extractor) -> None:
    body = "The commander-in-chief said the strikes must stop."
    assert [c.speaker.name for c in run(extractor, body).claims if c.speaker] == ["The commander-in-chief"]


def test_a_possessor_alone_before_a_persons_name_is_no_role(extractor: Extractor) -> None:
    claims = run(extractor, "Anna Petrova arrived on Monday. Northland’s Petrova says she will back the bid.").claims
    assert [(c.speaker.name, c.speaker.role) for c in claims if c.speaker] == [("Anna Petrova", None)]


def test_an_office_does_not_take_up_the_person_named_as_harmed(extractor: Extractor) -> None:
    body = ("Prosecutors name suspect in Northland ferry case\n"
            "Ivan Petrenko faces trial over Chad Wilmot's killing in May, the prosecutor says.")
    found = run(extractor, body).claims
    assert [(c.speaker.speaker_type, c.speaker.name) for c in found if c.speaker] == [("descriptor", "the prosecutor")]
    # a person named before without harm is still the office's holder (guard: passes on the code before)
    lede = run(extractor, "Anna Petrova arrived in Larkspur on Monday. The minister said talks would resume.").claims
    assert [c.speaker.name for c in lede if c.speaker] == ["Anna Petrova"]


@pytest.mark.parametrize("possessor", ["Latvia’s", "Latvia's"])
def test_a_possessor_before_a_new_persons_name_is_no_part_of_it(extractor: Extractor, possessor: str) -> None:
    body = f"The reserve fund should be tapped at once, according to {possessor} Olli Kallenmaa."
    found = run(extractor, body).claims
    assert [(c.speaker.name, c.speaker.speaker_type) for c in found if c.speaker] == [("Olli Kallenmaa", "person")]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("The reserve fund should be tapped at once, according to Estonia's Mart Lavrov.", "Mart Lavrov"),
        ("Bruno Putin, a local farmer, said the harvest would be late this year.", "Bruno Putin"),
    ],
)
def test_another_given_name_before_a_seed_surname_is_another_person(
    extractor: Extractor, body: str, speaker: str
) -> None:
    found = run(extractor, body).claims
    assert [(c.speaker.name, c.speaker.actor_key) for c in found if c.speaker] == [(speaker, None)]
    # the seed person's own given name, a title or a demonym before the surname keep the seed person
    for seeded in ("Sergei Lavrov said the talks would go on.", "Foreign Minister Lavrov said the talks would go on.",
                   "Russian Lavrov said the talks would go on."):
        assert [c.speaker.actor_key for c in run(extractor, seeded).claims if c.speaker] == ["person-sergey-lavrov"]


@pytest.mark.parametrize("role", ["Lawyer", "Spokesman", "Family"])
def test_a_headline_role_after_a_persons_name_is_not_that_person(extractor: Extractor, role: str) -> None:
    body = f"Modi {role} Says Appeal Will Be Filed Within Days\nThe appeal is due in May."
    found = run(extractor, body).claims
    assert found and all(c.speaker is not None and c.speaker.actor_key != "person-narendra-modi" for c in found)
    assert all(c.speaker is None or c.speaker.speaker_type == "descriptor" for c in found)


def test_a_headline_descriptor_is_not_the_lead_person_its_statement_names_by_surname(extractor: Extractor) -> None:
    body = ("Petrenko Blundered on Grain Tariffs, Former Minister Says\n"
            "Ivan Petrenko’s cabinet erred by raising grain tariffs last year, according to a former minister.")
    head = run(extractor, body).claims[0]
    assert head.speaker is not None and (head.speaker.speaker_type, head.speaker.actor_key) == ("descriptor", None)
    # the person the next line opens with still speaks when the statement does not name him (guard)
    other = run(extractor, "Grain Tariffs Were a ‘Costly Error’, Former Minister Says\n"
                           "Ivan Petrenko said on Monday that the tariffs had failed.").claims[0]
    assert other.speaker is not None and other.speaker.name == "Ivan Petrenko"


def test_a_president_elect_is_described_not_an_organisation_nor_the_sitting_president(extractor: Extractor) -> None:
    body = "Anna Petrova said tariffs would rise. The US president-elect said the tariffs would stay until Larkspur acted."
    found = run(extractor, body).claims
    assert [(c.speaker.speaker_type, c.speaker.role) for c in found if c.speaker][1] == ("descriptor", "US president-elect")


@pytest.mark.parametrize(
    ("body", "role"),
    [
        ("US President-elect Ivan Petrenko said the tariffs would stay.", "US President-elect"),
        ("The commander-in-chief of the Larkspur army, Ivan Petrenko, said the front was stable.",
         "commander of the Larkspur army"),
    ],
)
def test_a_role_keeps_its_hyphens_and_its_spaces(extractor: Extractor, body: str, role: str) -> None:
    assert [c.speaker.role for c in run(extractor, body).claims if c.speaker] == [role]


@pytest.mark.parametrize("section", ["Fiction", "Books", "Theatre"])
def test_a_section_label_before_a_quoted_title_is_no_speaker(extractor: Extractor, section: str) -> None:
    body = f"{section}: 'The Orchard of Northland Rain' by Anna Petrova\nA family saga across four generations of farmers."
    assert run(extractor, body).claims == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Northland will cut fuel duty from March — ministry\n"
         "Northland's Ministry of Energy said the cut would apply to diesel and petrol.",
         ("ministry", "Northland's Ministry of Energy")),
        # a study is signed by whoever the lede says found it, whichever word the lede uses for the study
        ("Most Northland teachers plan to retire early – study\n"
         "Over half of the teachers want to leave before 60, a report by the Larkspur Education Trust has found.",
         ("study", "the Larkspur Education Trust")),
        ("Larkspur Relief: floods have cut the northern road for a week\n"
         "The Larkspur Relief says the floods have cut the northern road, leaving villages without supplies.",
         ("Larkspur Relief", "The Larkspur Relief")),
    ],
)
def test_a_headline_signed_by_a_description_is_the_lede_speaker_of_that_description(
        extractor: Extractor, body: str, expected: tuple[str, str]) -> None:
    headline = [c for c in run(extractor, body).claims if c.end <= body.index("\n")]
    assert [(c.speaker.text, c.speaker.name) for c in headline if c.speaker] == [expected]


@pytest.mark.parametrize(
    "body",
    [
        # guards: the lede's speaker does not carry the headline's word, or the heading is a section label
        "Northland will cut fuel duty from March — ministry\n"
        "Anna Petrova said the cut would apply to diesel and petrol.",
        "Analysis: floods have cut the northern road for a week\n"
        "The analysis says the floods have cut the northern road, leaving villages without supplies.",
    ],
)
def test_a_headline_signature_the_lede_does_not_confirm_names_no_speaker(extractor: Extractor, body: str) -> None:
    assert [c for c in run(extractor, body).claims if c.end <= body.index("\n")] == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a headline's abbreviated title is the body's written-out one
        ("Kenyan PM says fuel subsidy will end 'only in stages'\n"
         "Prime Minister Anna Petrova said the government would phase the subsidy out over two years.",
         ("person", "Anna Petrova")),
        # a former holder ("ex-minister") is a person's role too
        ("Kenya weighed closing all schools early in the outbreak, ex-minister says\n"
         "Ivan Petrenko says the cabinet discussed a full closure in the first weeks of the outbreak.",
         ("person", "Ivan Petrenko")),
        # guard (the old code never read "PM" as the title): a title of one state is never the person the body
        # gives the title of another
        ("'Our ports will stay open to all traders', says Kenyan PM\n"
         "Indian Prime Minister Narendra Modi thanked Kenya for the access to its ports.",
         ("descriptor", "Kenyan PM")),
    ],
)
def test_a_headline_title_is_the_person_the_body_names_with_it_in_full(
        extractor: Extractor, body: str, expected: tuple[str, str]) -> None:
    assert headline_speaker(extractor, body) == expected


@pytest.mark.parametrize("body", [
    "Kenya's jobless rate dipped in May, helped by hiring on farms, adding to hopes that the slowdown is ending.",
    "The economy gains 90,000 jobs in June, unemployment edges up to 5.1 percent.",  # guard (passes before)
])
def test_a_measure_that_moves_is_no_speaker(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).claims == []


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Good morning.\nTransport | MPs urged the government to cut rail fares.", "MPs"),
        ("Good morning.\nBusiness | The Confederation of Lantern Makers (CLM) said it has won a vote of its members.", "CLM"),
    ],
)
def test_a_section_label_before_a_bar_is_never_the_speaker(extractor: Extractor, body: str, speaker: str) -> None:
    """ "<Topic> | <sentence>": a newsletter's or live blog's label is a segment of its own."""
    (claim,) = run(extractor, body).claims
    assert claim.speaker is not None and claim.speaker.name == speaker


def test_the_study_is_not_an_organisation_that_spoke_before_another_source(extractor: Extractor) -> None:
    """ "<Org> said …. Research has found …. The study also shows …": the study is not the organisation's."""
    body = ("The Confederation of Lantern Makers (CLM) said it has won a vote. Research has found that river levels "
            "will keep falling. Engineers say the dams need repairs. The study also shows that if rainfall declines, "
            "the reservoirs could run dry by the 2030s.")
    assert all(c.speaker is None or c.speaker.name != "CLM" for c in run(extractor, body).claims
               if c.text.startswith("if rainfall"))


def _first_speaker(extractor: Extractor, body: str, year: int = 2023) -> tuple[str, str | None]:
    from datetime import datetime

    ex = next(extractor.extract_batch([DocumentInput("d1", body, datetime(year, 6, 1), "en")]))
    claim = min(ex.claims, key=lambda c: c.start)
    assert claim.speaker is not None
    return claim.speaker.speaker_type, claim.speaker.actor_key


@pytest.mark.parametrize(
    ("body", "year", "expected"),
    [
        # an office alone is the one person the text names who held it on the day it was published (the second,
        # which names the state, passes on the code before: the seed's holder of that state's office)
        ("Maria Lopez defends plan to tackle hospital crisis\n"
         "Prime minister promises the fastest-ever improvement in waiting times.", 2023, ("person", "person-lopez")),
        ("Kenyan prime minister says the budget is balanced\nMaria Lopez spoke in Nairobi.", 2023,
         ("person", "person-lopez")),
        # not before the tenure, nor when two people the text names held it, nor another state's, nor an office
        # of something else (guards, pass on the code before)
        ("Maria Lopez defends plan to tackle hospital crisis\n"
         "Prime minister promises the fastest-ever improvement in waiting times.", 2018, ("descriptor", None)),
        ("Prime minister says the talks were useful\nThe long meeting of both delegations in the old palace "
         "ended late, and Maria Lopez and Ana Ruiz signed nothing.", 2023,
         ("descriptor", None)),
        ("Chilean prime minister says the budget is balanced\nMaria Lopez spoke in Nairobi.", 2023,
         ("descriptor", None)),
        ("Lantern makers merge\nThe company's president said the deal was fair. Peter Vaher welcomed it.", 2023,
         ("descriptor", None)),
    ],
)
def test_an_office_alone_is_the_one_holder_the_text_names(office_extractor: Extractor, body: str, year: int,
                                                          expected: tuple[str, str | None]) -> None:
    assert _first_speaker(office_extractor, body, year) == expected


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # an office or rank written before a name is no part of it
        ("The levy will fund the recovery, Treasurer Maria Lopez said on Tuesday.", "Maria Lopez"),
        ("The airspace was not breached, Brig Gen Peter Vaher said at a briefing.", "Peter Vaher"),
        ("The rules must change, Chairperson Anna Petrova told the committee on Monday.", "Anna Petrova"),
        # a headline's role and surname, the full name in the body: that person (a guard: passes on the code
        # before, where the recognizer kept "PM <Surname>" whole and the body's full name won)
        ("Lantern tax will hurt exports, U.K. former PM Petrova says\n"
         "Former Prime Minister Anna Petrova said the tax would hurt exporters.", "Anna Petrova"),
    ],
)
def test_a_title_before_a_name_is_the_role_not_the_name(extractor: Extractor, body: str, name: str) -> None:
    claim = min(run(extractor, body).claims, key=lambda c: c.start)
    assert claim.speaker is not None and claim.speaker.name == name
