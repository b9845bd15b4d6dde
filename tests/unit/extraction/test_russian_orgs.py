"""Russian organisation mentions on sentences written for these tests: a name typed by the noun before
it in a sentence the parser did not read, the press and public institutions as bodies, and a body's
name that goes on with its city in the genitive."""

from __future__ import annotations

from extraction.extract import Extractor
from extraction.model import Extraction
from tests.unit.extraction.test_russian import run


def orgs(ex: Extraction) -> dict[str, str]:
    return {m.text: m.actor_name for m in ex.mentions if m.actor_type == "organization"}


def test_a_latin_name_typed_by_the_noun_before_it_in_an_unparsed_sentence(extractor: Extractor) -> None:
    # no cue word, quote or digit: the sentence is not parsed, its words carry dictionary lemmas only
    ex = run(extractor, "Съемочную группу издания LarkspurNews не пустили в порт.")
    assert orgs(ex).get("LarkspurNews") == "LarkspurNews", orgs(ex)


def test_a_newspaper_named_by_the_ner_is_an_organisation(extractor: Extractor) -> None:
    ex = run(extractor, "Сбор урожая в области завершен досрочно, сообщает «Вечерняя газета».")
    assert "Вечерняя газета" in orgs(ex), orgs(ex)


def test_an_institution_is_a_body_when_it_acts_and_a_place_after_a_preposition(extractor: Extractor) -> None:
    acting = run(extractor, "Городская больница Нортленда объявила набор волонтеров.")
    assert any("больница" in t for t in orgs(acting)), orgs(acting)
    placed = run(extractor, "Пострадавших доставили в Ларкспурскую городскую больницу № 2.")
    assert not any("больниц" in t for t in orgs(placed)), orgs(placed)


def test_a_body_named_with_its_city_in_the_genitive_keeps_the_city(extractor: Extractor) -> None:
    ex = run(extractor, "Проверку ведут сотрудники Прокуратуры Ларкспура.")
    assert orgs(ex) == {"Прокуратуры Ларкспура": "Прокуратура Ларкспура"}, orgs(ex)


def test_a_given_name_of_the_seed_the_dictionary_reads_as_a_title_still_heads_a_full_name(extractor: Extractor) -> None:
    # "Шериф" is a title to the dictionary and a given name to the curated seed
    ex = run(extractor, "Вчера Шериф Вестица заявил журналистам, что фильм почти готов.")
    people = {m.text: m.actor_name for m in ex.mentions if m.actor_type == "person"}
    assert people == {"Шериф Вестица": "Шериф Вестица"}, people
    assert [c.speaker.name for c in ex.claims if c.speaker] == ["Шериф Вестица"]


def test_a_first_declension_surname_in_the_dative_after_a_seed_given_name_is_put_in_the_nominative(
        extractor: Extractor) -> None:
    # sentences the parser does not read: the name's own endings decide; the text's "Вестицы" vouches
    # for a first-declension surname, an indeclinable "-е" name without such forms stays as written
    ex = run(extractor, "Награду вручили Шерифу Вестице. Фильмы Вестицы известны в Нортленде.")
    people = {m.text: m.actor_name for m in ex.mentions if m.actor_type == "person"}
    assert people["Шерифу Вестице"] == "Шериф Вестица", people
    ex = run(extractor, "Награду вручили Шерифу Дюпре.")
    people = {m.text: m.actor_name for m in ex.mentions if m.actor_type == "person"}
    assert not any(name.endswith("Дюпра") for name in people.values()), people


def countries(ex: Extraction) -> dict[str, str]:
    return {m.text: m.actor_key or "" for m in ex.mentions if m.actor_type == "country"}


def test_a_capital_acting_for_its_state_is_a_country_mention(extractor: Extractor) -> None:
    ex = run(extractor, "Ратификации договора настаивает Оттава, сообщил Иван Петренко.")
    assert countries(ex).get("Оттава") == "country-can", countries(ex)
    ex = run(extractor, "Соглашение о поставках зерна подписано после долгих переговоров с Ханоем, сообщил Иван Петренко.")
    assert countries(ex).get("Ханоем") == "country-vnm", countries(ex)
    ex = run(extractor, "В Оттаве поясняли, что новые пошлины вступят в силу весной.")
    assert countries(ex).get("Оттаве") == "country-can", countries(ex)
    assert [c.speaker.actor_key for c in ex.claims if c.speaker] == ["country-can"]


def test_a_capital_as_a_place_is_not_a_country_mention(extractor: Extractor) -> None:
    ex = run(extractor, "В Оттаве прошел концерт, сообщил Иван Петренко. Ураган обрушился на Ханой, сообщил он.")
    assert countries(ex) == {}, countries(ex)


def test_a_capital_in_a_quoted_title_or_with_its_own_authorities_is_not_the_state(extractor: Extractor) -> None:
    ex = run(extractor, 'Звезда фильма "Оттава слезам не верит" попала в больницу, сообщил Иван Петренко.')
    assert countries(ex) == {}, countries(ex)
    ex = run(extractor, "Власти Оттавы рассказали, как будут работать центры госуслуг.")
    assert countries(ex) == {}, countries(ex)


def test_a_channel_named_library_is_not_an_institution(extractor: Extractor) -> None:
    ex = run(extractor, "Подписывайтесь: Библиотека фронтендера")
    assert not any("Библиотек" in t for t in orgs(ex)), orgs(ex)


def test_an_acronym_body_with_its_city_stays_an_organisation_and_the_city_as_written(extractor: Extractor) -> None:
    ex = run(extractor, "Дело ведет ГСУ Ларкспура.")
    assert orgs(ex) == {"ГСУ Ларкспура": "ГСУ Ларкспура"}, orgs(ex)
