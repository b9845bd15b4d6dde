"""Russian meetings (extraction.russian.events) on sentences written for these tests: contacts told
again by a clause that names no party ("беседа состоялась …", "политики обсудили …"), contacts put off
or called off ("отложил визит"), and the other side of accession talks."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from extraction.extract import Extractor
from extraction.model import DocumentInput, Extraction

FRIDAY = datetime(2025, 1, 17, 12, 0)


def run(extractor: Extractor, body: str, published: datetime | None = FRIDAY) -> Extraction:
    return next(extractor.extract_batch([DocumentInput("ru1", body, published, "ru", None)]))


def rows(ex: Extraction) -> list[tuple[str, str, set[str]]]:
    return [(m.meeting_type, m.status, {p.actor_name for p in m.participants}) for m in ex.meetings]


def test_a_bare_contact_noun_tells_the_contact_just_reported_again(extractor: Extractor) -> None:
    ex = run(extractor, "Владимир Путин и Масуд Пезешкиан провели телефонный разговор. "
                        "По данным издания, беседа состоялась в четверг.")
    pair = {"Vladimir Putin", "Masoud Pezeshkian"}
    assert rows(ex) == [("call", "held", pair), ("call", "held", pair)]
    assert ex.meetings[1].meeting_date == date(2025, 1, 16)


@pytest.mark.parametrize("subject", ["Политики", "Лидеры", "Стороны", "Они"])
def test_a_group_word_subject_takes_up_the_parties_just_named(extractor: Extractor, subject: str) -> None:
    ex = run(extractor, "Владимир Путин и Масуд Пезешкиан провели переговоры в Москве. "
                        f"{subject} обсудили ситуацию в регионе.")
    assert [r[2] for r in rows(ex)] == [{"Vladimir Putin", "Masoud Pezeshkian"}] * 2
    assert ex.meetings[1].location_country_code == "RUS"  # the same contact: its place


@pytest.mark.parametrize(
    "body",
    [
        # another person named in between: the group word may be theirs
        "Владимир Путин и Масуд Пезешкиан провели переговоры. Позже Иван Петренко выступил в парламенте. "
        "Политики обсудили ситуацию в регионе.",
        # no contact reported before: nothing to take up
        "Политики обсудили ситуацию в регионе. Встреча прошла в Москве.",
        # too far back
        "Владимир Путин и Масуд Пезешкиан провели переговоры. Цены выросли на 5%. Рынок упал на 3%. "
        "Курс вырос на 2%. Инфляция составила 9%. Политики обсудили ситуацию в регионе.",
    ],
)
def test_a_group_word_with_no_near_antecedent_is_no_meeting(extractor: Extractor, body: str) -> None:
    assert len(run(extractor, body).meetings) <= 1
    assert all("Политики" not in body[m.start:m.end] for m in run(extractor, body).meetings)


def test_a_group_word_for_persons_does_not_take_up_states(extractor: Extractor) -> None:
    ex = run(extractor, "Россия и Иран провели переговоры в Москве. Политики обсудили ситуацию в регионе.")
    assert len(ex.meetings) == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Иран приостановил переговоры с Россией.", ("talks", "postponed", {"Iran", "Russia"})),
        ("Франция перенесла визит Макрона в Китай на следующую неделю.",
         ("visit", "postponed", {"Emmanuel Macron", "China"})),
        # who calls off a contact of others is not a party to it
        ("Кремль отменил встречу Путина и Пезешкиана.", ("meeting", "cancelled", {"Vladimir Putin", "Masoud Pezeshkian"})),
    ],
)
def test_a_contact_put_off_or_called_off_by_its_verb(extractor: Extractor, body: str,
                                                     expected: tuple[str, str, set[str]]) -> None:
    assert rows(run(extractor, body)) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "Иран может отложить переговоры с Россией.",
        "Иран отказался отменить переговоры с Россией.",
        "Иран не стал откладывать переговоры с Россией.",
    ],
)
def test_a_possible_or_refused_postponement_is_no_meeting(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).meetings == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("Сербия заморозила переговоры о вступлении в ЕС.", "postponed"),
        ("Сербия начала переговоры о вступлении в ЕС.", "held"),
    ],
)
def test_the_body_joined_is_the_other_side_of_accession_talks(extractor: Extractor, body: str, status: str) -> None:
    assert ("talks", status, {"Serbia", "European Union"}) in rows(run(extractor, body))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Иван Петренко заявил после встречи с Анной Петровой, что стороны близки к решению.",
         ("meeting", "held", {"Иван Петренко", "Анна Петрова"})),
        ("В ходе переговоров с Путиным Макрон предложил перемирие.", ("talks", "held", {"Emmanuel Macron", "Vladimir Putin"})),
        ("По итогам переговоров с Макроном Путин заявил о прогрессе.", ("talks", "held", {"Emmanuel Macron", "Vladimir Putin"})),
        ("Пезешкиан в телефонном разговоре с Макроном сказал, что Иран готов к диалогу.",
         ("call", "held", {"Emmanuel Macron", "Masoud Pezeshkian"})),
        ("Макрон обсудит это на встрече с Путиным.", ("meeting", "planned", {"Emmanuel Macron", "Vladimir Putin"})),
        # who speaks after a contact of others is not a party to it
        ("Иван Петренко заявил после встречи Путина с Макроном, что всё прошло хорошо.",
         ("meeting", "held", {"Emmanuel Macron", "Vladimir Putin"})),
    ],
)
def test_a_contact_with_someone_that_frames_the_subjects_act(extractor: Extractor, body: str,
                                                             expected: tuple[str, str, set[str]]) -> None:
    assert rows(run(extractor, body)) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "Макрон рассказал о встрече с Путиным.",  # a contact talked about: not dated or placed by the clause
        "Макрон готовится к встрече с Путиным в пятницу и заявил перед встречей с Путиным, что ждет многого.",
        "Иван Петренко заявил в беседе с журналистом Анной Петровой, что всё хорошо.",  # an interview
        "Макрон мог бы заявить после встречи с Путиным, что всё хорошо.",
    ],
)
def test_contacts_talked_about_prepared_or_with_the_press_frame_nothing(extractor: Extractor, body: str) -> None:
    assert not any(m.status == "held" for m in run(extractor, body).meetings)


def test_the_two_sides_of_talks_between_them(extractor: Extractor) -> None:
    ex = run(extractor, "Переговоры между Россией и Ираном прошли в Москве.")
    assert rows(ex) == [("talks", "held", {"Russia", "Iran"})]
    assert ex.meetings[0].location_country_code == "RUS"


@pytest.mark.parametrize(
    "body",
    [
        "Сегодня Иван Петренко встретится на ринге с Анной Петровой.",
        "Иван Петренко встретился с Анной Петровой в финале турнира.",
    ],
)
def test_a_bout_or_a_match_is_no_meeting(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).meetings == []


def test_each_title_of_a_pair_keeps_its_own_name(extractor: Extractor) -> None:
    ex = run(extractor, "Лидер Франции Эмманюэль Макрон и министр обороны Нортленда Иван Петренко встретились в Париже.")
    assert rows(ex) == [("meeting", "held", {"Emmanuel Macron", "Иван Петренко"})]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Анна Петрова сообщила, что встретится с Иваном Петренко.", {"Анна Петрова", "Иван Петренко"}),
        ("Макрон заявил, что встретится с Пезешкианом в пятницу.", {"Emmanuel Macron", "Masoud Pezeshkian"}),
    ],
)
def test_a_that_clause_without_subject_is_the_reporters_contact(extractor: Extractor, body: str,
                                                                expected: set[str]) -> None:
    assert rows(run(extractor, body)) == [("meeting", "planned", expected)]


def test_a_that_clause_whose_verb_does_not_agree_is_not_the_reporters_contact(extractor: Extractor) -> None:
    # "сообщила … встретился": the clause's subject is someone else, left unsaid
    assert run(extractor, "Анна Петрова сообщила, что встретился с Иваном Петренко.").meetings == []


def test_a_state_in_an_unresolved_title_does_not_stand_in_for_its_holder(extractor: Extractor) -> None:
    assert run(extractor, "Пезешкиан провел переговоры с госсекретарем США.").meetings == []


@pytest.mark.parametrize(("subject", "expected"), [("Главы двух стран", 2), ("Лидеры государств", 2), ("Лидеры стран ЕС", 1)])
def test_leaders_of_the_two_states_are_the_pair_just_named(extractor: Extractor, subject: str, expected: int) -> None:
    ex = run(extractor, f"Путин и Пезешкиан провели переговоры. {subject} обсудили ситуацию в регионе.")
    assert len(ex.meetings) == expected
    assert {p.actor_name for p in ex.meetings[-1].participants} == {"Vladimir Putin", "Masoud Pezeshkian"}


def test_a_conjunct_past_a_full_stop_is_not_a_party(extractor: Extractor) -> None:
    ex = run(extractor, "Канцлер Германии Олаф Шольц и президент России Владимир Путин [провели телефонный "
                        "разговор](https://example.org/a). Президент Франции Эмманюэль Макрон")
    assert [r[2] for r in rows(ex)] == [{"Olaf Scholz", "Vladimir Putin"}]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Завтра Пезешкиан отправится с визитом в Китай.", ("visit", "planned", {"Masoud Pezeshkian", "China"})),
        ("Пезешкиан прилетел с официальным визитом в Россию.", ("visit", "held", {"Masoud Pezeshkian", "Russia"})),
    ],
)
def test_a_trip_made_with_a_visit_is_a_visit(extractor: Extractor, body: str, expected: tuple[str, str, set[str]]) -> None:
    assert rows(run(extractor, body)) == [expected]


def test_a_trip_alone_is_no_visit_and_an_arrival_on_a_visit_is_one_visit(extractor: Extractor) -> None:
    assert run(extractor, "Макрон отправился в Китай.").meetings == []
    assert len(run(extractor, "Путин прибыл с визитом в Казахстан.").meetings) == 1


def test_a_report_of_a_contact_told_again_takes_its_place_and_day(extractor: Extractor) -> None:
    body = ("Владимир Путин и Си Цзиньпин провели переговоры в Пекине во вторник.\n\n"
            "Путин заявил журналистам после переговоров с Си Цзиньпином, что стороны договорились о многом.")
    doc = next(extractor.extract_batch([DocumentInput("tg:1/1", body, datetime(2024, 12, 1, 12), "ru")]))
    assert len(doc.meetings) == 2
    assert {(m.location_name, m.meeting_date) for m in doc.meetings} == {("Пекин", date(2024, 11, 26))}


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("Владимир Путин встретился с Масудом Пезешкианом в Кремле в пятницу.", "Kremlin"),
        ("Сергей Лавров встретился с Аббасом Аракчи в Тегеране.", "Тегеран"),
        ("Лавров прибыл в Астану на переговоры.", "Астана"),
        ("Лавров приехал в Казахстан на двухдневные переговоры.", "Kazakhstan"),
    ],
)
def test_the_place_of_a_contact_the_parse_hangs_elsewhere_or_a_visit_to_a_city(
    extractor: Extractor, body: str, place: str
) -> None:
    (meeting,) = run(extractor, body).meetings
    assert meeting.location_name == place


def test_a_visit_to_a_city_is_hosted_by_its_country(extractor: Extractor) -> None:
    assert rows(run(extractor, "Лавров прибыл в Астану на переговоры.")) == [
        ("visit", "held", {"Sergey Lavrov", "Kazakhstan"})]


@pytest.mark.parametrize(
    "body",
    [
        "Токаев встретится с Путиным в Москве, если позволит график.",
        "Если Путин приедет в Астану, Токаев встретится с ним.",
    ],
)
def test_a_contact_on_a_condition_is_no_contact(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).meetings == []


def test_a_host_who_receives_a_person_holds_a_visit(extractor: Extractor) -> None:
    ex = run(extractor, "Владимир Путин принял в Кремле президента Ирана Масуда Пезешкиана.")
    assert rows(ex) == [("visit", "held", {"Vladimir Putin", "Masoud Pezeshkian"})]
    assert {p.actor_name: p.role for p in ex.meetings[0].participants} == {
        "Vladimir Putin": "host", "Masoud Pezeshkian": "visitor"}
    assert ex.meetings[0].location_name == "Kremlin"


@pytest.mark.parametrize(
    "body",
    [
        "Госдума приняла закон о защите данных.",
        "Путин принял участие в саммите.",
        "Директора завода и его заместителя приняли с поличным при получении денег.",
    ],
)
def test_receiving_a_law_a_part_or_an_arrest_is_no_visit(extractor: Extractor, body: str) -> None:
    assert run(extractor, body).meetings == []


def test_the_place_of_a_discussed_topic_is_not_the_contacts(extractor: Extractor) -> None:
    (meeting,) = run(extractor, "Лавров в среду обсудил с коллегой из Армении по телефону положение дел в Карабахе.").meetings
    assert meeting.location_name is None


def test_an_alleged_contact_is_not_reported_as_held(extractor: Extractor) -> None:
    ex = run(extractor, "Тегеран был заранее уведомлен о предполагаемом телефонном разговоре между "
                        "Владимиром Путиным и Масудом Пезешкианом.")
    assert rows(ex) == []


def test_a_where_clause_meets_at_the_place_of_the_arrival(extractor: Extractor) -> None:
    """ "X прибыл в <город>, где встретился с Y": the arrival's subject meets Y there."""
    ex = run(extractor, "Иван Петренко прибыл в Найроби, где встретился с Анной Петровой.")
    (meeting,) = [m for m in ex.meetings if m.meeting_type == "meeting"]
    assert {p.actor_name for p in meeting.participants} == {"Иван Петренко", "Анна Петрова"}
    assert meeting.location_name == "Найроби"


def test_coordinated_subjects_in_a_phone_call_are_its_sides(extractor: Extractor) -> None:
    """ "X и Y в телефонном разговоре уделили внимание …": the contact the verb happened in, between its subjects."""
    ex = run(extractor, "Лавров и Аракчи в телефонном разговоре уделили внимание торговле.")
    assert rows(ex) == [("call", "held", {"Sergey Lavrov", "Abbas Araghchi"})]


def test_one_contact_told_by_two_words_of_a_sentence_is_one_row(extractor: Extractor) -> None:
    ex = run(extractor, "Лавров и Аракчи на встрече в Москве обсудили ситуацию в Сирии.")
    assert rows(ex) == [("meeting", "held", {"Sergey Lavrov", "Abbas Araghchi"})]
