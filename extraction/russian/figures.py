"""Russian figures: money, percentages and physical quantities, with the same semantics as the English
finder (extraction/figures.py), read from natasha/slovnet's dependency parse and pymorphy3 lemmas.

Values. A number (decimal comma "5,2", spaces as thousands separators "1 000") with a currency symbol
before or after it ($, €, ₽, £) or a currency word after it (долларов, долл., евро, рублей, руб., юаней,
риалов, фунтов стерлингов, рупий, ...), a percent (%, процентов) or percentage points (процентных пунктов,
п.п.; базисных пунктов ÷100), or a physical unit (тонн, баррелей, кубометров, куб. м, кВт·ч, км, ...).
Scale words multiply (тыс./тысяч, млн/миллионов, млрд/миллиардов, трлн/триллионов); a scale word without
a unit is a count ("10 тыс. человек"), not a figure. A range is one figure ("4–5 млрд долларов", "от 4 до
5%": value the low end, value_high the high end). A rate keeps its denominator in `per` ("в сутки" → day,
"в год" → year, "за баррель" → barrel); a physical rate also in the unit (barrels_per_day).

Qualifier (part of the span): около/примерно/порядка/почти/приблизительно → about; более (чем)/свыше/
больше → over; менее/меньше → under; до → up_to (not after a change or "bring to" verb — "довести до",
"снизилась до" — nor in "с X до Y"); не менее/как минимум → at_least; не более/максимум → up_to.

Changes. A percent is a change when it is attached with "на" to a change verb or noun ("вырос на 5%",
"снижение на 3%"), is followed by a comparative ("на 5% больше"), carries a sign ("+5%") or is what a change
noun came to ("рост составил 8,1%"; not a growth rate's own level: "рост ВВП составил 3%"); decreases
are negative. A level: "составил 5%", "снизилась до 7%". Money attached with "на" to a change verb is a
change kept as a magnitude ("сократил бюджет на 5 млрд рублей").

Metric (closed list and Russian vocabulary: the nouns_ru column of dbt/seeds/figure_metrics.csv).
From the figure's own noun phrase and its governor in the dependency parse, never from any word of the
sentence: money per barrel/tonne/ounce is a price; else up the head chain of the figure's top token the
noun it modifies ("кредит в размере $5 млрд", skipping transparent nouns: размер, сумма, объём, уровень,
...; a change noun's own complement: "рост ВВП на 3%"); at the first verb, the verb itself ("экспортировал
1 млн тонн"), the figure's complement ("40% голосов", "5 млрд долларов инвестиций"; "X% ВВП" is the
subject's amount), the object of a change or "bring to" verb ("довести объём торговли до ..."), then the
subject (also of the verb a conjunct or an xcomp hangs on). A cue of more words wins ("рост ВВП" is
economic_growth, "ВВП" gdp). Then, as in English: a trade, export or import figure under a target word
(цель, план, довести, ...) is a trade_target; a percent change of a share or of a metric the seed does not
sign ("зарплаты выросли на 8%") is a growth_rate, of trade, exports or imports that metric ("сократить импорт
на N%"); a GDP change of the subject is economic_growth; a share above 100 is other; unknown
subjects make a change growth_rate and a level other; no subject at all: a percent change growth_rate,
a percent level up to 100 a share, anything else other. Money the parse types as nothing that is what something
is bought, sold or rented for ("свитер за $62", not a wage: "работать за") is a price; a figure in parentheses
after a noun is that noun's ("налог (13%)"); a bare "ставка" whose verb taxes or whose verb's subject is a tax
is the tax's rate ("налог считается по ставке 13%"); a percent of people who voted is a poll_share.

Parties: for metrics whose seed parties_from is `clause` (trade, economy), the country mentions of the
figure's clause (the subtree of its verb, without other clauses hanging on it); for `attached` metrics
(prices, markets, shares) only countries inside the cue's noun phrase, not locations. Roles: objects of
с/в (+acc)/на (+acc)/к/против/для and dative objects are partners, the rest subjects. Scope: bilateral,
unilateral, multilateral (three or more, or an intergovernmental group), global (мировой, глобальный).

Period: the period phrase nearest the figure in its clause — "в 2024 году", "в январе 2025 года",
"за первые девять месяцев 2024 года", quarters, halves, "в 2022–2024 годах", "с 2015 года", "к 2030 году"
(end only), "в прошлом году" / "в этом году" / "с начала года" against the anchor date.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from extraction.figures import load_metric_lexicon, party_scope
from extraction.model import Figure, Mention
from extraction.russian.parse import RuSentence, RuToken
from extraction.seeds import read_rows, seed_list

# --- values ------------------------------------------------------------------------------------

_SP = r"[ \u00a0\u202f]"
_NUM = (
    rf"\d{{1,3}}(?:\.\d{{3}}){{2,}}|\d{{1,3}}(?:,\d{{3}}){{2,}}"  # "1.000.000", "1,000,000": thousands only
    rf"|\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?|\d+(?:[.,]\d+)?"
)
_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+")
_ONE_GROUP = re.compile(r"[1-9]\d{0,2}(?P<sep>[.,])\d{3}")
_NUMBER = re.compile(rf"(?<![\w.,/:])(?:{_NUM})(?![.,]?\d)")
_PREFIX = re.compile(r"(?P<sym>US\$|\$|€|₽|£|¥)\s?$")
_SYMBOLS = {"us$": "USD", "$": "USD", "€": "EUR", "₽": "RUB", "£": "GBP", "¥": "CNY"}
_ABBR_DOT = r"\.(?=\s*[а-яёa-z$€₽£%])"  # "млн. долларов", not the full stop of "$5 млрд."
_SCALES = [
    (rf"тыс(?:{_ABBR_DOT}|(?![а-яё]))|тысяч[аиу]?(?![а-яё])", 1e3),
    (rf"млн(?:{_ABBR_DOT}|(?![а-яё]))|миллион(?:ами|ам|ах|ов|а|ы|е)?(?![а-яё])", 1e6),
    (rf"млрд(?:{_ABBR_DOT}|(?![а-яё]))|миллиард(?:ами|ам|ах|ов|а|ы|е)?(?![а-яё])", 1e9),
    (rf"трлн(?:{_ABBR_DOT}|(?![а-яё]))|триллион(?:ами|ам|ах|ов|а|ы|е)?(?![а-яё])", 1e12),
]
_SCALE = re.compile(r"\s?(?:" + "|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(_SCALES)) + ")", re.I)
# currency words after the number: (pattern, code, multiplier)
_CURRENCIES = [
    (r"(?:американских\s+)?долл(?:ар(?:ами|ам|ах|ов|а|ы)?(?![а-яё])|\.)(?:\s+США)?", "USD", 1.0),
    (r"евро(?![а-яё])", "EUR", 1.0),
    (r"(?:белорусских\s+)руб(?:л(?:ями|ям|ях|ей|я|ь)(?![а-яё])|\.)", "BYN", 1.0),
    (r"(?:российских\s+)?руб(?:л(?:ями|ям|ях|ей|я|ь)(?![а-яё])|\.)", "RUB", 1.0),
    (r"(?:китайских\s+)?юан(?:ями|ям|ях|ей|я|ь|и)(?![а-яё])", "CNY", 1.0),
    (r"(?:иранских\s+)?риал(?:ами|ам|ах|ов|а|ы)?(?![а-яё])", "IRR", 1.0),
    (r"(?:иранских\s+)?туман(?:ов|а|ы)?(?![а-яё])", "IRR", 10.0),
    (r"(?:британских\s+)?фунт(?:ов|а|ы)?\s+стерлингов|британских\s+фунт(?:ов|а|ы)?(?![а-яё])", "GBP", 1.0),
    (r"(?:индийских\s+)?рупи(?:ями|ям|ях|й|и|я)(?![а-яё])", "INR", 1.0),
    (r"(?:японских\s+)?[иi]ен(?![а-яё])|йен(?![а-яё])", "JPY", 1.0),
    (r"(?:турецких\s+)?лир(?:ы|а)?(?![а-яё])", "TRY", 1.0),
    (r"тенге(?![а-яё])", "KZT", 1.0),
    (r"гривен(?![а-яё])|гривн(?:ы|а)?(?![а-яё])", "UAH", 1.0),
    (r"дирхам(?:ов|а|ы)?(?![а-яё])", "AED", 1.0),
    (r"швейцарских\s+франк(?:ов|а)(?![а-яё])|франк(?:ов|а)\s+швейцарских", "CHF", 1.0),
    (r"\$", "USD", 1.0),
    (r"€", "EUR", 1.0),
    (r"₽", "RUB", 1.0),
]
_PERCENTS = [
    (
        r"(?:процентн(?:ых|ого|ый|ые)|проц\.)\s+пункт(?:ов|а|ы)?(?![а-яё])|п\.\s?п\.|п\.п(?![а-яё])|пп\.?(?![а-яё])",
        "pp",
        1.0,
    ),
    (r"базисн(?:ых|ого|ый|ые)\s+пункт(?:ов|а|ы)?(?![а-яё])|б\.\s?п\.", "pp", 0.01),
    (r"%|процент(?:ами|ам|ах|ов|а|ы)?(?![а-яё])", "pct", 1.0),
]
# physical units: (pattern, unit, multiplier)
_QUANTITIES = [
    (r"(?:метрических\s+)?тонн(?:ами|ам|ах|а|ы|у)?(?![а-яё])", "tonnes", 1.0),
    (r"т(?![а-яё.])|т\.(?!\s*[а-яё])", "tonnes", 1.0),
    (r"баррел(?:ями|ям|ях|ей|я|ь|и)(?![а-яё])|барр\.", "barrels", 1.0),
    (
        r"кубометр(?:ов|а|ы)?(?![а-яё])|кубических\s+метр(?:ов|а)(?![а-яё])|куб\.\s?м(?:етров|\.)?(?![а-яё])|м3|м³",
        "cubic_meters",
        1.0,
    ),
    (r"киловатт-час(?:ов|а)?(?![а-яё])|кВт[·*]?ч", "watt_hours", 1e3),
    (r"мегаватт-час(?:ов|а)?(?![а-яё])|МВт[·*]?ч", "watt_hours", 1e6),
    (r"гигаватт-час(?:ов|а)?(?![а-яё])|ГВт[·*]?ч", "watt_hours", 1e9),
    (r"тераватт-час(?:ов|а)?(?![а-яё])|ТВт[·*]?ч", "watt_hours", 1e12),
    (r"киловатт(?:ов|а)?(?![а-яё-])|кВт(?![а-яё·*])", "watts", 1e3),
    (r"мегаватт(?:ов|а)?(?![а-яё-])|МВт(?![а-яё·*])", "watts", 1e6),
    (r"гигаватт(?:ов|а)?(?![а-яё-])|ГВт(?![а-яё·*])", "watts", 1e9),
    (r"квадратных\s+километр(?:ов|а)(?![а-яё])|кв\.\s?км(?![а-яё])", "square_kilometers", 1.0),
    (r"километр(?:ов|а|ы)?(?![а-яё])|км(?![а-яё/])", "kilometers", 1.0),
    (r"гектар(?:ов|а|ы)?(?![а-яё])|га(?![а-яё])", "hectares", 1.0),
    (r"килограмм(?:ов|а|ы)?(?![а-яё])|кг(?![а-яё])", "kilograms", 1.0),
    (r"литр(?:ов|а|ы)?(?![а-яё])", "liters", 1.0),
    (r"унци(?:й|и|я)(?![а-яё])", "ounces", 1.0),
]


def _group_re(items: list[tuple[str, str, float]], prefix: str) -> re.Pattern[str]:
    return re.compile(
        r"\s?(?:" + "|".join(f"(?P<{prefix}{i}>{p})" for i, (p, _, _) in enumerate(items)) + ")", re.I
    )


_CURRENCY_RE = _group_re(_CURRENCIES, "c")
_PERCENT_RE = _group_re(_PERCENTS, "p")
_QUANTITY_RE = re.compile(
    r"\s?(?:" + "|".join(f"(?P<q{i}>{p})" for i, (p, _, _) in enumerate(_QUANTITIES)) + ")"
)  # case-sensitive: "МВт", "т"
_PER = re.compile(
    r"\s+(?:в\s+(?P<time>сутки|день|год|месяц|неделю|час|квартал)(?![а-яё])"
    r"|за\s+(?:1\s+|один\s+|одну\s+)?(?P<unit>баррель|тонну|унцию|килограмм|кило|кг|литр|акцию|штуку|тысячу\s+кубометров"
    r"|1000\s+кубометров|куб\.\s?м)(?![а-яё])"
    r"|(?P<adverb>ежегодно|ежедневно|ежемесячно|в\s+сутки))"
    r"|\s?/\s?(?P<slash>сут(?:ки|\.)?|день|год|мес\.?|т|барр(?:ель|\.)?|баррель)(?![а-яё])",
    re.I,
)
_PER_NORMAL = {
    "сутки": "day", "день": "day", "год": "year", "месяц": "month", "неделю": "week", "час": "hour", "квартал": "quarter",
    "ежегодно": "year", "ежедневно": "day", "ежемесячно": "month", "сут": "day", "сут.": "day", "мес": "month",
    "мес.": "month", "баррель": "barrel", "барр": "barrel", "барр.": "barrel", "тонну": "tonne", "т": "tonne",
    "унцию": "ounce", "килограмм": "kg", "кило": "kg", "кг": "kg", "литр": "litre", "акцию": "share", "штуку": "unit",
}  # fmt: skip
_TIME_PERS = frozenset({"day", "week", "month", "quarter", "year", "hour"})
_PRICE_PERS = frozenset({"barrel", "ounce", "tonne", "kg", "litre", "unit"})
_RANGE = re.compile(rf"\s?[–—-]\s?(?P<pre>\$|€|₽|£)?(?P<num>{_NUM})(?![.,]?\d)")
_TO_RANGE = re.compile(rf"\s+до\s+(?P<pre>\$|€|₽|£)?(?P<num>{_NUM})(?![.,]?\d)")
_IDIOM_AFTER = re.compile(r"\s+(?:уверен|согласен|согласна|прав[аы]?(?![а-яё])|убежд|гарантир|честн)", re.I)
_SIGN_BEFORE = re.compile(r"(?:^|(?<=[\s(\[:]))(?P<sign>[−–+-])$")


@dataclass(slots=True)
class _Raw:
    start: int  # number (or currency symbol) start, without the qualifier
    end: int
    value: float
    value_high: float | None
    unit: str
    kind: str  # money | percent | points | quantity
    per: str | None
    sign: int
    from_range: bool  # "от X до Y"


def _num(s: str) -> float:
    if _GROUPED.fullmatch(s):
        return float(re.sub(r"[.,]", "", s))
    return float(re.sub(_SP, "", s).replace(",", "."))


def _one_group_thousands(number: str, kind: str | None, scale: float, unit_text: str) -> bool:
    """Whether "15.000" / "12,500" (one separator, three digits after it, no scale word) groups thousands:
    a dot is no Russian decimal point, so before money or a physical unit it groups thousands ("24.000
    рублей", "$40.000", "3.500 тонн"); a comma before money does too ("$60,000", "215,000 рублей"), unless
    the currency word is in the genitive singular a fraction takes ("2,417 доллара" is 2.417)."""
    m = _ONE_GROUP.fullmatch(number)
    if m is None or scale != 1.0 or kind not in ("money", "quantity"):
        return False
    if m.group("sep") == ".":
        return True
    if kind != "money":
        return False
    word = re.findall(r"[а-яё]+", unit_text.casefold())
    return not (word and word[-1] != "евро" and word[-1][-1] in "аяыи")


def _suffix(text: str, pos: int) -> tuple[int, float, str | None, str | None, float] | None:
    """After a number: (end, scale, kind, unit, multiplier) or None without a unit."""
    scale = 1.0
    m = _SCALE.match(text, pos)
    if m:
        scale = next(v for i, (_, v) in enumerate(_SCALES) if m.group(f"s{i}"))
        pos = m.end()
    for regex, items, kind in ((_PERCENT_RE, _PERCENTS, "percent"), (_CURRENCY_RE, _CURRENCIES, "money")):
        u = regex.match(text, pos)
        if u and u.lastgroup:
            _, unit, mult = items[int(u.lastgroup[1:])]
            if kind == "percent":
                return (
                    u.end(),
                    scale,
                    "points" if unit == "pp" else "percent",
                    ("percentage_points" if unit == "pp" else "percent"),
                    mult,
                )
            return u.end(), scale, "money", unit, mult
    q = _QUANTITY_RE.match(text, pos)
    if q and q.lastgroup:
        _, unit, mult = _QUANTITIES[int(q.lastgroup[1:])]
        if (
            unit == "tonnes"
            and q.group(0).strip().startswith("т")
            and not q.group(0).strip().startswith("тонн")
            and scale == 1.0
        ):
            return None  # a bare "т" only after a scale word ("10 тыс. т")
        return q.end(), scale, "quantity", unit, mult
    return pos, scale, None, None, 1.0


def _raw_figures(text: str) -> list[_Raw]:
    out: list[_Raw] = []
    consumed = -1
    for m in _NUMBER.finditer(text):
        if m.start() < consumed:
            continue
        start = m.start()
        pm = _PREFIX.search(text, max(0, start - 4), start)
        prefix = _SYMBOLS[pm.group("sym").casefold()] if pm else None
        if pm:
            start = pm.start()
        value = _num(m.group(0))
        high: float | None = None
        pos = m.end()
        from_range = False
        # a range: "4–5 млрд долларов", "от 4 до 5%"
        rm = _RANGE.match(text, pos)
        if rm is None and re.search(r"(?<![а-яё])от\s+(?:\$|€|₽)?$", text[max(0, start - 5) : start], re.I):
            rm = _TO_RANGE.match(text, pos)
            from_range = rm is not None
        first = _suffix(text, pos)
        if first and first[2] in ("percent", "points") and first[1] == 1.0:
            # "4%–5%": the unit is repeated
            rm2 = _RANGE.match(text, first[0])
            if rm2 and re.match(r"\s?(?:%|процент)", text[rm2.end() :]):
                rm, pos = rm2, first[0]
            elif re.search(r"(?<![а-яё])от\s+$", text[max(0, start - 5) : start], re.I):
                # "от 20% до 30%": the unit repeated after each end
                rm3 = _TO_RANGE.match(text, first[0])
                if rm3 and re.match(r"\s?(?:%|процент)", text[rm3.end() :]):
                    rm, pos, from_range = rm3, first[0], True
        if rm is not None:
            high_raw = _num(rm.group("num"))
            suf = _suffix(text, rm.end())
            if suf and suf[2] is not None and (high_raw > value or from_range):
                high = high_raw
                pos = rm.end()
        suf = _suffix(text, pos)
        if suf is None:
            continue
        end, scale, kind, unit, mult = suf
        if kind is None:
            if prefix is None:
                continue
            kind, unit, mult = "money", prefix, 1.0
        elif kind == "money" and prefix is not None:
            unit = prefix if unit in ("USD", "EUR", "RUB") and prefix != unit else unit
        elif prefix is not None and kind != "money":
            continue
        if kind == "percent" and _IDIOM_AFTER.match(text, end):
            continue
        if re.match(r"[а-яёa-z]", text[end : end + 1], re.I):
            continue  # inside a word
        if _one_group_thousands(m.group(0), kind, scale, text[pos:end]):
            value = _num(m.group(0).replace(",", "").replace(".", ""))
        if high is not None and rm is not None and _one_group_thousands(rm.group("num"), kind, scale, text[pos:end]):
            high = _num(rm.group("num").replace(",", "").replace(".", ""))
        per = None
        pr = _PER.match(text, end)
        if pr:
            word = re.sub(
                r"\s+",
                " ",
                (pr.group("time") or pr.group("unit") or pr.group("adverb") or pr.group("slash")).casefold(),
            )
            word = "сутки" if word == "в сутки" else word
            per = _PER_NORMAL.get(word, "unit")
            if not (kind == "money" or per in _TIME_PERS):
                per = None
            else:
                end = pr.end()
        sign = 0
        sm = _SIGN_BEFORE.search(text, max(0, start - 1), start)
        if sm and kind in ("percent", "points"):
            sign = -1 if sm.group("sign") in "−–-" else 1
        factor = scale * mult
        out.append(
            _Raw(
                start,
                end,
                value * factor,
                high * factor if high is not None else None,
                unit or "",
                kind,
                per,
                sign,
                from_range,
            )
        )
        consumed = end
    return _from_to_ranges(text, out)


def _from_to_ranges(text: str, raws: list[_Raw]) -> list[_Raw]:
    """"от 4000 ₽ до 7000 ₽", "от 850 тысяч рублей до 1,2 миллиона рублей": the unit written after both
    ends still makes one range (value the low end, value_high the high end)."""
    out: list[_Raw] = []
    for r in raws:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.value_high is None
            and not prev.from_range
            and prev.kind == r.kind
            and prev.unit == r.unit
            and prev.per == r.per
            and r.value_high is None
            and r.value > prev.value
            and re.fullmatch(r"\s+до\s+", text[prev.end : r.start])
            and re.search(r"(?<![а-яё])от\s+$", text[max(0, prev.start - 5) : prev.start], re.I)
        ):
            out[-1] = _Raw(prev.start, r.end, prev.value, r.value, prev.unit, prev.kind, r.per, prev.sign, True)
            continue
        out.append(r)
    return out


# --- metric lexicon (dbt/seeds/figure_metrics.csv, column nouns_ru) ----------------------------------


@dataclass(frozen=True, slots=True)
class _Cue:
    metric: str
    words: tuple[tuple[str, bool], ...]  # (lemma or stem, is_stem)
    row: int

    @property
    def chars(self) -> int:
        return sum(len(w) for w, _ in self.words)


@dataclass(frozen=True)
class RuLexicon:
    units: dict[str, frozenset[str]]  # metric → unit kinds (money | percent | quantity)
    parties_from: dict[str, str]
    cues: dict[str, tuple[_Cue, ...]]  # unit kind → cues of the metrics that apply to it
    targets: tuple[_Cue, ...]


def _norm(word: str) -> str:
    return word.casefold().replace("ё", "е")


def _cue(metric: str, item: str, row: int) -> _Cue:
    words = tuple((_norm(w.rstrip("*")), w.endswith("*")) for w in item.split())
    return _Cue(metric, words, row)


@lru_cache(maxsize=4)
def load_ru_lexicon(folder: Path | None = None) -> RuLexicon:
    rows = read_rows("figure_metrics", folder)
    units = {r["metric"]: frozenset(seed_list(r["units"])) for r in rows}
    parties_from = {r["metric"]: r["parties_from"] for r in rows}
    cues: dict[str, tuple[_Cue, ...]] = {}
    for kind in ("money", "percent", "quantity"):
        cues[kind] = tuple(
            _cue(r["metric"], item, i)
            for i, r in enumerate(rows)
            if kind in units[r["metric"]] and r["metric"] != "trade_target"
            for item in seed_list(r.get("nouns_ru"))
        )
    targets = tuple(
        _cue("trade_target", item, 0)
        for r in rows
        if r["metric"] == "trade_target"
        for item in seed_list(r.get("nouns_ru"))
    )
    return RuLexicon(units, parties_from, cues, targets)


def _word_matches(word: str, stem: str, is_stem: bool) -> bool:
    return word.startswith(stem) if is_stem else word == stem


@dataclass(slots=True)
class _Match:
    metric: str
    token: RuToken  # the phrase's head
    cue_tokens: list[RuToken]
    score: tuple[int, int, int, int, int]


_PHRASE_RELS = frozenset({"amod", "nmod", "compound", "flat", "case", "fixed", "nummod", "appos", "obl"})
_TRANSPARENT = frozenset(
    {"размер", "сумма", "объем", "уровень", "отметка", "показатель", "величина", "значение", "рубеж", "планка", "цифра",
     "порог", "итог", "масштаб", "год", "месяц", "квартал", "период", "полугодие", "выражение", "порядок", "общий", "рамка"}
)  # fmt: skip


def _phrase(sent: RuSentence, head: RuToken, exclude: set[int], depth: int = 3) -> list[tuple[RuToken, int]]:
    """The noun phrase of `head`: it and its modifiers and complements (not clauses), with their depth."""
    out = [(head, 0)]
    frontier = [head]
    for d in range(1, depth + 1):
        nxt = []
        for h in frontier:
            for t in sent.tokens:
                if t.head == h.index and t.index not in exclude and t.rel.split(":")[0] in _PHRASE_RELS:
                    if t.rel == "obl" and h.pos not in ("NOUN", "PROPN"):
                        continue
                    out.append((t, d))
                    nxt.append(t)
        frontier = nxt
    return sorted(out, key=lambda p: p[0].index)


def _best_cue(cues: tuple[_Cue, ...], phrase: list[tuple[RuToken, int]]) -> _Match | None:
    words = [_norm(t.lemma) for t, _ in phrase]
    best: _Match | None = None
    for cue in cues:
        n = len(cue.words)
        for i in range(len(words) - n + 1):
            if all(_word_matches(words[i + k], s, st) for k, (s, st) in enumerate(cue.words)):
                toks = [phrase[i + k] for k in range(n)]
                includes_head = any(d == 0 for _, d in toks)
                score = (n, int(includes_head), -min(d for _, d in toks), cue.chars, -cue.row)
                if best is None or score > best.score:
                    best = _Match(cue.metric, phrase[0][0], [t for t, _ in toks], score)
                break
    return best


# --- change vocabulary ----------------------------------------------------------------------------

_UP = frozenset(
    {"вырасти", "расти", "увеличиться", "увеличить", "увеличиваться", "увеличивать", "повыситься", "повысить",
     "повышаться", "подняться", "поднять", "подскочить", "прибавить", "нарастить", "наращивать", "возрасти",
     "возрастать", "укрепиться", "подорожать", "дорожать", "ускориться", "расшириться", "прирасти", "взлететь",
     "вырастать", "рост", "прирост", "увеличение", "повышение", "подорожание", "ускорение", "укрепление"}
)  # fmt: skip
_DOWN = frozenset(
    {"снизиться", "снизить", "снижаться", "снижать", "сократиться", "сократить", "сокращаться", "сокращать",
     "упасть", "падать", "уменьшиться", "уменьшить", "уменьшаться", "понизиться", "понизить", "опуститься",
     "подешеветь", "дешеветь", "ослабнуть", "ослабеть", "обвалиться", "рухнуть", "потерять", "терять", "просесть",
     "замедлиться", "урезать", "сжаться", "снижение", "сокращение", "падение", "уменьшение", "спад", "понижение",
     "удешевление", "обвал", "ослабление", "замедление"}
)  # fmt: skip
_CHANGE_NOUNS = frozenset({t for t in _UP | _DOWN if not t.endswith(("ть", "ться", "ти", "тись"))})
_TO_VERBS = frozenset(
    {"довести", "доводить", "нарастить", "наращивать", "поднять", "снизить", "сократить", "обогатить", "обогащать",
     "замедлиться", "ускориться", "опуститься", "дойти", "доходить"}
)  # fmt: skip
_RATES = frozenset({"economic_growth", "inflation_rate"})  # a level of these is itself a change
_CHANGE_LEVEL_VERBS = frozenset({"составить", "составлять", "достичь", "достигнуть", "достигать", "превысить", "превышать"})
_COMPARATIVES_UP = frozenset({"больше", "выше", "дороже", "более"})
_COMPARATIVES_DOWN = frozenset({"меньше", "ниже", "дешевле", "менее"})
_GROWTH_WORDS = _UP | _DOWN
# a percent change of a share is a growth_rate (a share changes in points); a percent change of trade,
# exports or imports is of the metric the list names (growth_rate is a change of something it does not)
_AMOUNT_METRICS = frozenset({"share", "national_currency_share", "poll_share"})
_TRADE = frozenset({"trade_volume", "exports", "imports"})
_CLAUSE_RELS = frozenset({"ccomp", "advcl", "parataxis", "acl", "csubj"})
_VERBAL = frozenset({"VERB", "AUX"})

# --- qualifiers -------------------------------------------------------------------------------------

_QUALIFIERS = [
    (
        "at_least",
        r"не\s+менее|не\s+меньше|как\s+минимум|минимум|по\s+меньшей\s+мере|по\s+крайней\s+мере|не\s+ниже"
        r"|(?:начиная\s+|стартуя\s+)?от",
    ),
    (
        "up_to",
        r"не\s+более|не\s+больше|не\s+свыше|не\s+выше|максимум|вплоть\s+до|до"
        r"|не\s+(?:(?:должн[аоы]?|долж[её]н|может|могут|будет|будут)\s+)?превыша(?:ть|ет|ют|ла|ло|ли|л)",
    ),
    (
        "about",
        r"около|примерно|порядка|почти|приблизительно|ориентировочно|чуть\s+(?:более|менее|больше|меньше)(?:\s+чем)?"
        r"|немногим\s+(?:более|менее|больше|меньше)(?:\s+чем)?|почти|свыше\s+чем",
    ),
    ("over", r"более\s+чем|более|свыше|больше\s+чем|больше|сверх"),
    ("under", r"менее\s+чем|менее|меньше\s+чем|меньше|ниже"),
]
_QUALIFIER = re.compile(
    r"(?<![а-яёa-z])(?:" + "|".join(f"(?P<{k}>{p})" for k, p in _QUALIFIERS) + r")(?P<na>\s+(?:на|в))?\s+$",
    re.I,
)

# --- periods ----------------------------------------------------------------------------------------

_YEAR = r"(?:19|20)\d\d"
_MONTH = (
    r"январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|август[аеу]?|сентябр[ьяею]"
    r"|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею]"
)
_MONTH_STEMS = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
]
_NUMERALS = {
    "один": 1, "одного": 1, "два": 2, "двух": 2, "три": 3, "трех": 3, "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5,
    "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10,
    "десяти": 10, "одиннадцать": 11, "одиннадцати": 11,
}  # fmt: skip
_ORDINAL_STEMS = {
    "перв": 1,
    "втор": 2,
    "трет": 3,
    "четверт": 4,
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
}
_YEAR_WORD = r"(?:год(?:а|у|ом|е)?|г\.)"
_REL_YEAR = r"прошлого|этого|текущего|минувшего|следующего"
_PERIODS: list[tuple[str, re.Pattern[str]]] = [
    ("days", re.compile(
        rf"(?<![а-яё])(?:с|со)\s+(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{_MONTH}))?\s+(?:по|до)\s+(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})(?![а-яё])"
        rf"(?:\s+(?P<y>{_YEAR})\s*{_YEAR_WORD}?|\s+(?P<rel>{_REL_YEAR})\s+года)?", re.I)),
    ("date", re.compile(
        rf"(?:(?P<asof>(?:по\s+состоянию\s+)?(?<![а-яё])(?:на|к)\s+)|(?P<since>(?<![а-яё])(?:с|со|начиная\s+с)\s+))?"
        rf"(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})(?![а-яё])"
        rf"(?:\s+(?P<y>{_YEAR})\s*{_YEAR_WORD}?|\s+(?P<rel>{_REL_YEAR})\s+года)?(?![\s,]*\d)", re.I)),
    ("week", re.compile(r"(?<![а-яё])за\s+(?:(?:последн|прошедш|минувш)\w+\s+)?неделю(?![а-яё])(?!\s+до)", re.I)),
    ("months_of", re.compile(
        rf"(?:за\s+)?(?:(?:первые|последние)\s+)?(?P<n>\d{{1,2}}|[а-яё]+)\s+месяц(?:ев|а)\s+"
        rf"(?:(?P<rel>текущего|этого|прошлого|минувшего)\s+года|(?P<y>{_YEAR})\s*{_YEAR_WORD}?)", re.I)),
    ("month_span", re.compile(
        rf"(?:в|за)?\s*(?P<m1>{_MONTH})\s?[–—-]\s?(?P<m2>{_MONTH})\s+(?:(?P<rel>текущего|этого|прошлого|минувшего)\s+года|(?P<y>{_YEAR})\s*{_YEAR_WORD}?)",
        re.I)),
    ("quarter", re.compile(
        rf"(?P<q>перв\w*|втор\w*|трет\w*|четв[её]рт\w*|IV|I{{1,3}}|[1-4](?:-?м)?)\s+квартал\w*"
        rf"(?:\s+(?:(?P<rel>текущего|этого|прошлого|минувшего)\s+года|(?P<y>{_YEAR})\s*{_YEAR_WORD}?))?", re.I)),
    ("half", re.compile(
        rf"(?P<h>перв\w*|втор\w*)\s+полугоди\w*(?:\s+(?:(?P<rel>текущего|этого|прошлого|минувшего)\s+года|(?P<y>{_YEAR})\s*{_YEAR_WORD}?))?",
        re.I)),
    ("span", re.compile(rf"(?:в|за|с)?\s*(?P<y1>{_YEAR})\s?(?:[–—-]|по)\s?(?P<y2>{_YEAR})\s*(?:годах|годы|годов|гг\.?|г\.)?", re.I)),
    ("by", re.compile(rf"(?:к|до)\s+(?:концу\s+|конца\s+)?(?P<y>{_YEAR})\s*(?:году|года|г\.)", re.I)),
    ("since", re.compile(rf"(?<![а-яё])с\s+(?P<y>{_YEAR})\s*(?:года|г\.)", re.I)),
    ("month", re.compile(rf"(?P<prep>(?<![а-яё])(?:в|во|за|с|к)\s+)?(?P<m>{_MONTH})(?![а-яё])(?:\s+(?P<y>{_YEAR})\s*{_YEAR_WORD}?)?", re.I)),
    ("year", re.compile(
        rf"(?:(?<![а-яё])(?:в|во|за|по\s+итогам|на\s+протяжении|в\s+течение)\s+)?(?P<y>{_YEAR})\s*(?:год(?:а|у|ом|е)?|г\.)"
        rf"(?![а-яё])|(?<![а-яё])(?:в|за)\s+(?P<y2>{_YEAR})(?:-м)?(?![\d\s]*(?:год|г\.))", re.I)),
    ("relative", re.compile(
        r"(?P<r>(?:в|за)\s+(?:прошл|минувш|прошедш)\w+\s+год\w*|(?:в|за)\s+позапрошл\w+\s+год\w*"
        r"|(?:в|за)\s+(?:эт|текущ|нынешн)\w+\s+год\w*|по\s+итогам\s+(?:прошлого|минувшего|прошедшего)\s+года"
        r"|по\s+итогам\s+(?:этого|текущего)\s+года|годом\s+ранее|год\s+назад|(?:в|за)\s+прошл\w+\s+месяц\w*"
        r"|(?:в|за)\s+(?:эт|текущ)\w+\s+месяц\w*|с\s+начала\s+(?:текущего\s+|этого\s+)?года"
        r"|(?:в|на)\s+(?:следующ|будущ|наступающ|грядущ)\w+\s+год\w*)",
        re.I)),
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Period:
    text: str
    start: date | None
    end: date | None
    precision: str | None


def _month_end(y: int, m: int) -> date:
    return date(y + (m // 12), m % 12 + 1, 1) - timedelta(days=1)


def _month(word: str) -> int:
    w = _norm(word)
    for i, stem in enumerate(_MONTH_STEMS):
        if w.startswith(stem) and (stem != "ма" or w[:3] in ("май", "мая", "мае", "маю")):
            return i + 1
    raise ValueError(word)


def _rel_year(rel: str | None, anchor: date | None) -> int | None:
    if anchor is None:
        return None
    r = _norm(rel or "")
    return anchor.year - 1 if r.startswith(("прошл", "минувш", "прошедш")) else anchor.year


def _resolve(kind: str, m: re.Match[str], anchor: date | None) -> _Period | None:
    g = m.groupdict()
    t = m.group(0).strip()
    year: int | None
    if kind in ("date", "days"):
        try:
            yr: int
            if g["y"]:
                yr = int(g["y"])
            elif g["rel"] and anchor is not None:
                yr = anchor.year + 1 if _norm(g["rel"]).startswith("следующ") else (_rel_year(g["rel"], anchor) or anchor.year)
            elif anchor is not None and (kind == "days" or g["asof"] or g["since"]):
                # "с 1 января", "на 1 ноября": the date nearest the post's
                m_ = _month(g["m2"] if kind == "days" else g["m"])
                d_ = int(g["d2"] if kind == "days" else g["d"])
                yr = min(
                    (anchor.year - 1, anchor.year, anchor.year + 1),
                    key=lambda y: abs((date(y, m_, min(d_, 28)) - anchor).days),
                )
            else:
                return None  # a bare "14 октября" is an event's day, not a figure's period
            if kind == "days":
                end = date(yr, _month(g["m2"]), int(g["d2"]))
                begin = date(yr, _month(g["m1"] or g["m2"]), int(g["d1"]))
                return _Period(t, begin, end, "day") if begin <= end else None
            d = date(yr, _month(g["m"]), int(g["d"]))
        except ValueError:
            return None
        if g["asof"]:
            return _Period(t, None, d, "day")
        return _Period(t, d, None, "day") if g["since"] else _Period(t, d, d, "day")
    if kind == "week":
        return _Period(t, anchor - timedelta(days=6), anchor, "day") if anchor is not None else None
    if kind in ("months_of", "month_span", "quarter", "half"):
        year = (
            int(g["y"])
            if g.get("y")
            else (_rel_year(g.get("rel"), anchor) if (g.get("rel") or anchor) else None)
        )
        if year is None:
            return None
        if kind == "months_of":
            n_text = _norm(g["n"])
            n = int(n_text) if n_text.isdigit() else _NUMERALS.get(n_text)
            if not n or not 1 <= n <= 12:
                return None
            if "последн" in _norm(t):
                return None
            return _Period(t, date(year, 1, 1), _month_end(year, n), "month")
        if kind == "month_span":
            m1, m2 = _month(g["m1"]), _month(g["m2"])
            return _Period(t, date(year, m1, 1), _month_end(year, m2), "month") if m1 <= m2 else None
        if kind == "quarter":
            q = next((v for s, v in _ORDINAL_STEMS.items() if _norm(g["q"]).startswith(s)), None)
            return _Period(t, date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter") if q else None
        h = 1 if _norm(g["h"]).startswith("перв") else 2
        return _Period(
            t, date(year, 1 if h == 1 else 7, 1), date(year, 6, 30) if h == 1 else date(year, 12, 31), "half"
        )
    if kind == "span":
        y1, y2 = int(g["y1"]), int(g["y2"])
        return _Period(t, date(y1, 1, 1), date(y2, 12, 31), "years") if y1 < y2 <= y1 + 30 else None
    if kind == "by":
        return _Period(t, None, date(int(g["y"]), 12, 31), "year")
    if kind == "since":
        return _Period(t, date(int(g["y"]), 1, 1), None, "year")
    if kind == "month":
        if not g["prep"] and not g["y"]:
            return None
        mo = _month(g["m"])
        if g["y"]:
            year = int(g["y"])
        elif anchor is not None:
            year = anchor.year if mo <= anchor.month else anchor.year - 1
        else:
            return None
        return _Period(t, date(year, mo, 1), _month_end(year, mo), "month")
    if kind == "year":
        y = int(g["y"] or g["y2"])
        return _Period(t, date(y, 1, 1), date(y, 12, 31), "year")
    if kind == "relative" and anchor is not None:
        r = _norm(g["r"])
        if "месяц" in r:
            if "прошл" in r:
                last = date(anchor.year, anchor.month, 1) - timedelta(days=1)
                return _Period(t, date(last.year, last.month, 1), last, "month")
            return _Period(
                t, date(anchor.year, anchor.month, 1), _month_end(anchor.year, anchor.month), "month"
            )
        if r.startswith("с начала"):
            return _Period(t, date(anchor.year, 1, 1), anchor, "day")
        if re.search(r"следующ|будущ|наступающ|грядущ", r):
            return _Period(t, date(anchor.year + 1, 1, 1), date(anchor.year + 1, 12, 31), "year")
        if "позапрошл" in r:
            y = anchor.year - 2
        elif any(w in r for w in ("прошл", "минувш", "прошедш", "ранее", "назад")):
            y = anchor.year - 1
        else:
            y = anchor.year
        return _Period(t, date(y, 1, 1), date(y, 12, 31), "year")
    return None


_COMPARED = re.compile(
    r"(?:по\s+сравнению\s+(?:с|со)|в\s+сравнении\s+с|относительно|против|чем)"
    r"(?:\s+(?:аналогичн|тем\s+же|прошл|предыдущ|минувш|показател|уровн|значени)\w*(?:\s+период\w*)?)?\s*$",
    re.I,
)


_FIRST_SINCE = re.compile(
    r"(?:впервые|минимум\w*|максимум\w*|(?:минимальн|максимальн|рекордн|высш|низш)\w*\s+(?:уровн\w*|значени\w*))\s+$", re.I
)  # "впервые с 5 мая", "минимум с июня 2019 года": what the level is compared with, not its period
_NEXT_CLAUSE = re.compile(
    r"[,;]\s*(?:но|а|однако|тогда\s+как|в\s+то\s+время\s+как|поскольку|так\s+как|потому\s+что|чтобы|если|когда)(?![а-яё])",
    re.I,
)


def _find_period(
    text: str, lo: int, hi: int, f_start: int, f_end: int, anchor: date | None
) -> _Period | None:
    found: list[tuple[int, int, _Period]] = []
    taken: list[tuple[int, int]] = []
    for rank, (kind, pat) in enumerate(_PERIODS):
        for m in pat.finditer(text, lo, hi):
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            if s >= e or (s < f_end and f_start < e):
                continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            if _COMPARED.search(text, max(lo, s - 45), s) or (
                _norm(text[s : s + 2]) in ("с ", "со") and _FIRST_SINCE.search(text, max(lo, s - 30), s)
            ):
                continue  # "по сравнению с прошлым годом", "относительно 2023 года": the change's base
            if s >= f_end and _NEXT_CLAUSE.search(text, f_end, s):
                continue  # "…1,3 млрд, но в будущем году …", "…, поскольку с 1 января …": another clause's
            p = _resolve(kind, m, anchor)
            if p is not None:
                found.append(((s - f_end) if s >= f_end else (f_start - e) + 1, rank, p))
    if not found:
        return None
    return min(found, key=lambda c: c[:2])[2]


# --- structure helpers ------------------------------------------------------------------------------


def _tokens_in(sent: RuSentence, start: int, end: int) -> list[RuToken]:
    return [t for t in sent.tokens if t.start < end and start < t.end]


def _top(sent: RuSentence, toks: list[RuToken]) -> RuToken:
    ids = {t.index for t in toks}
    tops = [t for t in toks if t.head not in ids and t.pos != "PUNCT"]
    if not tops:
        return toks[-1]
    # the unit or scale token, not a dangling number
    return next((t for t in tops if t.pos in ("NOUN", "SYM", "PROPN")), tops[0])


def _ancestors(sent: RuSentence, tok: RuToken) -> list[RuToken]:
    out: list[RuToken] = []
    cur = sent.head_of(tok)
    while cur is not None and len(out) < 20:
        out.append(cur)
        cur = sent.head_of(cur)
    return out


def _case_of(sent: RuSentence, tok: RuToken) -> str:
    """The preposition a noun is governed by, or ''."""
    prep = next((c for c in sent.children(tok, "case")), None)
    if prep is None and tok.rel == "conj":
        h = sent.head_of(tok)
        if h is not None:
            prep = next((c for c in sent.children(h, "case")), None)
    return _norm(prep.text) if prep is not None else ""


def _subject_of(sent: RuSentence, verb: RuToken, exclude: set[int]) -> RuToken | None:
    cur: RuToken | None = verb
    for _ in range(4):
        if cur is None:
            return None
        subj = next((c for c in sent.children(cur, "nsubj") if c.index not in exclude), None)
        if subj is not None:
            if subj.pos == "PRON" and _norm(subj.lemma) == "который" and cur.rel.startswith("acl"):
                return sent.head_of(cur)
            return subj
        if cur.rel.startswith("acl"):
            return sent.head_of(cur)
        if cur.rel.split(":")[0] in ("conj", "xcomp") and sent.head_of(cur) is not None:
            cur = sent.head_of(cur)
            continue
        return None
    return None


# --- the finder ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Typed:
    metric: str
    how: str  # price | head | verb | complement | object | subject | default
    cue: RuToken | None  # head of the phrase the metric comes from
    unknown: bool = False  # a subject or head the list does not name


_DISCOUNTS = ("скидк", "уценк", "дисконт")


def _discount(sent: RuSentence, top: RuToken, ftoks: set[int]) -> bool:
    """Whether the figure is the size of a discount: the noun it modifies (past transparent nouns),
    its genitive complement, or a word just before it with no verb between is скидка/уценка/дисконт."""
    for a in _ancestors(sent, top)[:3]:
        if a.pos in _VERBAL:
            break
        if _norm(a.lemma).startswith(_DISCOUNTS):
            return True
        if _norm(a.lemma) not in _TRANSPARENT:
            break
    for t in sent.tokens:
        if t.head in ftoks and t.index not in ftoks and _norm(t.lemma).startswith(_DISCOUNTS):
            return True
    first = min(sent.tokens[i].start for i in ftoks)
    before = [t for t in sent.tokens if t.end <= first][-4:]
    for t in reversed(before):
        if t.pos in _VERBAL or t.pos == "PUNCT":
            return False
        if _norm(t.lemma).startswith(_DISCOUNTS):
            return True
    return False


_FROM_GOVERNORS = frozenset(
    {"стоить", "стоять", "начинаться", "начаться", "стартовать", "продаваться", "продавать", "предлагать", "обойтись",
     "обходиться", "составить", "составлять", "варьироваться", "платить", "заплатить", "получать", "зарабатывать"}
)  # fmt: skip
_NOT_FROM = ("отказ", "зависим", "защит", "отлич", "освобожд", "отход", "отступлен", "уход")


def _from_price(sent: RuSentence, text: str, top: RuToken, r: _Raw) -> bool:
    """Whether "от N" is a lower bound ("билеты от 500 рублей", "стоят от 5 млн", "ставки от 5%"), not a
    range ("от 4 до 5%"), a change's start or what something is away from ("отказ от 20% импорта")."""
    if r.from_range or r.kind not in ("money", "percent"):
        return False
    if re.search(r"(?:%|процент\w*)\s+от\s+(?:\$|€|₽|£)?$", text[max(sent.start, r.start - 30) : r.start], re.I):
        return False  # "7% от 3,6 млн рублей": a part of it
    gov = sent.head_of(top)
    if gov is None:
        return True
    lem = _norm(gov.lemma)
    if gov.pos in ("NOUN", "PROPN"):
        return not lem.startswith(_NOT_FROM) and lem not in _CHANGE_NOUNS
    return lem in _FROM_GOVERNORS


_CONDITIONS = frozenset({"если", "ежели", "например", "допустим", "предположим", "представим", "скажем"})


def _worked_example(sent: RuSentence) -> bool:
    """Whether the sentence is a worked example put to the reader: a condition or an example marker
    (если, например, допустим, ...) and a second-person verb, pronoun or imperative ("если ставка составит
    20%, вы заплатите ...", "например, при ставке 18% вам придётся вернуть ..."). Its figures are
    assumed, not reported."""
    if not any(_norm(t.lemma) in _CONDITIONS or _norm(t.text) in _CONDITIONS for t in sent.tokens):
        return False
    return any(
        (t.feats.get("Person") == "2" and t.pos in ("PRON", "VERB", "AUX")) or t.feats.get("Mood") == "Imp"
        for t in sent.tokens
    )


_ANNUAL = re.compile(r"\s+годовых(?![а-яё])", re.I)


def _lending_rate(sent: RuSentence, text: str, ftoks: set[int], r: _Raw, typed: _Typed) -> bool:
    """Whether a percent is a loan's or deposit's rate: "N% годовых" is (a bond's or a share's yield,
    "доходность облигаций 14% годовых", stays a market figure), and so is "под N%" ("кредит под 18%", "вклады под
    20%") when no noun the percent is of follows ("под 20% территории" is not)."""
    if _ANNUAL.match(text, r.end):
        return typed.metric != "market_move" and not (
            typed.cue is not None and "доходност" in _norm(typed.cue.lemma)
        )
    preps = {_norm(c.text) for i in ftoks for c in sent.children(sent.tokens[i], "case") if c.index not in ftoks}
    if "под" not in preps and not re.search(r"(?<![а-яё])под\s+$", text[max(sent.start, r.start - 6) : r.start], re.I):
        return False
    return not any(
        t.head in ftoks and t.index not in ftoks and t.pos in ("NOUN", "PROPN") and not sent.children(t, "case")
        for t in sent.tokens
    )


def _change(sent: RuSentence, text: str, top: RuToken, ftoks: set[int], r: _Raw) -> int:
    """+1 / -1 for a change, 0 for a level."""
    if r.sign:
        return r.sign
    if r.kind in ("percent", "points") and _discount(sent, top, ftoks):
        return -1  # "скидка 40%", "со скидкой до 30%", "30% скидки": a price cut, not a price level
    preps = [
        c for t in sent.tokens if t.index in ftoks for c in sent.children(t, "case") if c.index not in ftoks
    ]
    prep_words = {_norm(p.text) for p in preps}
    before = [t for t in sent.tokens if t.end <= r.start]
    # linear: "<change word> [qualifiers] на <figure>" / "на <figure> больше"
    if "до" in prep_words or re.search(
        r"(?<![а-яё])до\s+$", text[max(sent.start, r.start - 5) : r.start], re.I
    ):
        return 0  # "снизилась до 7%", "на 2 п.п., до 21%": the level reached
    if "на" in prep_words or re.search(
        r"(?<![а-яё])на\s+(?:[а-яё]+\s+){0,2}$", text[max(sent.start, r.start - 40) : r.start], re.I
    ):
        for a in _ancestors(sent, top)[:3]:
            lem = _norm(a.lemma)
            if lem in _UP:
                return 1
            if lem in _DOWN:
                return -1
            if a.pos in _VERBAL:
                break
        for t in reversed(before[-5:]):
            lem = _norm(t.lemma)
            if lem in _UP:
                return 1
            if lem in _DOWN:
                return -1
        after = [t for t in sent.tokens if t.start >= r.end][:2]
        for t in after:
            w = _norm(t.text)
            if w in _COMPARATIVES_UP:
                return 1
            if w in _COMPARATIVES_DOWN:
                return -1
    if r.kind in ("percent", "points"):
        # "рост составил 8,1%", "падение достигло 3%": a level whose subject is a change is that change
        verb = next((a for a in _ancestors(sent, top)[:2] if a.pos in _VERBAL), None)
        if verb is not None and _norm(verb.lemma) in _CHANGE_LEVEL_VERBS:
            subj = next((c for c in sent.children(verb, "nsubj") if c.index not in ftoks), None)
            prev = sent.tokens[verb.index - 1] if verb.index > 0 else None
            if subj is None and prev is not None and prev.pos == "NOUN" and prev.case == "Nom":
                subj = prev  # "…, при этом рост составил 8,1%": the parse hung it on another verb
            lem = _norm(subj.lemma) if subj is not None else ""
            if subj is not None and lem in _CHANGE_NOUNS:
                cue = _best_cue(load_ru_lexicon().cues["percent"], _phrase(sent, subj, ftoks))
                if cue is None or cue.metric not in _RATES:  # "рост ВВП составил 3,5%" is a growth rate's level
                    return 1 if lem in _UP else -1
    return 0


def _type_metric(
    sent: RuSentence, top: RuToken, ftoks: set[int], r: _Raw, lex: RuLexicon, change: bool
) -> _Typed:
    kind = "percent" if r.kind == "points" else r.kind
    cues = lex.cues[kind]
    if r.kind == "money" and r.per in _PRICE_PERS:
        return _Typed("price", "price", None)
    exclude = {t.index for t in sent.subtree(top)} | ftoks
    if kind == "percent":
        people = next(
            (t for t in sent.tokens if t.head in ftoks and t.index not in ftoks and t.rel.split(":")[0] == "nmod"
             and t.pos in ("NOUN", "PROPN") and not sent.children(t, "case") and _of_whom(t)),
            None,
        )  # fmt: skip
        if people is not None:  # a poll's respondents ("61% опрошенных жителей") are still a poll
            m = _best_cue(cues, _phrase(sent, people, ftoks))
            if m is not None and (m.metric == "poll_share" or people in m.cue_tokens):
                return _Typed(m.metric, "complement", people)
            verb = next((a for a in _ancestors(sent, top)[:2] if a.pos in _VERBAL), None)
            voted = _best_cue(cues, [(verb, 0)]) if verb is not None else None
            if voted is not None and voted.metric == "poll_share":
                return _Typed("poll_share", "verb", people)  # "за это проголосовали 70% жителей"
            return _Typed("share", "complement", people)
    before = [t for t in sent.tokens if t.end <= min(t2.start for t2 in sent.tokens if t2.index in ftoks)]
    while before and _norm(before[-1].text) in _QUALIFIER_WORDS:
        before = before[:-1]  # "Стоимость — от 1599 долларов": the dash before the qualifier
    if len(before) >= 2 and before[-1].text in ("—", "–", "-") and before[-2].pos in ("NOUN", "PROPN"):
        # "а госдолг — 300 млн евро": an elliptic clause, its subject before the dash
        subj = before[-2]
        parent = sent.head_of(subj)
        while (
            subj.rel.split(":")[0] in ("nmod", "amod")
            and parent is not None
            and parent.pos in ("NOUN", "PROPN")
        ):
            subj, parent = parent, sent.head_of(parent)
        m = _best_cue(cues, _phrase(sent, subj, exclude))
        return (
            _Typed(m.metric, "subject", subj)
            if m is not None
            else _Typed("growth_rate" if change and kind == "percent" else "other", "default", subj, True)
        )
    if len(before) >= 2 and before[-1].text == "(" and before[-2].pos in ("NOUN", "PROPN"):
        # "заплатить налог (13% или 15%)": a figure in parentheses after a noun is that noun's amount
        m = _best_cue(cues, _phrase(sent, before[-2], exclude))
        if m is not None:
            return _Typed(m.metric, "head", before[-2])
    by = "на" in {_norm(c.text) for t in ftoks for c in sent.children(sent.tokens[t], "case")}
    cur = top
    unknown_head = False
    for _ in range(8):
        h = sent.head_of(cur)
        if h is None:
            break
        lem = _norm(h.lemma)
        if h.pos in ("NOUN", "PROPN") and cur.rel.split(":")[0] in (
            "nmod",
            "appos",
            "nummod",
            "amod",
            "obl",
            "conj",
        ):
            m = _best_cue(cues, _phrase(sent, h, exclude))
            if m is not None:
                return _Typed(m.metric, "head", h)
            if lem in _TRANSPARENT or lem in _CHANGE_NOUNS or h.pos == "PROPN":
                exclude |= {h.index}
                cur = h
                continue
            unknown_head = True
            break
        if h.pos in _VERBAL or (
            h.pos == "ADJ" and (h.feats.get("VerbForm") or (_comparative_predicate(sent, h) and h.index + 1 == min(ftoks) and not r.sign and not by))
        ):
            comp = _complement(sent, top, ftoks, cues, lex, kind)
            if comp is not None:
                return comp
            verb_cue = _best_cue(cues, [(h, 0)])
            if verb_cue is not None:
                return _Typed(verb_cue.metric, "verb", h)
            if (
                "на" in {_norm(c.text) for t in ftoks for c in sent.children(sent.tokens[t], "case")}
                or lem in _TO_VERBS
                or lem in _GROWTH_WORDS
            ):
                obj = next((c for c in sent.children(h, "obj") if c.index not in exclude), None)
                if obj is not None:
                    m = _best_cue(cues, _phrase(sent, obj, exclude))
                    if m is not None:
                        return _Typed(m.metric, "object", obj)
            subject = _subject_of(sent, h, exclude)
            if subject is not None:
                m = _best_cue(cues, _phrase(sent, subject, exclude))
                if m is not None:
                    return _Typed(m.metric, "subject", subject)
                if subject.pos in ("NOUN", "PROPN") and _norm(subject.lemma) not in ("который", "это"):
                    return _Typed(
                        "growth_rate" if change and kind == "percent" else "other", "default", subject, True
                    )
            break
        cur = h
    comp = _complement(sent, top, ftoks, cues, lex, kind)
    if comp is not None:
        return comp
    if kind == "percent":
        if change:
            return _Typed("growth_rate", "default", None)
        if unknown_head:
            return _Typed("other", "default", None, True)
        return _Typed("share" if r.value <= 100 else "other", "default", None)
    return _Typed("other", "default", None, unknown_head)


def _taxed(sent: RuSentence, top: RuToken, ftoks: set[int], cue: RuToken, lex: RuLexicon) -> bool:
    """Whether a bare rate ("по ставке 13%") is a tax's: its verb taxes ("облагается по ставке 13%") or the
    verb's subject is a tax ("налог считается по ставке 13 процентов")."""
    if _norm(cue.lemma) != "ставка" or any(c.index not in ftoks for c in sent.children(cue, "amod", "nmod")):
        return False
    verb = next((a for a in _ancestors(sent, top) if a.pos in _VERBAL), None)
    if verb is not None and (m := _best_cue(lex.cues["percent"], [(verb, 0)])) is not None and m.metric == "tariff":
        return True  # "доход облагается по ставке 13%"
    subject = _subject_of(sent, verb, ftoks) if verb is not None else None
    m = _best_cue(lex.cues["percent"], _phrase(sent, subject, ftoks)) if subject is not None else None
    return m is not None and m.metric == "tariff"


_QUALIFIER_WORDS = frozenset(
    {"от", "до", "около", "примерно", "порядка", "почти", "приблизительно", "более", "свыше", "менее", "больше",
     "меньше", "минимум", "максимум", "всего", "лишь", "только", "уже", "ещё", "еще", "в", "среднем"}
)  # fmt: skip
_PAID_FOR = re.compile(
    r"(?<![а-яё])за\s+(?:(?:всего|лишь|только|примерно|около|почти|порядка|от|более|менее|свыше)\s+){0,2}$", re.I
)
_LABOUR = frozenset({"работать", "поработать", "трудиться", "служить"})


def _paid_for(sent: RuSentence, text: str, top: RuToken, ftoks: set[int], r: _Raw) -> bool:
    """Whether an amount of money is what something is bought, sold or rented for: "за N рублей" ("свитер за
    $62", "снять квартиру за 45 тысяч рублей в месяц", "нарды за 486 тысяч рублей") — not a wage ("работать за
    300 тысяч")."""
    if r.kind != "money":
        return False
    preps = {_norm(c.text) for i in ftoks for c in sent.children(sent.tokens[i], "case") if c.index not in ftoks}
    if "за" not in preps and not _PAID_FOR.search(text, max(sent.start, r.start - 30), r.start):
        return False
    gov = sent.head_of(top)
    return gov is None or _norm(gov.lemma) not in _LABOUR


_BUSINESSES = frozenset(
    {"компания", "предприятие", "фирма", "организация", "бизнес", "магазин", "банк", "заведение", "ресторан",
     "кафе", "завод", "фабрика", "хозяйство", "домохозяйство", "семья", "юрлицо", "ип", "мсп", "точка", "площадка",
     "сеть", "ритейлер", "маркетплейс", "застройщик", "работодатель", "аптека", "салон"}
)  # fmt: skip


def _of_whom(tok: RuToken) -> bool:
    """Whether a noun names people or businesses ("продавцов", "россиян", "компаний"): a percent of them
    is a share of the people or firms, not an amount of whatever their phrase mentions."""
    return tok.feats.get("Animacy") == "Anim" or _norm(tok.lemma) in _BUSINESSES


def _comparative_predicate(sent: RuSentence, tok: RuToken) -> bool:
    """A comparative that is its clause's predicate ("ставка будет не выше 20%"): read like a verb."""
    return tok.feats.get("Degree") == "Cmp" and (tok.rel == "root" or bool(sent.children(tok, "nsubj", "cop")))


def _complement(
    sent: RuSentence, top: RuToken, ftoks: set[int], cues: tuple[_Cue, ...], lex: RuLexicon, kind: str
) -> _Typed | None:
    """The genitive complement of the figure: "40% голосов", "5 млрд долларов инвестиций"."""
    for t in sent.tokens:
        if t.index in ftoks or t.rel.split(":")[0] != "nmod" or t.head not in ftoks:
            continue
        if sent.children(t, "case") or t.pos not in ("NOUN", "PROPN"):
            continue
        m = _best_cue(cues, _phrase(sent, t, ftoks))
        if kind == "percent" and _of_whom(t) and (m is None or t not in m.cue_tokens):
            return _Typed("share", "complement", t)  # "у 45% продавцов (…выручка)": a share of sellers
        if m is None:
            if kind == "percent":
                return _Typed("share", "complement", t)
            continue
        if m.metric == "gdp" and kind == "percent":
            return None  # "40% ВВП": the subject's amount
        return _Typed(m.metric, "complement", t)
    return None


def kind_ok(lex: RuLexicon, metric: str, kind: str) -> bool:
    """Whether a figure of unit kind `kind` can measure `metric`."""
    return ("percent" if kind == "points" else kind) in lex.units.get(metric, frozenset()) and metric not in (
        "other",
        "share",
    )


def _targeted(sent: RuSentence, top: RuToken, lex: RuLexicon) -> bool:
    tokens = _ancestors(sent, top)
    for a in list(tokens):
        tokens.extend(c for c in sent.children(a, "nsubj", "obl", "nmod") if c not in tokens)
    for t in tokens:
        if _norm(t.lemma) == "довести" and t.feats.get("Tense") == "Past":
            continue
        if _best_cue(lex.targets, [(t, 0)]) is not None:
            return True
    return False


def _clause_tokens(sent: RuSentence, top: RuToken) -> list[RuToken]:
    """The tokens of the figure's clause: the subtree of its verb, without other clauses hanging on it."""
    verb: RuToken | None = None
    for a in _ancestors(sent, top):
        if a.pos in _VERBAL or (a.pos == "ADJ" and a.rel == "root"):
            verb = a
            break
    if verb is None:
        root = next((t for t in sent.tokens if t.head < 0), top)
        return list(sent.tokens) if root is not None else []
    climbed: set[int] = set()
    while verb.index not in climbed:
        climbed.add(verb.index)
        rel = verb.rel.split(":")[0]
        head = sent.head_of(verb)
        if head is None:
            break
        if rel == "xcomp" or (rel == "conj" and not sent.children(verb, "nsubj")):
            verb = head
            continue
        if rel == "csubj" and head.pos in _VERBAL and not sent.children(head, "nsubj"):
            verb = head  # "<стране> удалось сократить импорт на N%": the impersonal verb's clause
            continue
        if rel == "acl" and head.pos in ("NOUN", "PROPN"):
            verb = head
            continue
        break
    keep = sent.subtree(verb)
    ids = {t.index for t in keep}
    anchor_path = {top.index} | {a.index for a in _ancestors(sent, top)}
    for t in keep:
        rel = t.rel.split(":")[0]
        sub_clause = rel in _CLAUSE_RELS or (
            rel == "conj" and t.pos in _VERBAL and bool(sent.children(t, "nsubj"))
        )
        if t.index != verb.index and sub_clause and t.index not in anchor_path:
            ids -= {s.index for s in sent.subtree(t)}
    return [t for t in keep if t.index in ids]


_PARTNER_PREPS = frozenset({"с", "со", "к", "против", "для"})
_DIRECTION_PREPS = frozenset({"в", "во", "на"})
_CURRENCY_COUNTRY = {
    "рубль": "RUS",
    "юань": "CHN",
    "рупия": "IND",
    "риал": "IRN",
    "лира": "TUR",
    "дирхам": "ARE",
    "манат": "AZE",
}
_ANAPHORA = frozenset({"двусторонний", "взаимный", "обоюдный"})
_GLOBAL = frozenset({"мировой", "глобальный", "мир", "общемировой"})
_LOOKBACK_SENTENCES = 4


def _role(sent: RuSentence, tok: RuToken) -> str:
    prep = _case_of(sent, tok)
    if prep in _PARTNER_PREPS:
        return "partner"
    if prep in _DIRECTION_PREPS and tok.case == "Acc":
        return "partner"
    if not prep and (tok.rel == "iobj" or (tok.case == "Dat" and tok.rel.startswith("obl"))):
        head = sent.head_of(tok)
        if (
            head is not None
            and head.pos in _VERBAL
            and sent.children(head, "csubj", "xcomp")
            and not sent.children(head, "nsubj")
        ):
            return "subject"  # "России удалось сократить …": who does what the impersonal verb governs
        return "partner"
    return "subject"


def _is_locative(sent: RuSentence, tok: RuToken) -> bool:
    return _case_of(sent, tok) in ("в", "во", "на") and tok.case == "Loc"


def find_figures_ru(
    text: str, sentences: list[RuSentence], mentions: list[Mention], anchor: date | None
) -> list[Figure]:
    """Money, percent and quantity figures of a Russian text (see the module docstring), each one
    consistent as the published contract requires: a range's high end is not below its low end (else
    the range is dropped to its low end), an amount of money is positive (a "0 рублей" is no figure),
    a negative percentage is a change of a signed metric, never a level, and a share lies in 0–100 %."""

    info = load_metric_lexicon().info
    out = []
    for f in _figures(text, sentences, mentions, anchor):
        if f.value_high is not None and f.value_high < f.value:
            f.value_high = None
        if f.unit not in ("percent", "percentage_points") and len(f.unit) == 3 and f.unit.isupper() and f.value <= 0:
            continue
        if f.unit == "percent" and f.value < 0:
            f.is_change = True
            if not (f.metric in info and info[f.metric].signed):
                f.metric = "growth_rate"  # a fall of something the metric list does not sign
        if f.unit == "percent" and "share" in f.metric and not 0 <= f.value <= 100:
            continue  # a share outside 0–100 % is a misread
        out.append(f)
    return out


def _figures(
    text: str, sentences: list[RuSentence], mentions: list[Mention], anchor: date | None
) -> list[Figure]:
    raws = _raw_figures(text)
    if not raws:
        return []
    lex = load_ru_lexicon()
    signed = {m: i.signed for m, i in load_metric_lexicon().info.items()}
    countries = [m for m in mentions if m.actor_type == "country" and m.country_code]
    groups = [m for m in mentions if m.actor_type == "organization" and m.actor_key and m.actor_key.startswith("org-")
              and not m.country_code]  # fmt: skip
    figures: list[Figure] = []
    for i, r in enumerate(raws):
        si = next((k for k, s in enumerate(sentences) if s.start <= r.start < s.end), None)
        if si is None:
            continue
        sent = sentences[si]
        toks = _tokens_in(sent, r.start, r.end)
        if not toks:
            continue
        ftoks = {t.index for t in toks}
        top = _top(sent, toks)

        # qualifier
        qm = _QUALIFIER.search(text, max(sent.start, r.start - 40), r.start)
        qualifier = next((k for k, _ in _QUALIFIERS if qm.group(k)), None) if qm else None
        if qualifier == "up_to" and qm is not None and _norm(qm.group(0).split()[0]) == "до":
            verbs = [a for a in _ancestors(sent, top)[:3] if a.pos in _VERBAL]
            prior = text[max(sent.start, qm.start() - 40) : qm.start()]
            may = any(_norm(a.lemma) in ("мочь", "способный") for a in _ancestors(sent, top)[:4]) and not any(
                _norm(v.lemma) in _TO_VERBS for v in verbs
            )
            if (r.from_range or re.search(r"(?<![а-яё])(?:с|со|от)\s+\S*\d\S*(?:\s+\S+){0,3}\s*$", prior, re.I)
                    or (any(_norm(v.lemma) in _TO_VERBS | _GROWTH_WORDS for v in verbs) and not may)):  # fmt: skip
                qualifier = None  # "снизилась до 7%" is the level reached; "может вырасти до 900 рублей" a ceiling
        if (qualifier == "at_least" and qm is not None and _norm(qm.group(0).split()[-1]) == "от"
                and not _from_price(sent, text, top, r)):  # fmt: skip
            qualifier = None
        start = qm.start() if qm and qualifier else r.start

        # change and sign
        direction = _change(sent, text, top, ftoks, r) if r.kind in ("percent", "points", "money") else 0
        is_change = direction != 0

        # metric ("40 процентов, или 2 трлн риалов", "£4 млрд ($5 млрд)": the same amount, the metric of the one before)
        prev = figures[-1] if figures and i > 0 and raws[i - 1].end >= sent.start else None
        conversion = (
            prev is not None
            and re.fullmatch(r"\s*(?:\(|,\s*или|—|–)\s*", text[raws[i - 1].end : start]) is not None
        )
        if prev is not None and conversion and kind_ok(lex, prev.metric, r.kind):
            typed = _Typed(prev.metric, "inherited", None)
        else:
            typed = _type_metric(sent, top, ftoks, r, lex, is_change)
        metric = typed.metric
        kind = "percent" if r.kind == "points" else r.kind
        if metric in _TRADE and _targeted(sent, top, lex):
            metric = "trade_target"
        elif metric == "gdp" and is_change and kind == "percent" and typed.how == "subject":
            metric = "economic_growth"
        elif is_change and kind == "percent" and (
            metric in _AMOUNT_METRICS or not signed.get(metric, False)
        ):  # a percent change of a share or of a metric the seed does not sign ("зарплаты выросли на 7%")
            metric = "growth_rate"
        elif metric in ("share", "poll_share", "national_currency_share") and r.value > 100 and not is_change:
            metric = "other"
        if metric not in lex.units or kind not in lex.units[metric]:
            metric = "growth_rate" if is_change and kind == "percent" else "other"
        if metric == "other" and (typed.unknown or typed.how == "default") and _paid_for(sent, text, top, ftoks, r):
            metric = "price"
        if metric == "interest_rate" and typed.cue is not None and _taxed(sent, top, ftoks, typed.cue, lex):
            metric = "tariff"
        if direction < 0 and kind == "percent" and _discount(sent, top, ftoks):
            metric = "price"
        elif kind == "percent" and not is_change and _lending_rate(sent, text, ftoks, r, typed):
            metric = "interest_rate"

        value, value_high = r.value, r.value_high
        if is_change and kind == "percent" and direction < 0 and r.value <= 100:
            value, value_high = -value, (-value_high if value_high is not None else None)
            if value_high is not None:
                value, value_high = value_high, value

        hypothetical = _worked_example(sent)
        if hypothetical:  # publish less: an assumed figure is typed as nothing the mart publishes
            metric = "share" if kind == "percent" and not is_change and r.value <= 100 else "other"

        # parties
        clause = _clause_tokens(sent, top)
        clause_ids = {t.index for t in clause}
        base_metric = typed.metric if metric == "growth_rate" and typed.metric in lex.parties_from else metric
        parties_from = lex.parties_from.get(base_metric, "attached")
        cue_ids = {t.index for t, _ in _phrase(sent, typed.cue, ftoks)} if typed.cue is not None else set()
        parties: list[tuple[str, str, str]] = []  # (code, role, key)
        for m in countries:
            if not sent.start <= m.start < sent.end or r.start <= m.start < r.end:
                continue
            tok = sent.token_at(m.start)
            if tok is None or tok.index not in clause_ids:
                continue
            if parties_from == "attached" and (tok.index not in cue_ids or _is_locative(sent, tok)):
                continue
            parties.append(((m.country_code or "").upper(), _role(sent, tok), m.actor_key or ""))
        if metric == "national_currency_share":
            for t in clause:
                code = _CURRENCY_COUNTRY.get(_norm(t.lemma))
                if code:
                    parties.append((code, "subject", f"country-{code.casefold()}"))
        if typed.how == "inherited" and prev is not None and not parties:
            parties = [
                (c, role, key)
                for c, role, key in zip(prev.parties, prev.party_roles, prev.party_keys, strict=False)
            ]
        codes = sorted({c for c, _, _ in parties})
        if (
            len(codes) < 2
            and parties_from == "clause"
            and any(
                _norm(t.lemma) in _ANAPHORA or _norm(t.text) in ("обеих", "двух", "обе", "две")
                for t in clause
            )
        ):
            for code in _salient(sentences, countries, si, clause[0].start if clause else sent.start):
                if len(codes) >= 2:
                    break
                if code not in codes:
                    codes.append(code)
                    parties.append((code, "subject", f"country-{code.casefold()}"))
            codes = sorted(set(codes))
        group_keys = []
        for g in groups:
            tok = sent.token_at(g.start) if sent.start <= g.start < sent.end else None
            if tok is not None and tok.index in cue_ids | (
                {s.index for s in clause if s.rel.startswith("nsubj")} if parties_from == "clause" else set()
            ):
                group_keys.append(g.actor_key or "")
        roles_by_code: dict[str, str] = {}
        keys_by_code: dict[str, str] = {}
        for c, role, key in parties:
            if roles_by_code.get(c) != "subject":
                roles_by_code[c] = role
            keys_by_code.setdefault(c, key or f"country-{c.casefold()}")
        party_keys = [keys_by_code[c] for c in codes] + group_keys
        party_roles = [roles_by_code[c] for c in codes] + ["subject"] * len(group_keys)
        scope = party_scope(len(codes), bool(group_keys))
        if scope is None and typed.cue is not None and any(
            _norm(t.lemma) in _GLOBAL for t in sent.tokens if t.index in cue_ids
        ):
            scope = "global"

        # period
        lo = min((t.start for t in clause), default=sent.start)
        hi = max((t.end for t in clause), default=sent.end)
        if i + 1 < len(raws) and r.end <= raws[i + 1].start < hi:
            hi = raws[i + 1].start
        period = _find_period(text, lo, hi, start, r.end, anchor)
        if hypothetical:
            codes, party_keys, party_roles, scope, period = [], [], [], None, None

        unit = r.unit
        if r.kind == "quantity" and r.per in _TIME_PERS:
            unit = f"{r.unit}_per_{r.per}"
        confidence = 0.75 if metric != "other" and kind in lex.units.get(metric, frozenset()) else 0.6
        figures.append(
            Figure(
                start, r.end, text[start : r.end], metric, value, unit, qualifier,
                period.text if period else None, period.start if period else None, period.end if period else None,
                None, codes, confidence,
                value_high=value_high, per=r.per, is_change=is_change, scope=scope, party_keys=party_keys,
                party_roles=party_roles, period_precision=period.precision if period else None,
            )
        )  # fmt: skip
    return figures


def _salient(sentences: list[RuSentence], countries: list[Mention], si: int, before: int) -> list[str]:
    """The most-named countries of the sentences before the clause, most first."""
    lo = sentences[max(0, si - _LOOKBACK_SENTENCES)].start
    counts: Counter[str] = Counter()
    last: dict[str, int] = {}
    for m in countries:
        if lo <= m.start < before and m.country_code:
            code = m.country_code.upper()
            counts[code] += 1
            last[code] = m.start
    return [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], -last[kv[0]]))]
