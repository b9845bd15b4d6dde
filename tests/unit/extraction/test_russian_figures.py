"""Russian figures (issue 19): values as written, the metric of the figure's own phrase and governor,
the countries of its clause and its period. Sentences are written for these tests (fictional people)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from extraction.model import Figure, Mention
from extraction.russian.figures import find_figures_ru, load_ru_lexicon
from extraction.russian.parse import load_russian

COUNTRIES = {
    "Росси": "RUS",
    "Иран": "IRN",
    "Кита": "CHN",
    "Инди": "IND",
    "США": "USA",
    "Турци": "TUR",
    "Германи": "DEU",
}
_COUNTRY = re.compile(r"(?<!\w)(Росси\w*|Иран\w*|Кита\w*|Инди\w*|США|Турци\w*|Германи\w*)")


def country_mentions(text: str) -> list[Mention]:
    out = []
    for m in _COUNTRY.finditer(text):
        code = next(v for k, v in COUNTRIES.items() if m.group(1).startswith(k))
        out.append(
            Mention(
                m.start(),
                m.end(),
                m.group(1),
                f"country-{code.lower()}",
                m.group(1),
                "country",
                code,
                "gazetteer",
                0.9,
            )
        )
    return out


def figures(text: str, anchor: date | None = date(2025, 1, 20)) -> list[Figure]:
    found = find_figures_ru(text, load_russian().parse(text), country_mentions(text), anchor)
    for f in found:
        assert text[f.start : f.end] == f.text
    return found


def one(text: str) -> Figure:
    (f,) = figures(text)
    return f


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("Россия выделила Ирану кредит в размере $5 млрд.", "$5 млрд", 5e9, "USD"),
        ("Компания получила выручку в размере 5,2 млрд руб. за год.", "5,2 млрд руб.", 5.2e9, "RUB"),
        ("Дефицит бюджета составит 1,5 трлн рублей.", "1,5 трлн рублей", 1.5e12, "RUB"),
        ("США выделили Германии 300 млн евро помощи.", "300 млн евро", 3e8, "EUR"),
        ("Штраф составил 1 000 юаней.", "1 000 юаней", 1000.0, "CNY"),
        ("Стоимость контракта — 500 млн фунтов стерлингов.", "500 млн фунтов стерлингов", 5e8, "GBP"),
        ("Пошлина на импорт стали составит 40 процентов.", "40 процентов", 40.0, "percent"),
        ("Индия закупила нефть на 5 млрд долларов США.", "5 млрд долларов США", 5e9, "USD"),
        ("Добыча угля составила 10 тыс. тонн.", "10 тыс. тонн", 1e4, "tonnes"),
    ],
)
def test_values_as_written(text: str, span: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.text, f.value, f.unit) == (span, value, unit)


def test_a_rate_per_day_and_exports_from_one_country() -> None:
    f = one("Экспорт нефти из Ирана составил 3,3 млн баррелей в сутки.")
    assert (f.value, f.unit, f.per, f.metric) == (3.3e6, "barrels_per_day", "day", "exports")
    assert (f.parties, f.scope, f.party_keys) == (["IRN"], "unilateral", ["country-irn"])


def test_a_range_is_one_figure() -> None:
    f = one("Инвестиции Китая в экономику Ирана могут составить 4–5 млрд долларов.")
    assert (f.text, f.value, f.value_high, f.metric) == ("4–5 млрд долларов", 4e9, 5e9, "investment")


def test_trade_between_two_countries_level_and_change() -> None:
    change, level = figures(
        "Товарооборот между Россией и Ираном в 2024 году вырос на 15% и составил 5,2 млрд долларов."
    )
    assert (change.value, change.is_change, change.metric) == (15.0, True, "trade_volume")
    assert change.parties == ["IRN", "RUS"]
    assert (level.metric, level.is_change, level.parties, level.scope) == (
        "trade_volume",
        False,
        ["IRN", "RUS"],
        "bilateral",
    )
    assert level.party_roles == ["subject", "subject"]
    assert (level.period_text, level.period_start, level.period_end, level.period_precision) == (
        "в 2024 году",
        date(2024, 1, 1),
        date(2024, 12, 31),
        "year",
    )
    assert level.confidence == 0.75


def test_a_trade_target_by_2030() -> None:
    f = one(
        "Иван Петренко заявил, что стороны планируют довести объём торговли до 10 млрд долларов к 2030 году."
    )
    assert (f.metric, f.qualifier, f.text) == ("trade_target", None, "10 млрд долларов")
    assert (f.period_start, f.period_end, f.period_precision) == (None, date(2030, 12, 31), "year")


def test_a_loan_with_a_partner() -> None:
    f = one("Россия выделила Ирану кредит в размере $5 млрд.")
    assert (f.metric, f.parties, f.party_roles, f.scope) == (
        "loan",
        ["IRN", "RUS"],
        ["partner", "subject"],
        "bilateral",
    )


def test_gdp_growth_last_year_against_the_anchor() -> None:
    f = one("Рост ВВП Ирана в прошлом году составил 3,5 процента.")
    assert (f.metric, f.value, f.is_change) == ("economic_growth", 3.5, False)
    assert (f.period_start, f.period_end, f.period_text) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
        "в прошлом году",
    )


def test_a_currency_change_is_a_market_move_without_parties() -> None:
    f = one("Курс рубля к доллару снизился на 3%.")
    assert (f.metric, f.value, f.is_change, f.parties, f.scope) == ("market_move", -3.0, True, [], None)


def test_national_currency_share() -> None:
    f = one("Доля национальных валют в расчётах между Россией и Китаем превысила 90%.")
    assert (f.metric, f.parties, f.scope) == ("national_currency_share", ["CHN", "RUS"], "bilateral")


def test_poll_share_with_about() -> None:
    f = one("Петренко набрал около 40% голосов.")
    assert (f.text, f.qualifier, f.metric) == ("около 40%", "about", "poll_share")


def test_points_change_then_level_reached() -> None:
    change, level = figures("Банк России повысил ключевую ставку на 2 п.п., до 21%.")
    assert (change.unit, change.value, change.is_change, change.metric) == (
        "percentage_points",
        2.0,
        True,
        "interest_rate",
    )
    assert (level.value, level.is_change, level.qualifier, level.metric) == (
        21.0,
        False,
        None,
        "interest_rate",
    )


def test_inflation_level_in_a_month() -> None:
    f = one("Инфляция в январе 2025 года замедлилась до 7,5%.")
    assert (f.metric, f.is_change, f.qualifier) == ("inflation_rate", False, None)
    assert (f.period_start, f.period_end, f.period_precision) == (
        date(2025, 1, 1),
        date(2025, 1, 31),
        "month",
    )


def test_a_unit_price_has_no_parties() -> None:
    f = one("Цена иранской нефти составила 80 долларов за баррель.")
    assert (f.metric, f.per, f.parties, f.scope) == ("price", "barrel", [], None)


def test_a_decline_of_production_in_a_quarter() -> None:
    f = one("Добыча газа в России в первом квартале 2024 года сократилась на 3,1 процента.")
    assert (f.metric, f.value, f.is_change, f.parties) == ("production", -3.1, True, ["RUS"])
    assert (f.period_start, f.period_end, f.period_precision) == (
        date(2024, 1, 1),
        date(2024, 3, 31),
        "quarter",
    )


def test_first_nine_months() -> None:
    f = one("Компания получила выручку в размере 5,2 млрд руб. за первые девять месяцев 2024 года.")
    assert (f.metric, f.period_start, f.period_end) == ("revenue", date(2024, 1, 1), date(2024, 9, 30))


def test_qualifiers() -> None:
    assert one("Пошлина на импорт стали составит до 25%.").qualifier == "up_to"
    low, high = figures("Иран обещал не менее 10 тыс. тонн и как минимум 300 млн евро.")
    assert (low.qualifier, low.text, high.qualifier) == ("at_least", "не менее 10 тыс. тонн", "at_least")
    f = one("Объём экспорта вырос более чем на 20%.")
    assert (f.qualifier, f.is_change, f.value) == ("over", True, 20.0)
    assert one("Ущерб оценивается примерно в 300 млн евро.").qualifier == "about"


def test_elliptic_clauses_take_their_own_subject() -> None:
    unemployment, inflation = figures("Уровень безработицы в Турции составил 8,5%, а инфляция — 44 процента.")
    assert (unemployment.metric, inflation.metric) == ("unemployment_rate", "inflation_rate")
    budget, debt = figures("Дефицит бюджета составит 1,5 трлн рублей, а госдолг — 300 млн евро.")
    assert (budget.metric, debt.metric) == ("budget", "debt")


def test_share_of_gdp_is_the_subjects_amount() -> None:
    assert one("Госдолг Турции составил 40% ВВП.").metric == "debt"
    f = one("Военные расходы Германии в 2023–2024 годах превысили 2% ВВП.")
    assert (f.metric, f.parties, f.period_precision) == ("military_spending", ["DEU"], "years")


def test_aid_from_the_complement_and_a_conversion_inherits() -> None:
    assert one("США выделили Германии 300 млн евро помощи.").metric == "aid"
    pct, money = figures("Экспорт Ирана в Индию составил 40 процентов, или 2 трлн риалов.")
    assert (money.metric, money.unit, money.parties) == ("exports", "IRR", pct.parties)


@pytest.mark.parametrize(
    "text",
    [
        "В 2024 году Ивану Петренко исполнилось 50 лет.",
        "Матч закончился со счётом 3:1, на стадион пришли 40 тысяч человек.",
        "Встреча прошла 12.03.2024 в 15:30.",
        "Телефон приёмной: +7 495 123-45-67.",
        "Над городом сбили 100 беспилотников.",
        "В 2024 году.",
        "Иван Петренко на 100% уверен в победе.",
    ],
)
def test_not_figures(text: str) -> None:
    assert figures(text) == []


def test_every_russian_cue_names_a_listed_metric() -> None:
    lex = load_ru_lexicon()
    assert {c.metric for kind in lex.cues.values() for c in kind} <= set(lex.units)
    assert lex.targets


# --- audit of published rows: values, people's shares, worked examples, discounts, rates, periods ------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Квартира в Нижнеречинске продаётся за 15.000 рублей в месяц.", 15000.0),
        ("Анна Петрова потратила на ремонт 1.500.000 рублей.", 1.5e6),
        ("Иван Петренко купил лодку за $60,000.", 60000.0),
        ("Фьючерс подорожал до 2,417 доллара за фунт.", 2.417),
        ("Выручка составила 1,276 миллиона рублей.", 1.276e6),
    ],
)
def test_a_dot_or_comma_grouping_thousands(text: str, value: float) -> None:
    (f,) = [f for f in figures(text) if f.unit in ("RUB", "USD")]
    assert f.value == value


def test_a_percent_of_people_or_firms_is_their_share() -> None:
    f = one("Продажи выросли почти у трети продавцов, а у 45% продавцов выручка упала.")
    assert (f.metric, f.value) == ("share", 45.0)
    assert one("61% опрошенных жителей Нижнеречинска считают проект полезным.").metric == "poll_share"


def test_a_popularity_index_is_a_poll() -> None:
    assert one("Индекс популярности губернатора Ивана Петренко составил 45%.").metric == "poll_share"


def test_a_worked_example_is_not_reported() -> None:
    rate, pay = figures("Если ставка в 2025 году составит 20%, вы заплатите банку 300 тысяч рублей.")
    assert (rate.metric, rate.period_start, rate.parties) == ("share", None, [])
    assert (pay.metric, pay.period_start, pay.parties) == ("other", None, [])


def test_a_discount_is_a_price_cut() -> None:
    f = one("В магазинах Нижнеречинска действует скидка 45% на всю одежду.")
    assert (f.metric, f.value, f.is_change) == ("price", -45.0, True)
    f = one("Покупатели получат скидки до 50% на зимнюю обувь.")
    assert (f.metric, f.value, f.is_change, f.qualifier) == ("price", -50.0, True, "up_to")


def test_loan_and_deposit_rates() -> None:
    f = one("Полная стоимость кредита не должна превышать 250% годовых.")
    assert (f.metric, f.qualifier, f.text) == ("interest_rate", "up_to", "не должна превышать 250%")
    assert one("Банки Нижнеречинска предлагают вклады под 18% годовых.").metric == "interest_rate"
    assert one("Иван Петренко взял кредит под 25%.").metric == "interest_rate"
    assert one("Ставка будет не выше 20%.").metric == "interest_rate"
    assert one("Доходность облигаций Нижнеречинска превысила 14% годовых.").metric == "market_move"


def test_an_average_bill_is_a_price_and_its_comparison_base_no_period() -> None:
    f = one("Средний чек в кафе Нижнеречинска вырос на 12% по сравнению с 2023 годом.")
    assert (f.metric, f.is_change, f.period_start) == ("price", True, None)
    f = one("В 2024 году экспорт Ирана вырос на 9% относительно 2023 года.")
    assert (f.period_start, f.period_end) == (date(2024, 1, 1), date(2024, 12, 31))


def test_damage_is_no_penalty_and_taxes_are_tariffs() -> None:
    assert one("Ущерб от наводнения оценивается в 5 млрд рублей.").metric == "other"
    f = one("Ставка НДФЛ для жителей Нижнеречинска не будет превышать 11%.")
    assert (f.metric, f.qualifier) == ("tariff", "up_to")
    assert one("Курортный сбор в Нижнеречинске составит 100 рублей в сутки.").metric == "tariff"


def test_from_ranges_and_lower_bounds() -> None:
    f = one("От 20% до 30% жителей города поддерживают проект.")
    assert (f.value, f.value_high) == (20.0, 30.0)
    f = one("Цена путёвки варьируется от 850 тысяч рублей до 1,2 миллиона рублей.")
    assert (f.value, f.value_high, f.metric) == (850000.0, 1.2e6, "price")
    f = one("Билеты на концерт в Нижнеречинске стоят от 500 рублей.")
    assert (f.text, f.qualifier, f.metric) == ("от 500 рублей", "at_least", "price")
    part = [f for f in figures("Взнос составит 252 тыс. рублей, это 7% от 3,6 млн рублей.") if f.value == 3.6e6]
    assert part[0].qualifier is None


def test_a_forecast_ceiling_per_kilogram_next_year() -> None:
    f = one("Цены на говядину могут вырасти до 900 рублей за 1 кг в следующем году.")
    assert (f.qualifier, f.per, f.metric) == ("up_to", "kg", "price")
    assert (f.period_start, f.period_end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert one("Цены на говядину выросли до 900 рублей за килограмм.").qualifier is None


def test_effective_dates_as_of_dates_weeks_and_day_spans() -> None:
    f = one("С 1 января ставка налога повысится до 17%.")
    assert (f.period_start, f.period_end, f.period_precision) == (date(2025, 1, 1), None, "day")
    f = one("На 1 декабря госдолг составил 5 млрд долларов.")
    assert (f.period_start, f.period_end) == (None, date(2024, 12, 1))
    f = one("За неделю цены на бензин выросли на 0,5%.")
    assert (f.period_start, f.period_end) == (date(2025, 1, 14), date(2025, 1, 20))
    f = one("Цены в Нижнеречинске за период с 6 по 12 января выросли на 0,21%.")
    assert (f.period_start, f.period_end) == (date(2025, 1, 6), date(2025, 1, 12))
    assert one("9 марта суд назначил Ивану Петренко штраф 2700 рублей.").period_start is None
    assert one("Билет на паром в Нижнеречинск подорожал до 900 рублей впервые с 5 мая 2023 года.").period_start is None


def test_a_period_in_the_next_clause_is_not_the_figures() -> None:
    first, _ = figures(
        "В 2024 году фонд Анны Петровой получил от властей Нижнеречинска 2,4 млрд рублей, но в 2025 году сумма "
        "вырастет до 2,7 млрд рублей."
    )
    assert (first.period_start, first.period_end) == (date(2024, 1, 1), date(2024, 12, 31))


def test_what_something_costs_is_a_price() -> None:
    # the governing verb: обойтись, продаваться; a percent change of подорожать / подешеветь
    assert one("Ужин в ресторане Зентра обойдётся в 5 000 рублей.").metric == "price"
    assert one("Яблоки из Ларкспура продаются за 170 рублей.").metric == "price"
    f = one("Смартфоны Зентра подешевели на 12%.")
    assert (f.metric, f.value) == ("price", -12.0)
    assert one("Лекарства подорожали на 30-40%.").metric == "price"


def test_an_amount_paid_for_something_is_a_price() -> None:
    # "за N рублей": what a thing is bought, sold or rented for
    assert one("Компания Зентра выставила на продажу куртку за $85.").metric == "price"
    assert one("Анна Петрова предлагает обучение примерно за 45 тысяч рублей в месяц.").metric == "price"
    assert one("Нортленд продаёт участки всего за 1 доллар.").metric == "price"
    # a wage is not a price; nor is an amount not paid for anything
    assert one("Монтажники не хотят трудиться за 250 тысяч рублей.").metric == "other"
    assert one("За год Анна Петрова потеряла 3 млн рублей.").metric == "other"


def test_a_qualifier_after_the_dash_keeps_the_elliptic_subject() -> None:
    assert one("Стоимость — от 1599 долларов до 3999 долларов в зависимости от модели.").metric == "price"


def test_a_percent_change_of_imports_is_imports_and_of_a_share_a_growth_rate() -> None:
    f = one("Нортленду удалось сократить импорт стали на 37%.")
    assert (f.metric, f.value, f.is_change) == ("imports", -37.0, True)
    f = one("Доля Зентры на рынке выросла на 5%.")
    assert (f.metric, f.is_change) == ("growth_rate", True)


def test_the_dative_of_an_impersonal_verb_is_the_figures_party() -> None:
    f = one("Турции удалось сократить импорт стали на 37%.")
    assert (f.metric, f.parties, f.party_roles) == ("imports", ["TUR"], ["subject"])
    f = one("Турции предстоит увеличить экспорт зерна до 5 млн тонн.")
    assert (f.metric, f.parties, f.party_roles) == ("exports", ["TUR"], ["subject"])


def test_a_level_whose_subject_is_a_change_is_that_change() -> None:
    f = one("При этом к июлю рост составил 8,1%.")
    assert (f.metric, f.value, f.is_change) == ("growth_rate", 8.1, True)
    f = one("Падение продаж билетов Зентры составило 12%.")
    assert (f.value, f.is_change) == (-12.0, True)
    # a growth rate's own level stays a level
    assert one("Рост ВВП Ирана составил 3,5%.").is_change is False


def test_a_percent_change_of_an_unsigned_metric_is_a_growth_rate() -> None:
    f = one("Зарплаты сотрудников Зентры выросли на 8%.")
    assert (f.metric, f.is_change) == ("growth_rate", True)


def test_a_percent_of_people_who_voted_is_a_poll_share() -> None:
    assert one("За такой шаг проголосовали более 70% жителей Ларкспура.").metric == "poll_share"
    assert one("Более 70% жителей Ларкспура живут в городах.").metric == "share"


def test_a_bare_rate_of_a_tax_is_a_tariff() -> None:
    assert one("Налог считается по ставке 13 процентов.").metric == "tariff"
    assert one("Доход облагается по ставке 13%.").metric == "tariff"
    assert one("Банк Зентра выдаёт кредиты по ставке 18%.").metric == "interest_rate"


def test_a_figure_in_parentheses_is_the_amount_of_the_noun_before() -> None:
    assert one("Заплатить налог (13%) нужно будет с этой суммы.").metric == "tariff"
    assert one("Большинство заказов (64%) пришлось на Ларкспур.").metric == "share"
