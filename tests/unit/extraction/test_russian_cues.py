"""Russian claims from cues beyond the "что" clause, on sentences written for these tests: a gerund cue
shares its verb's subject, appeals and advice state their infinitive, threats their instrumental."""

from __future__ import annotations

from extraction.extract import Extractor
from extraction.model import Extraction
from tests.unit.extraction.test_russian import run


def claims(ex: Extraction) -> list[tuple[str, str, str]]:
    return [(c.speaker.name if c.speaker else "", c.cue, c.text) for c in ex.claims]


def test_a_gerund_cue_speaks_for_the_subject_of_its_verb(extractor: Extractor) -> None:
    ex = run(extractor, "Иван Петренко осудил решение совета, напомнив о многолетних задержках выплат шахтерам Нортленда.")
    found = claims(ex)
    assert any(name == "Иван Петренко" and cue == "напомнив" and "задержках выплат" in text
               for name, cue, text in found), found


def test_a_gerund_does_not_report_the_quote_before_it(extractor: Extractor) -> None:
    ex = run(extractor, "Анна Петрова раскритиковала план «быстрого роста любой ценой», напомнив о долгах городского бюджета Ларкспура.")
    found = claims(ex)
    assert not any(text == "быстрого роста любой ценой" for _, _, text in found), found


def test_advice_states_its_infinitive_clause(extractor: Extractor) -> None:
    ex = run(extractor, "Местные власти рекомендовали жителям Ларкспура не выходить из домов.")
    found = claims(ex)
    assert any(cue == "рекомендовали" and "не выходить из домов" in text for _, cue, text in found), found


def test_a_threat_states_its_instrumental(extractor: Extractor) -> None:
    ex = run(extractor, "Иван Петренко пригрозил соседям Нортленда новыми пошлинами на зерно и металл.")
    found = claims(ex)
    assert any(name == "Иван Петренко" and "новыми пошлинами" in text for name, _, text in found), found


def test_an_imperfective_report_verb_is_a_cue(extractor: Extractor) -> None:
    ex = run(extractor, "Совет Нортленда утвердил новый бюджет на следующий год, передает агентство «Вестник Ларкспура» со ссылкой на источники.")
    found = claims(ex)
    assert any(cue == "передает" and text.startswith("Совет Нортленда утвердил") for _, cue, text in found), found


def test_what_a_statement_was_about_when_the_parse_lost_the_phrase(extractor: Extractor) -> None:
    # the parser attaches "о рекордной … атаке" to nothing: the words after "о" up to the comma
    ex = run(extractor, "Морские силы Нортленда ночью заявили о рекордной по числу судов блокаде Ларкспура, "
                        "соседи не комментировали.")
    found = claims(ex)
    assert any(cue == "заявили" and text.startswith("рекордной по числу судов") for _, cue, text in found), found


def test_about_this_reports_a_one_sentence_paragraph_before_it(extractor: Extractor) -> None:
    ex = run(extractor, "Полиция Ларкспура задержала трех активистов у здания городского совета.\n\n"
                        "Об этом сообщила Анна Петрова.")
    found = claims(ex)
    assert any(name == "Анна Петрова" and text.startswith("Полиция Ларкспура задержала") for name, _, text in found), found


def test_about_this_does_not_reach_into_a_longer_paragraph_before_it(extractor: Extractor) -> None:
    ex = run(extractor, "Полиция Ларкспура задержала трех активистов у здания городского совета. Позже их отпустили домой.\n\n"
                        "Об этом сообщила Анна Петрова.")
    assert not any(text.startswith(("Позже их", "Полиция")) for _, _, text in claims(ex)), claims(ex)


def test_this_confirmed_with_a_colon_confirms_the_headline_and_states_the_rest(extractor: Extractor) -> None:
    ex = run(extractor, "**Нортленд повышает пошлины на импорт зерна**\n\n"
                        "Это подтвердил представитель министерства Иван Петренко:\n\n"
                        "Решение уже принято и вступит в силу весной.")
    found = claims(ex)
    assert any(name == "Иван Петренко" and text.startswith("Нортленд повышает") for name, _, text in found), found
    assert any(name == "Иван Петренко" and text.startswith("Решение уже принято") for name, _, text in found), found


def test_what_follows_from_a_source_is_all_after_the_verb(extractor: Extractor) -> None:
    ex = run(extractor, "Из слов аудиторов следует, что сделку ему завершить не удалось, но при другом исходе это бы дало "
                        "Нортленду контроль над портом.")
    found = claims(ex)
    assert any(text.startswith("сделку ему завершить") and text.endswith("контроль над портом")
               for _, _, text in found), found


def test_a_straight_quoted_paragraph_nesting_a_quoted_name_is_one_quotation(extractor: Extractor) -> None:
    ex = run(extractor, "Об этом рассказал глава союза промышленников Иван Петренко.\n\n"
                        "\"Мы готовим большой проект вместе с \"Ларкспуром\", - сказал он на форуме.")
    found = claims(ex)
    assert any(name == "Иван Петренко" and text == "Мы готовим большой проект вместе с \"Ларкспуром\""
               for name, _, text in found), found


def test_a_latin_source_after_a_headline_dash_is_an_organisation(extractor: Extractor) -> None:
    ex = run(extractor, "**Парламент Нортленда проголосует за отставку правительства уже в среду,** — Larkspur Times.")
    found = [(c.speaker.name, c.speaker.speaker_type) for c in ex.claims if c.speaker and c.cue == "—"]
    assert found == [("Larkspur Times", "organization")], found


def test_a_conjecture_put_forward_is_a_claim(extractor: Extractor) -> None:
    ex = run(extractor, "Иван Петренко предположил, что цены на зерно в Нортленде вырастут к осени.")
    found = claims(ex)
    assert any(name == "Иван Петренко" and text.startswith("цены на зерно") for name, _, text in found), found


def test_a_noun_phrase_object_of_a_noting_cue_is_what_was_said(extractor: Extractor) -> None:
    ex = run(extractor, "Министр Иван Петренко подтвердил сведения о переговорах с фермерами Ларкспура на следующей неделе.")
    found = claims(ex)
    assert any(name == "Иван Петренко" and text.startswith("сведения о переговорах") for name, _, text in found), found


def test_a_plural_pronoun_continues_the_organisation_that_was_the_subject_before(extractor: Extractor) -> None:
    ex = run(extractor, "Письмо в городской совет Ларкспура направили «Ветераны Нортленда». "
                        "Они отметили высокий вклад фермеров в развитие экспорта зерна.")
    found = claims(ex)
    assert any(name == "Ветераны Нортленда" and text.startswith("высокий вклад") for name, _, text in found), found


def test_a_celebrated_occasion_is_not_a_statement(extractor: Extractor) -> None:
    ex = run(extractor, "Перед отъездом Иван Петренко отмечал выход своей новой книги о кухне Нортленда.")
    assert not any(cue == "отмечал" for _, cue, _ in claims(ex)), claims(ex)


def test_a_body_reporting_in_the_locative_speaks_as_described(extractor: Extractor) -> None:
    ex = run(extractor, "Суд в Ларкспуре взыскал с подрядчика 2 млн рублей за срыв сроков ремонта, сообщили в инстанции.")
    found = claims(ex)
    assert any(name == "инстанция" and cue == "сообщили" and text.startswith("Суд в Ларкспуре взыскал")
               for name, cue, text in found), found


def test_about_this_after_a_comma_reports_the_words_before_it(extractor: Extractor) -> None:
    ex = run(extractor, "Нортленд не будет поставлять соседям зерно до весны, об этом Иван Петренко заявил в ходе пресс-конференции.")
    found = claims(ex)
    assert ("Иван Петренко", "заявил", "Нортленд не будет поставлять соседям зерно до весны") in found, found


def test_the_agency_is_the_one_state_body_named_before(extractor: Extractor) -> None:
    ex = run(extractor, "Склад в порту Ларкспура опечатан, сообщили в ФСБ. "
                        "«Проверка на складе продлится до конца месяца», рассказали в ведомстве.")
    found = [(c.speaker.speaker_type, c.speaker.name) for c in ex.claims if c.cue == "рассказали" and c.speaker]
    assert found and found[0][0] == "organization" and found[0][1] != "ведомство", found
    # guard: a company named before is no agency — the court's "инстанция" stays described
    ex = run(extractor, "Суд в Ларкспуре взыскал с компании Zentra 2 млн рублей за срыв сроков, сообщили в инстанции.")
    assert [(c.speaker.speaker_type, c.speaker.name) for c in ex.claims if c.speaker] == [("descriptor", "инстанция")]


def test_an_army_is_no_agency(extractor: Extractor) -> None:
    ex = run(extractor, "Армия Нортленда обстреляла окраину Ларкспура. "
                        "Следственный комитет Ларкспура начал проверку по факту обстрела, сообщили в ведомстве.")
    found = [c.speaker.name for c in ex.claims if c.cue == "сообщили" and c.speaker]
    assert found and not any("арми" in n.casefold() or "army" in n.casefold() for n in found), found
