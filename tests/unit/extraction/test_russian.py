"""The Russian extraction path (extraction.russian) on sentences written for these tests: actors by
lemma and romanization, names put in the nominative, claims from reporting verbs, quotes, sources
and headline forms, meetings, agreements and dates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from extraction.extract import Extractor
from extraction.model import DocumentInput, Extraction
from extraction.names import name_key, romanize, translit_key
from extraction.russian.dates import find_dates_ru
from extraction.russian.parse import markup_blanked

FRIDAY = datetime(2025, 1, 17, 12, 0)



def run(extractor: Extractor, body: str, published: datetime | None = FRIDAY, outlet: str | None = None) -> Extraction:
    return next(extractor.extract_batch([DocumentInput("ru1", body, published, "ru", outlet)]))


def actors(ex: Extraction) -> dict[str, str]:
    return {m.text: m.actor_key or f"new:{m.actor_type}:{m.actor_name}" for m in ex.mentions}


def test_romanization_links_cyrillic_and_latin_spellings() -> None:
    assert romanize("аббас аракчи") == "abbas arakchi"
    assert translit_key("аббас аракчи") == translit_key("abbas araghchi")
    assert translit_key("сергей лавров") == translit_key("sergey lavrov")
    assert name_key("Масуд Пезешкиан") == name_key("Masoud Pezeshkian")


def test_markup_is_blanked_without_moving_offsets() -> None:
    text = "**Иван Петренко** [заявил](https://example.org/a), что __всё__ хорошо"
    blanked = markup_blanked(text)
    assert len(blanked) == len(text)
    assert "[" not in blanked and "**" not in blanked and "https" not in blanked
    assert blanked.index("заявил") == text.index("заявил")


def test_inflected_gazetteer_names_resolve_by_lemma(extractor: Extractor) -> None:
    ex = run(extractor, "Президент России встретился с Масудом Пезешкианом, а затем позвонил Аракчи.")
    found = actors(ex)
    assert found["России"] == "country-rus"
    assert found["Масудом Пезешкианом"] == "person-masoud-pezeshkian"
    assert found["Аракчи"] == "person-abbas-araghchi"


def test_new_people_get_nominative_names_and_surnames_link_back(extractor: Extractor) -> None:
    ex = run(extractor, "Губернатор встретился с Анной Петровой и Иваном Петренко. Позже Петренко уехал.")
    found = actors(ex)
    assert found["Анной Петровой"] == "new:person:Анна Петрова"
    assert found["Иваном Петренко"] == "new:person:Иван Петренко"
    assert found["Петренко"] == "new:person:Иван Петренко"


def test_common_nouns_and_the_channel_itself_are_not_actors(extractor: Extractor) -> None:
    ex = run(extractor, "Канал Вестник узнал подробности. Видеорегистратор снял момент аварии.", outlet="Вестник")
    assert not [m for m in ex.mentions if m.actor_type in ("person", "organization")]


def test_an_organisation_keeps_its_country(extractor: Extractor) -> None:
    ex = run(extractor, "В МИДе Турции заявили, что переговоры продолжатся на следующей неделе.")
    orgs = [m for m in ex.mentions if m.actor_type == "organization"]
    assert [(m.actor_name, m.country_code) for m in orgs] == [("МИД Турции", "TUR")]
    assert "country-tur" in {m.actor_key for m in ex.mentions}


@pytest.mark.parametrize(
    ("body", "text", "speaker", "direct"),
    [
        ("Иван Петренко заявил, что переговоры идут трудно и долго.", "переговоры идут трудно и долго",
         "Иван Петренко", False),
        ("«Мы подписали важный документ», — заявил Иван Петренко.", "Мы подписали важный документ",
         "Иван Петренко", True),
        ("По словам Ивана Петренко, стороны обсудили торговлю и транспорт.", "стороны обсудили торговлю и транспорт",
         "Иван Петренко", False),
        ("Торговля выросла вдвое за год, сообщил Иван Петренко.", "Торговля выросла вдвое за год",
         "Иван Петренко", False),
        ("Иван Петренко:\n\n«Ситуация под полным контролем властей»", "Ситуация под полным контролем властей",
         "Иван Петренко", True),
        ("Мост закрыт до утра понедельника — власти", "Мост закрыт до утра понедельника", "власти", False),
        ("Очевидцы рассказали, что мост начал раскачиваться ещё утром.",
         "мост начал раскачиваться ещё утром", "Очевидцы", False),
        # more reporting verbs and source phrases ("according to X")
        ("Анна Петрова объяснила, что склад закрыли из-за проверки.", "склад закрыли из-за проверки",
         "Анна Петрова", False),
        ("Представители театра прокомментировали, что зал сдали под дневной концерт.",
         "зал сдали под дневной концерт", "Представители театра", False),
        ("По мнению авторов доклада, новые правила снизят число аварий на дорогах.",
         "новые правила снизят число аварий на дорогах", "авторы доклада", False),
        ("По версии следствия, Иван Петренко подделывал накладные на складе.",
         "Иван Петренко подделывал накладные на складе", "следствие", False),
        ("Со слов владелицы магазина, Анны Петровой, сотрудникам запрещали выносить товар.",
         "сотрудникам запрещали выносить товар", "Анна Петрова", False),
        # a source after a dash: its head noun is the first noun, the source may be an acronym or quoted
        ("В городском парке произошла драка, в результате которой пострадали двое, — местные СМИ.",
         "В городском парке произошла драка, в результате которой пострадали двое", "местные СМИ", False),
        ("Три человека пострадали при пожаре на рынке – источник «Вестника».",
         "Три человека пострадали при пожаре на рынке", "источник «Вестника»", False),
        # an armed-forces command or intelligence service speaks as a body
        ("Военно-морское командование Норвегии сообщило в среду, что учения в проливе завершены.",
         "учения в проливе завершены", "Военно-морское командование Норвегии", False),
        # the parse hung the "что" clause elsewhere: the words after ", что" are what was said
        ("Депутат Иван Петренко заявил в соцсети X, что будет добиваться проведения голосования в парламенте, чтобы "
         "«не дать правительству сделать налог обязанностью граждан».",
         "будет добиваться проведения голосования в парламенте, чтобы «не дать правительству сделать налог "
         "обязанностью граждан»", "Иван Петренко", False),
        # two subjects: the outlet (no case) and the speakers in the nominative
        ("Как рассказали VESTNIK очевидцы, мост начал раскачиваться ещё утром.",
         "мост начал раскачиваться ещё утром", "очевидцы", False),
        # coordinated verbs share their subject; "намекнуть" reports a statement
        ("Иван Петренко прибыл в Тегеран и заявил, что визит будет коротким и деловым.",
         "визит будет коротким и деловым", "Иван Петренко", False),
        ("Анна Петрова намекнула, что цены на билеты летом снова могут вырасти.",
         "цены на билеты летом снова могут вырасти", "Анна Петрова", False),
        # "как отмечает X" after a clause of its own: the statement is what follows the source
        ("На заводе работают 300 инженеров, но, как отмечает Иван Петренко, им нужны новые станки.",
         "им нужны новые станки", "Иван Петренко", False),
    ],
)
def test_claims(extractor: Extractor, body: str, text: str, speaker: str, direct: bool) -> None:
    ex = run(extractor, body)
    assert [(c.text, c.is_direct_quote) for c in ex.claims] == [(text, direct)]
    sp = ex.claims[0].speaker
    assert sp is not None and speaker in (sp.name, sp.text)


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Иван Петренко прибыл в Тегеран. «Мы готовы к диалогу с партнерами», — сказал он журналистам.",
         "Мы готовы к диалогу с партнерами"),
        ("Стороны договорились продолжить консультации в марте. Об этом сообщил Иван Петренко.",
         "Стороны договорились продолжить консультации в марте"),
        ("Иван Петренко прибыл в Тегеран. По его словам, переговоры прошли в конструктивной атмосфере.",
         "переговоры прошли в конструктивной атмосфере"),
    ],
)
def test_statements_attributed_after_the_fact(extractor: Extractor, body: str, text: str) -> None:
    ex = run(extractor, body)
    assert [(c.text, c.speaker.name if c.speaker else None) for c in ex.claims] == [(text, "Иван Петренко")]


def test_a_quoted_source_inside_a_report_is_a_claim_of_its_own(extractor: Extractor) -> None:
    ex = run(extractor, "Администрация губернатора сообщила депутатам, что планирует закрыть мост на ремонт, сообщает «Вестник».")
    said = {(c.speaker.name if c.speaker else None, c.text) for c in ex.claims}
    assert ("администрация губернатора", "планирует закрыть мост на ремонт") in {(n.casefold(), t) for n, t in said}
    assert any(c.text.startswith("Администрация губернатора сообщила") for c in ex.claims)


def test_a_pronoun_never_refers_to_someone_of_the_other_gender(extractor: Extractor) -> None:
    body = ("Владелица магазина Анна Петрова заявила, что пропали три коробки товара. "
            "Вора поймали на следующий день. Полицейским он признался, что хотел продать товар на рынке.")
    assert [c.speaker.name for c in run(extractor, body).claims if c.speaker] == ["Анна Петрова"]


@pytest.mark.parametrize(
    "body",
    [
        "Иван Петренко рассказывает о том, как из старых шин делают покрытие для дорог.",  # a topic
        "Иван Петренко рассказал об этом конфликте в своей новой статье для журнала.",  # points at a topic
        "Забастовка началась, после того как министр Иван Петренко объявил о закрытии шахты на осень.",
    ],
)
def test_topics_and_time_clauses_are_not_statements(extractor: Extractor, body: str) -> None:
    claims = run(extractor, body).claims
    assert all(not c.text.startswith(("о том", "об этом", "как", "Забастовка")) for c in claims), claims


def test_new_people_with_adjective_or_place_like_surnames(extractor: Extractor) -> None:
    ex = run(extractor, "Со слов владелицы кафе Марины Тихой, в зале работал Пётр Крутой.")
    assert {"Марина Тихая", "Пётр Крутой"} <= {m.actor_name for m in ex.mentions if m.actor_type == "person"}


def test_a_name_typed_by_the_noun_before_it_is_an_organisation(extractor: Extractor) -> None:
    ex = run(extractor, "Иван Петренко, основатель фонда Northstar Capital, вывел деньги из банка «Вестбанк», "
                        "пишет издание Daily Herald со ссылкой на статью в журнале Science Letters.")
    orgs = {m.actor_name for m in ex.mentions if m.actor_type == "organization"}
    assert {"Northstar Capital", "Вестбанк", "Daily Herald"} <= orgs
    assert "Science Letters" not in orgs  # a journal is where a study appeared, not who speaks


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Переговоры продолжатся в марте, сообщил Иван Петренко. Президент заявил, что страна готова к компромиссу "
         "по всем спорным вопросам.", "Иван Петренко"),
        ("Губернатор области Иван Петренко заявил, что дорогу откроют к лету. Накануне глава региона сообщил, "
         "что ремонт моста задерживается из-за погоды.", "Иван Петренко"),
        ("Банк «Вестбанк» пересмотрел условия. «Ставки по вкладам снизятся для всех клиентов с понедельника», "
         "сообщила компания.", "Вестбанк"),
    ],
)
def test_a_definite_description_is_the_one_actor_the_post_has_named(
        extractor: Extractor, body: str, speaker: str) -> None:
    assert {c.speaker.name for c in run(extractor, body).claims if c.speaker} == {speaker}


def test_a_title_does_not_speak_for_a_person_the_post_is_only_about(extractor: Extractor) -> None:
    body = ("Иван Петренко приедет в столицу. «Иван Петренко выступит на форуме, если позволит расписание», "
            "заявил посол соседней страны.")
    [c] = run(extractor, body).claims
    assert (c.speaker.name, c.speaker.speaker_type) == ("посол соседней страны", "descriptor")


def test_a_description_stays_unresolved_when_its_noun_named_someone_else(extractor: Extractor) -> None:
    body = ("Иван Петренко встретился с президентом соседней страны. Президент заявил, что отношения двух стран "
            "развиваются успешно.")
    [c] = run(extractor, body).claims
    assert (c.speaker.name, c.speaker.speaker_type) == ("Президент", "descriptor")


@pytest.mark.parametrize(
    "body",
    [
        "Министерство заявило, что сообщения о том, что «завод был заранее закрыт» проверкой, не соответствуют "
        "действительности.",
        "Иван Петренко опроверг информацию о том, что завод закроют до конца года.",
        "UPD: «На месте работают спасатели, движение по мосту перекрыто до вечера».",
    ],
)
def test_denied_reports_and_update_markers_are_not_claims(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).claims == []


def test_a_talk_by_phone_is_a_call_and_a_presenters_talk_is_an_interview(extractor: Extractor) -> None:
    [m] = run(extractor, "Лавров в субботу обсудил по телефону с Аракчи ситуацию в регионе.").meetings
    assert (m.meeting_type, {p.actor_name for p in m.participants}) == ("call", {"Sergey Lavrov", "Abbas Araghchi"})
    assert run(extractor, "Ведущая телеканала Анна Петрова поговорила с министром иностранных дел Ирана "
                          "Аббасом Аракчи.").meetings == []


def test_sources_after_a_dash_prefer_the_person_and_an_office_is_not_its_state(extractor: Extractor) -> None:
    [c] = run(extractor, "«Страны договорились открыть новый пограничный переход к лету», — глава МИД "
                         "соседней страны Иван Петренко.").claims
    assert (c.speaker.name, c.speaker.speaker_type) == ("Иван Петренко", "person")
    [c] = run(extractor, "«Президент встретился с главой МИД соседней страны в столице», — канцелярия президента "
                         "Ирана.").claims
    assert (c.speaker.name, c.speaker.speaker_type) == ("канцелярия президента Ирана", "descriptor")


def test_a_friend_named_beside_his_description_is_that_person(extractor: Extractor) -> None:
    [c] = run(extractor, "«Тренеру сделали операцию, он уже чувствует себя хорошо». Об этом сообщил его друг "
                         "Иван Петренко.").claims
    assert (c.speaker.name, c.text, c.is_direct_quote) == (
        "Иван Петренко", "Тренеру сделали операцию, он уже чувствует себя хорошо", True)


def test_a_role_keeps_its_adjective_and_an_oblique_subject_is_no_speaker(extractor: Extractor) -> None:
    [c] = run(extractor, "Избранный президент Иван Петренко заявил, что назначит нового министра финансов.").claims
    assert c.speaker.role == "избранный президент"
    assert run(extractor, "Покупателей предупреждают о якобы закрытии магазина.").claims == []


def test_a_pronoun_speaker_is_the_person_named_before(extractor: Extractor) -> None:
    ex = run(extractor, "Иван Петренко прибыл в Тегеран. Он сказал, что визит будет коротким и деловым.")
    assert [c.speaker.name for c in ex.claims if c.speaker] == ["Иван Петренко"]


def test_a_title_speaker_is_the_gazetteer_role_holder(extractor: Extractor) -> None:
    ex = run(extractor, "Президент России заявил, что отношения с Ираном развиваются успешно.")
    assert [c.speaker.actor_key for c in ex.claims if c.speaker] == ["person-vladimir-putin"]


@pytest.mark.parametrize(
    "body",
    [
        "Иван Петренко не заявлял, что переговоры сорваны окончательно.",  # negated
        "Иван Петренко заявит, что переговоры сорваны окончательно.",  # not yet said
        "Иван Петренко считает, что переговоры сорваны окончательно.",  # a belief, not a statement
    ],
)
def test_no_claim(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).claims == []


def test_meeting_with_date_and_place(extractor: Extractor) -> None:
    ex = run(extractor, "Владимир Путин в пятницу встретился в Москве с президентом Ирана Масудом Пезешкианом.")
    [m] = ex.meetings
    assert (m.meeting_type, m.status, m.meeting_date, m.location_country_code) == ("meeting", "held", date(2025, 1, 17), "RUS")
    assert {p.actor_key for p in m.participants} == {"person-vladimir-putin", "person-masoud-pezeshkian"}


def test_call_visit_and_headline_meetings(extractor: Extractor) -> None:
    ex = run(extractor, "Встреча Путина и Пезешкиана в Кремле\nЛавров провел телефонный разговор с Аракчи. "
                        "Аракчи посетит Москву на следующей неделе.")
    got = [(m.meeting_type, m.status, sorted(p.actor_name for p in m.participants)) for m in ex.meetings]
    assert got == [
        ("meeting", "held", ["Masoud Pezeshkian", "Vladimir Putin"]),
        ("call", "held", ["Abbas Araghchi", "Sergey Lavrov"]),
        ("visit", "planned", ["Abbas Araghchi", "Russia"]),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Дональд Трамп не встретился с Владимиром Зеленским.",
        "Дональд Трамп мог бы встретиться с Владимиром Зеленским.",
    ],
)
def test_negated_and_hypothetical_contacts_are_not_meetings(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).meetings == []


def test_signed_agreement_with_status_and_parties(extractor: Extractor) -> None:
    ex = run(extractor, "Россия и Иран 17 января подписали договор о всеобъемлющем стратегическом партнерстве.")
    [a] = ex.agreements
    assert (a.agreement_type, a.status, a.signed_date) == ("treaty", "signed", date(2025, 1, 17))
    assert a.name == "договор о всеобъемлющем стратегическом партнерстве"
    assert set(a.parties) == {"country-rus", "country-irn"}


def test_generic_agreement_words_are_not_agreements(extractor: Extractor) -> None:
    assert run(extractor, "Любой договор лучше войны, считают эксперты.").agreements == []


@pytest.mark.parametrize(
    "body",
    [
        "Владимир Путин провел переговоры с Масудом Пезешкианом на саммите в Исфахане.",
        "Иван Петренко и Владимир Путин встретились на полях большого форума в Исфахане.",
    ],
)
def test_a_meeting_place_given_on_the_venue_or_the_contact_noun(extractor: Extractor, body: str) -> None:
    [m] = run(extractor, body).meetings
    assert (m.location_name, m.location_country_code) == ("Исфахан", "IRN")


@pytest.mark.parametrize(
    "body",
    [
        "Сергей Лавров провел беседу с журналистом Иваном Петренко.",
        "Иван Петренко встречается с Анной Петровой уже два года.",
    ],
)
def test_interviews_and_relationships_are_not_meetings(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).meetings == []


def test_a_leaders_own_state_is_not_another_participant(extractor: Extractor) -> None:
    ex = run(extractor, "Иран и Масуд Пезешкиан провели переговоры с Владимиром Путиным.")
    [m] = ex.meetings
    assert {p.actor_key for p in m.participants} == {"person-vladimir-putin", "person-masoud-pezeshkian"}


def test_a_title_with_its_state_is_the_role_holder_never_the_state(extractor: Extractor) -> None:
    [m] = run(extractor, "Глава МИД Ирана провел переговоры с Иваном Петренко.").meetings
    assert {p.actor_name for p in m.participants} == {"Abbas Araghchi", "Иван Петренко"}
    # a post the gazetteer has no holder for: the state does not stand in, and one participant is no meeting
    assert run(extractor, "Министр обороны Чили встретился с Иваном Петренко.").meetings == []


def test_agreement_names_are_nominative_and_stop_at_relative_clauses(extractor: Extractor) -> None:
    ex = run(extractor, "Армения отказалась ратифицировать соглашение с Россией об инвестициях, которое вызвало протесты.")
    [a] = ex.agreements
    assert a.name == "соглашение об инвестициях"
    assert "country-rus" in a.parties


@pytest.mark.parametrize(
    "body",
    [
        "Закон касается договоров купли-продажи, заключенных после 1 марта.",  # a class of contracts
        "Компания подписала контракт на поставку оборудования.",  # no counterpart named
        "Стороны могли бы подписать соглашение о мире.",  # hypothetical
    ],
)
def test_agreements_without_parties_or_that_are_hypothetical_are_not_published(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).agreements == []


def test_the_subject_is_the_other_side_of_an_agreement_with_someone(extractor: Extractor) -> None:
    [a] = run(extractor, "Иран подписал соглашение с Россией о поставках газа.").agreements
    assert (a.name, a.status, set(a.parties)) == ("соглашение о поставках газа", "signed", {"country-irn", "country-rus"})
    [a] = run(extractor, "Парламент отказался ратифицировать соглашение с Россией об инвестициях.").agreements
    assert a.status == "unknown"  # a refusal to ratify reports no ratification


def test_a_party_phrase_inside_the_name_is_a_party_and_pointing_words_are_not_the_name(extractor: Extractor) -> None:
    [a] = run(extractor, "Иран ратифицировал договор о стратегическом партнерстве с Россией.").agreements
    assert (a.name, set(a.parties)) == ("договор о стратегическом партнерстве", {"country-irn", "country-rus"})
    [a] = run(extractor, "Действующий контракт между Ираном и Россией истекает в декабре.").agreements
    assert (a.name, a.status) == ("контракт", "in_force")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Иран обсуждает с Россией условия поставок газа.", ("talks", "held", {"Iran", "Russia"})),
        ("Путин и Пезешкиан обсудили ситуацию в регионе.", ("talks", "held", {"Vladimir Putin", "Masoud Pezeshkian"})),
        ("Завод построят после визита Аббаса Аракчи в Индию.", ("visit", "held", {"Abbas Araghchi", "India"})),
    ],
)
def test_discussions_with_someone_and_visits_named_by_their_noun(
        extractor: Extractor, body: str, expected: tuple[str, str, set[str]]) -> None:
    [m] = run(extractor, body).meetings
    assert (m.meeting_type, m.status, {p.actor_name for p in m.participants}) == expected


def test_discussing_alone_is_no_contact(extractor: Extractor) -> None:
    assert run(extractor, "Иван Петренко обсудил новости.").meetings == []


def test_a_signing_announced_for_the_future_is_planned(extractor: Extractor) -> None:
    ex = run(extractor, "Россия и Иран подпишут договор о стратегическом партнерстве в пятницу.")
    [a] = ex.agreements
    assert a.status == "planned" and a.signed_date is None


def test_one_unknown_word_tagged_person_is_not_an_actor(extractor: Extractor) -> None:
    ex = run(extractor, "Барсик спас хозяйку, рассказала Анна Петрова. Вчера Мурзик встретился с Анной Петровой.")
    assert [m.actor_name for m in ex.mentions if m.actor_type == "person"] == ["Анна Петрова", "Анна Петрова"]
    assert ex.meetings == []


def test_a_description_refers_back_to_the_one_person_the_post_names_so(extractor: Extractor) -> None:
    ex = run(extractor, "Губернатор области Иван Петренко посетил больницу. По словам губернатора, ремонт завершат к осени.")
    [c] = ex.claims
    assert (c.speaker.name, c.speaker.speaker_type, c.speaker.role) == ("Иван Петренко", "person", "губернатор")
    ex = run(extractor, "Мэр Анна Петрова и мэр Иван Петренко открыли школу.\nМэр заявила, что школы откроют в каждом районе.")
    [c] = ex.claims
    assert c.speaker.speaker_type == "descriptor"  # two people named so: left unresolved
    ex = run(extractor, "По словам губернатора, ремонт завершат к осени.")
    [c] = ex.claims
    assert (c.speaker.speaker_type, c.speaker.name) == ("descriptor", "губернатор")  # in the nominative


@pytest.mark.parametrize(
    ("body", "role"),
    [
        ("По словам главы МИД Ирана Аббаса Аракчи, переговоры продолжатся в следующем месяце.", "глава МИД Ирана"),
        ("Аббас Аракчи, глава МИД Ирана, заявил, что переговоры продолжатся в следующем месяце.", "глава МИД Ирана"),
        ("Аббас Аракчи в интервью СМИ на форуме заявил, что переговоры продолжатся в следующем месяце.", None),
    ],
)
def test_a_named_speakers_role_is_the_title_next_to_the_name_in_the_nominative(
        extractor: Extractor, body: str, role: str | None) -> None:
    [c] = run(extractor, body).claims
    assert (c.speaker.name, c.speaker.role) == ("Abbas Araghchi", role)


def test_the_head_of_an_organisation_speaks_as_a_person_not_as_the_organisation(extractor: Extractor) -> None:
    [c] = run(extractor, "По словам руководителя крупной лоббистской группы «Вестник», рынок восстановится к весне.").claims
    assert (c.speaker.speaker_type, c.speaker.name) == ("descriptor", "руководитель крупной лоббистской группы «Вестник»")


def test_claim_texts_leave_out_framing_and_pronoun_fragments(extractor: Extractor) -> None:
    [c] = run(extractor, "Кроме того, по данным мониторинговой группы, по меньшей мере 19 мирных жителей погибли.").claims
    assert (c.text, c.speaker.name) == ("по меньшей мере 19 мирных жителей погибли", "мониторинговая группа")
    assert run(extractor, "Власти заявили, что он был убит.").claims == []


def test_organisation_names_are_nominative_in_sentences_the_parser_skipped(extractor: Extractor) -> None:
    # neither sentence holds a cue or trigger word, so only the dictionary gives the case
    ex = run(extractor, "Боевики Северной рабочей партии отступили.\nЛекцию прочитали в Тульском институте физики.")
    names = {m.actor_name for m in ex.mentions if m.actor_type == "organization"}
    assert names == {"Северная рабочая партия", "Тульский институт физики"}


def test_a_pronoun_speaker_is_never_a_person_named_inside_the_quote(extractor: Extractor) -> None:
    ex = run(extractor, "Иван Петренко дал интервью. «Я надеюсь, что команда Анны Петровой добьется мира», — сказал он.")
    [c] = ex.claims
    assert c.speaker.name == "Иван Петренко"


def test_his_words_are_the_last_speakers_even_an_unnamed_one(extractor: Extractor) -> None:
    ex = run(extractor, "Глава МИД Иван Петренко прибыл на встречу. «Мы ожидаем поддержки союзников», — сказал журналистам "
                        "официальный представитель союза. По его словам, министры обсудят ситуацию в регионе.")
    assert [(c.speaker.name, c.speaker.speaker_type) for c in ex.claims] == [
        ("официальный представитель союза", "descriptor")] * 2


def test_people_of_someone_are_not_that_someone(extractor: Extractor) -> None:
    [c] = run(extractor, "Советники Анны Петровой признали, что урегулирование будет зависеть от прямых контактов.").claims
    assert (c.speaker.name, c.speaker.speaker_type, c.speaker.actor_key) == ("Советники Анны Петровой", "descriptor", None)


def test_an_indirect_question_is_a_topic_not_a_statement(extractor: Extractor) -> None:
    assert run(extractor, "Помощник президента Иван Петренко рассказал, кто будет присутствовать на церемонии.").claims == []


def test_russian_dates() -> None:
    got = {d.text: (d.value, d.precision) for d in find_dates_ru(
        "В пятницу, 17 января 2025 года, вчера, в январе, в 2024 году", date(2025, 1, 18))}
    assert got == {
        "В пятницу": (date(2025, 1, 17), "day"),
        "17 января 2025 года": (date(2025, 1, 17), "day"),
        "вчера": (date(2025, 1, 17), "day"),
        "в январе": (date(2025, 1, 1), "month"),
        "в 2024 году": (date(2024, 1, 1), "year"),
    }


def test_a_body_named_like_a_gazetteer_one_but_of_another_country_is_not_it(extractor: Extractor) -> None:
    ex = run(extractor, "Минобороны Эстонии сообщило о потерях. Минобороны сообщило о перехвате ракет.")
    orgs = [(m.text, m.actor_key, m.country_code) for m in ex.mentions if m.actor_type == "organization"]
    assert orgs[0] == ("Минобороны", None, "EST")
    assert orgs[1][1] == "org-defence-ministry-russia"
    # a country's own ministry the gazetteer knows is that one, not Russia's
    ex = run(extractor, "Минобороны Украины сообщило о потерях.")
    assert [(m.actor_key, m.country_code) for m in ex.mentions if m.actor_type == "organization"] == [
        ("org-ukraine-mod", "UKR")
    ]


def test_a_looping_parse_is_cut_so_no_walk_up_the_tree_hangs() -> None:
    from extraction.russian.parse import RuToken, _break_cycles

    tokens = [RuToken(i, i, i + 1, "x", "x", "NOUN", {}, "dep", head) for i, head in enumerate([1, 2, 0, -1])]
    _break_cycles(tokens)
    for token in tokens:
        steps, current = 0, token
        while current.head >= 0 and steps < 10:
            current, steps = tokens[current.head], steps + 1
        assert steps < 10


@pytest.mark.parametrize(
    ("body", "published"),
    [
        ("Цены на услуги составят 0 рублей для пенсионеров.", 0),
        ("Скидка составила -10% на все товары магазина.", 1),
        ("Стоимость работ — от 500 тыс. до 5 тыс. рублей в зависимости от объема.", 1),
    ],
)
def test_published_figures_keep_the_contract(extractor: Extractor, body: str, published: int) -> None:
    """What the mart gate checks holds for every Russian figure: money > 0, a negative percentage is
    a change of a signed metric, a range's high end is not below its low end."""
    figures = run(extractor, body).figures
    assert len(figures) >= published and (published or not figures)
    for f in figures:
        assert f.value_high is None or f.value_high >= f.value
        if len(f.unit) == 3 and f.unit.isupper():
            assert f.value > 0
        if f.unit == "percent" and f.value < 0:
            assert f.is_change and f.metric != "other"


def test_a_surname_read_as_a_common_noun_is_still_the_alias_and_he_continues_the_subject(extractor: Extractor) -> None:
    """A one-word alias the lemmatizer reads as a common noun out of context ("Сомов" → "сом") is
    matched as written; a sentence-initial "Он" is the previous sentence's subject, not the last
    person named in it."""
    from dataclasses import replace

    from extraction.gazetteer import Gazetteer, GazetteerActor, read_actor_seed

    somov = GazetteerActor("person-igor-somov", "Igor Somov", "person", "RUS", ("Игорь Сомов", "Сомов"))
    custom = replace(extractor, gazetteer=Gazetteer([*read_actor_seed(None), somov]))
    body = ("Сомов опроверг сообщения о разговоре Анны Ковалёвой и Ивана Петренко.\n\n"
            "Он заявил, что «никаких планов по организации встречи пока нет».")
    ex = run(custom, body)
    assert [(m.start, m.actor_key) for m in ex.mentions if m.actor_key == "person-igor-somov"] == [(0, "person-igor-somov")]
    (claim,) = ex.claims
    assert claim.speaker is not None and claim.speaker.actor_key == "person-igor-somov"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Журналисты встретились с министром Астамуром Гуначбой в Сухуме.", "Астамур Гуначба"),
        ("По словам Астамура Гуначбы, переговоры продолжатся.", "Астамур Гуначба"),
        ("Министр Астамур Гуначба заявил, что переговоры продолжатся.", "Астамур Гуначба"),
        # the parser reads the name as a subject although the dictionary has no nominative reading of it
        ("Вице-мэр Бадура Лакуба заявил, что дороги откроют в пятницу.", "Бадура Лакуба"),
        # a surname that does not decline: written the same as a subject elsewhere in the text
        ("Журналисты писали о критике в адрес министра Даура Ахалия.\n\nВечером Ахалия "
         "заявил, что останется на посту.", "Ахалия"),
        # a man's consonant-stem and "-ов" surnames decline as before
        ("Путин встретился с Дональдом Трампом.", "Donald Trump"),
        ("Позиция Ивана Сидорова не изменилась.", "Иван Сидоров"),
    ],
)
def test_a_mans_surname_that_declines_like_a_feminine_noun_keeps_its_nominative(
    extractor: Extractor, body: str, name: str
) -> None:
    names = {m.actor_name for m in run(extractor, body).mentions if m.actor_type == "person"}
    assert name in names or (" " not in name and any(n.endswith(f" {name}") for n in names)), names


def test_a_description_that_names_its_own_holder_does_not_refer_back(extractor: Extractor) -> None:
    """ "— Лидер оппозиции <Имя Фамилия> призвал …" after "— Лидер партии <Другое Имя> заявил …": the second
    leader is the one named there, even when no pass found the name, not the leader named before."""
    body = ("— Лидер правящей партии Иван Петренко заявил, что партия поддержит новый бюджет. По его словам, "
            "депутаты не знали о планах министра.\n"
            "— Лидер оппозиции Чо Сон призвал «распустить правительство и назначить новые выборы».")
    call = next(c for c in run(extractor, body).claims if c.text.startswith("распустить"))
    assert call.speaker is not None and "Петренко" not in call.speaker.name


def test_a_dash_line_whose_source_is_only_markup_or_an_emoji_is_no_claim(extractor: Extractor) -> None:
    body = "**💬 Что выберете? 👇**\n\nвариантА —** 👍**\nвариантБ —** 🔥**\n\n#опрос"
    doc = next(extractor.extract_batch([DocumentInput("tg:1/1", body, None, "ru")]))
    assert doc.claims == []


def test_the_subject_of_a_verb_that_does_not_act_on_an_agreement_is_no_side_of_it(extractor: Extractor) -> None:
    """ "Иран назвал историю вокруг сделки компании с Россией частным делом": Iran speaks about it, is no side."""
    found = run(extractor, "Иран назвал историю вокруг сделки компании с Россией частным делом.").agreements
    assert all("country-irn" not in a.parties for a in found)
    [a] = run(extractor, "Иран намерен заключить сделку с Россией о поставках газа.").agreements
    assert set(a.parties) == {"country-irn", "country-rus"}


def test_a_meeting_in_the_white_house_is_placed_there(extractor: Extractor) -> None:
    [m] = run(extractor, "Масуд Пезешкиан встретился в Белом доме с президентом США Джо Байденом.").meetings
    assert (m.location_name, m.location_country_code) == ("White House", "USA")


@pytest.mark.parametrize(
    "body",
    [
        "Армения снижает пошлины на сыр в рамках соглашения с Ираном.",
        "Армения настаивает на подписании соглашения о поставках газа с Ираном.",
    ],
)
def test_the_subject_acting_through_a_frame_noun_is_a_side_of_the_agreement(extractor: Extractor, body: str) -> None:
    [a] = run(extractor, body).agreements
    assert set(a.parties) == {"country-arm", "country-irn"}


def test_another_given_name_before_a_seed_surname_is_another_person_ru(extractor: Extractor) -> None:
    body = ("Глава торговой палаты Ларкспура Тиагу Руис Виейра выступил на форуме в Нортленде. "
            "Он сообщил, что «компании начали переговоры с партнёрами из Нортленда».")
    ex = run(extractor, body)
    assert "person-mauro-vieira" not in {m.actor_key for m in ex.mentions}
    assert all(c.speaker is None or c.speaker.actor_key != "person-mauro-vieira" for c in ex.claims)
    # the seed person's own given name keeps him (guard: passes on the code before)
    own = run(extractor, "Министр иностранных дел Бразилии Мауро Виейра заявил, что переговоры продолжатся в октябре.")
    assert [c.speaker.actor_key for c in own.claims if c.speaker] == ["person-mauro-vieira"]


def test_an_elected_or_former_office_is_not_the_holder_of_the_day_ru(extractor: Extractor) -> None:
    body = ("Анна Петрова заявила, что введет новые пошлины на товары из Ларкспура. "
            "Избранный президент Соединенных Штатов обещал, что после инаугурации подпишет указ о пошлинах.")
    ex = run(extractor, body, datetime(2024, 11, 27, 10))
    assert all(c.speaker is None or c.speaker.actor_key != "person-joe-biden" for c in ex.claims)
    # the sitting office is its holder of the day (guard: passes on the code before)
    sitting = run(extractor, "Президент США заявил, что пошлины останутся до тех пор, пока Ларкспур не примет меры.",
                  datetime(2024, 11, 27, 10))
    assert [c.speaker.actor_key for c in sitting.claims if c.speaker] == ["person-joe-biden"]


def test_an_initial_of_the_seed_persons_given_name_keeps_him_ru(extractor: Extractor) -> None:
    """Guard of this round's rule for another given name before a seed surname (it passes on the code before
    that rule; the rule's first version failed it)."""
    body = "«Ларкспур расплачивается за собственные решения о пошлинах на зерно», — Д Медведев."
    assert [c.speaker.actor_key for c in run(extractor, body).claims if c.speaker] == ["person-dmitry-medvedev"]
