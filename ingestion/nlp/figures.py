"""Figures: money with scale words ("$5 billion" → 5e9 USD), percentages ("over 80 percent" → 80,
qualifier over) and physical quantities, with the metric and period read from the clause around them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingestion.nlp.model import Claim, Figure, Mention

_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "¥": "CNY", "₹": "INR"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "rub": "RUB",
    "yuan": "CNY",
    "cny": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "inr": "INR",
    "rial": "IRR",
    "rials": "IRR",
    "irr": "IRR",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "lira": "TRY",
    "yen": "JPY",
    "dirham": "AED",
    "dirhams": "AED",
    "riyal": "SAR",
    "riyals": "SAR",
}
_UNITS = {
    "tonnes": "tonnes",
    "tons": "tonnes",
    "tonne": "tonnes",
    "ton": "tonnes",
    "metric tons": "tonnes",
    "barrels per day": "barrels_per_day",
    "bpd": "barrels_per_day",
    "barrels a day": "barrels_per_day",
    "barrels": "barrels",
    "cubic meters": "cubic_meters",
    "cubic metres": "cubic_meters",
    "bcm": "billion_cubic_meters",
    "megawatts": "MW",
    "mw": "MW",
    "gigawatts": "GW",
    "gw": "GW",
    "kilometers": "km",
    "kilometres": "km",
    "km": "km",
}
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>thousand|million|billion|trillion|mln|bln|mn|bn|tn|trn|[kmb])\b)?"
_MONEY_SYM = re.compile(rf"(?P<sym>US\$|\$|€|£|₽|¥|₹)\s?{_NUM}{_SCALE}", re.I)
_MONEY_WORD = re.compile(
    rf"\b{_NUM}{_SCALE}\s+(?:US\s+)?(?P<cur>{'|'.join(sorted(_CURRENCY_WORDS, key=len, reverse=True))})\b",
    re.I,
)
_MONEY_CODE = re.compile(rf"\b(?P<cur>USD|EUR|RUB|CNY|INR|IRR|GBP)\s?{_NUM}{_SCALE}")
_PERCENT = re.compile(rf"\b{_NUM}\s*(?:%|percent\b|per\s+cent\b|pct\b)", re.I)
_QUANTITY = re.compile(
    rf"\b{_NUM}{_SCALE}\s+(?P<unit>{'|'.join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))})\b",
    re.I,
)
_QUALIFIERS = [
    (
        "over",
        r"(?:over|more\s+than|above|upwards\s+of|exceed(?:s|ed|ing)?|in\s+excess\s+of|surpass(?:es|ed)?|top(?:s|ped)?)",
    ),
    ("under", r"(?:under|less\s+than|below|fewer\s+than)"),
    ("about", r"(?:about|around|approximately|nearly|almost|some|roughly|close\s+to|an\s+estimated|circa|~)"),
    ("up_to", r"up\s+to"),
    ("at_least", r"at\s+least"),
]
_QUALIFIER = re.compile(
    r"(?:" + "|".join(f"(?P<{k}>\\b{p})" for k, p in _QUALIFIERS) + r")\s+(?:the\s+)?$", re.I
)
# Metric vocabulary → metric, checked in order (first hit wins) in the clause around the figure.
_METRICS: list[tuple[str, re.Pattern[str]]] = [
    (
        "national_currency_share",
        re.compile(
            r"national\s+currenc|local\s+currenc|own\s+currenc|settled\s+in\s+(?:rubles?|roubles?|yuan|rials?|rupees?)|de-?dollari",
            re.I,
        ),
    ),
    (
        "trade_target",
        re.compile(
            r"\b(?:target|goal|aim(?:s|ed)?\s+(?:to|at)|plan(?:s|ned)?\s+to\s+(?:raise|boost|increase|reach))\b",
            re.I,
        ),
    ),
    (
        "growth_rate",
        re.compile(
            r"\b(?:gr[eo]w(?:th|s|n)?|increas(?:e|ed|es)|rose|rise|jump(?:ed)?|surg(?:e|ed)|declin(?:e|ed)|fell|dropp?(?:ed)?|decreas(?:e|ed))\s+(?:by\s+)?$",
            re.I,
        ),
    ),
    ("trade_volume", re.compile(r"\btrade\b|\bturnover\b|\bimports?\b|\bexports?\b", re.I)),
    ("investment", re.compile(r"\binvest", re.I)),
    ("loan", re.compile(r"\b(?:loan|credit\s+line|lend)", re.I)),
    (
        "military_spending",
        re.compile(r"\b(?:defen[cs]e\s+budget|military\s+spending|arms\s+(?:deal|sales?))\b", re.I),
    ),
    ("gdp", re.compile(r"\bGDP\b|\bgross\s+domestic", re.I)),
    ("inflation_rate", re.compile(r"\binflation\b", re.I)),
    ("share", re.compile(r"\bshare\b|\bof\s+(?:all|total)\b", re.I)),
]
_PERIOD = re.compile(
    r"\b(?P<by>by|in|during|for|since|until|through|before)\s+(?:the\s+)?(?P<y1>(?:19|20)\d\d)(?:[-–/](?P<y2>\d{2,4}))?(?:\s+(?:financial|fiscal)\s+year)?\b"
    r"|\b(?P<first>first|last)\s+(?P<n>\w+)\s+months\s+of\s+(?P<y3>(?:19|20)\d\d)\b"
    r"|\b(?P<annual>annually|per\s+year|a\s+year|per\s+annum|each\s+year|yearly|a\s+month|per\s+month|monthly)\b",
    re.I,
)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


@dataclass(frozen=True, slots=True)
class _Raw:
    start: int
    end: int
    value: float
    unit: str


def _number(m: re.Match[str]) -> float:
    value = float(m.group("num").replace(",", ""))
    scale = (m.groupdict().get("scale") or "").casefold()
    return value * _SCALES.get(scale, 1.0)


def _raw_figures(text: str) -> list[_Raw]:
    found: list[_Raw] = []

    def add(s: int, e: int, value: float, unit: str) -> None:
        if not any(s < fe and fs < e for fs, fe, *_ in ((f.start, f.end) for f in found)):
            found.append(_Raw(s, e, value, unit))

    for m in _MONEY_SYM.finditer(text):
        add(m.start(), m.end(), _number(m), _SYMBOLS[m.group("sym").casefold()])
    for m in _MONEY_CODE.finditer(text):
        add(m.start(), m.end(), _number(m), m.group("cur").upper())
    for m in _MONEY_WORD.finditer(text):
        add(m.start(), m.end(), _number(m), _CURRENCY_WORDS[m.group("cur").casefold()])
    for m in _PERCENT.finditer(text):
        add(m.start(), m.end(), float(m.group("num").replace(",", "")), "percent")
    for m in _QUANTITY.finditer(text):
        add(m.start(), m.end(), _number(m), _UNITS[m.group("unit").casefold()])
    return sorted(found, key=lambda f: f.start)


def _clause(text: str, start: int, end: int, s_start: int, s_end: int) -> tuple[int, int]:
    left = max(s_start, max(text.rfind(";", s_start, start), text.rfind(". ", s_start, start)) + 1)
    right = s_end
    for sep in (";",):
        k = text.find(sep, end, s_end)
        if k >= 0:
            right = min(right, k)
    return left, right


def _period(text: str, c_start: int, c_end: int) -> tuple[str | None, date | None, date | None]:
    m = _PERIOD.search(text, c_start, c_end)
    if not m:
        return None, None, None
    if m.group("annual"):
        return m.group(0), None, None
    if m.group("y3"):
        year = int(m.group("y3"))
        n = _NUMBER_WORDS.get(m.group("n").casefold()) or (
            int(m.group("n")) if m.group("n").isdigit() else None
        )
        if n and 1 <= n <= 12 and m.group("first").casefold() == "first":
            end_month = n
            last_day = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
                end_month - 1
            ]
            return m.group(0), date(year, 1, 1), date(year, end_month, last_day)
        return m.group(0), None, None
    y1 = int(m.group("y1"))
    y2s = m.group("y2")
    kind = m.group("by").casefold()
    if y2s:
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        return m.group(0), date(y1, 1, 1), date(y2, 12, 31)
    if kind in ("by", "until", "before"):
        return m.group(0), None, date(y1, 12, 31)
    if kind == "since":
        return m.group(0), date(y1, 1, 1), None
    return m.group(0), date(y1, 1, 1), date(y1, 12, 31)


def find_figures(
    text: str, sentence_spans: list[tuple[int, int]], mentions: list[Mention], claims: list[Claim]
) -> list[Figure]:
    figures: list[Figure] = []
    raws = _raw_figures(text)
    si = 0
    for r in raws:
        while si < len(sentence_spans) - 1 and r.start >= sentence_spans[si][1]:
            si += 1
        s_start, s_end = sentence_spans[si] if sentence_spans else (0, len(text))
        c_start, c_end = _clause(text, r.start, r.end, s_start, s_end)
        qm = _QUALIFIER.search(text[max(c_start, r.start - 40) : r.start])
        qualifier = next((k for k, _ in _QUALIFIERS if qm and qm.group(k)), None) if qm else None
        start = r.start - (
            len(qm.group(0))
            if qm
            and qualifier in ("over", "under", "about", "up_to", "at_least")
            and text[r.start - len(qm.group(0)) : r.start] == qm.group(0)
            else 0
        )
        metric = "other"
        before = text[c_start : r.start]
        around = text[c_start:c_end]
        for name, pat in _METRICS:
            if name == "growth_rate":
                if r.unit == "percent" and pat.search(before[-40:]):
                    metric = name
                    break
                continue
            if name == "national_currency_share" and r.unit != "percent":
                continue
            if pat.search(around):
                metric = name
                break
        period_text, p_start, p_end = _period(text, c_start, c_end)
        parties = sorted(
            {
                m.actor_key
                for m in mentions
                if m.actor_type == "country" and m.actor_key and c_start <= m.start < c_end
            }
        )
        speaker = next((c.speaker for c in claims if c.start <= r.start and r.end <= c.end + 1), None)
        figures.append(
            Figure(
                start,
                r.end,
                text[start : r.end],
                metric,
                r.value,
                r.unit,
                qualifier,
                period_text,
                p_start,
                p_end,
                speaker,
                parties,
                0.85 if metric != "other" else 0.6,
            )
        )
    return figures
