"""Figures: money with scale words ("$5 billion" → 5e9 USD), percentages ("over 80 percent" → 80,
qualifier over) and physical quantities, with the metric and period read from the clause around them.

Percent figures are either a change ("up 900%") or a level ("40 percent of trade", "inflation rose to
12 percent"); the mart gate reads every percent whose metric is not a change metric as a share in
[0, 100], so a change must be typed `growth_rate`, whatever other metric vocabulary (trade, GDP,
national currencies, target) the clause holds. A percent figure is a change when, in its clause:

- a change word is attached before it: a change verb or noun ("rose", "increased", "jumped",
  "soared", "fell", "a rise", "an increase", ...), optionally followed by an -ly adverb and "by",
  "of" or "in <up to four words> of", then only qualifiers/articles ("rose by over 300 percent",
  "jumped 250%", "a jump of 465%", "rise up to 200%", "an increase in its budget of 7%"); or
  "up"/"down" (+ "by") before it ("up 900%", "down by 5%"); or a sign ("+5%"). A change verb or
  "up"/"down" followed by "X percent of ..." is a proportion ("made up 40 percent of exports",
  "gained 40 percent of the vote"), not a change, unless "by" is explicit.
- "by" or ", or" joins it to a change word earlier in the clause ("increase the budget by 150%",
  "grew 2.5 times, or 150 percent").
- a change noun or comparative follows it ("a 900 percent increase", "a 120% year-on-year rise",
  "800% higher", "5,200% more expensive", "a 180% rally", "24% down from").
- it is coordinated (",", "and", "or", "compared with", a range dash) with a change figure just
  before it ("rose 40% since 2020, and 144% since 2011", "grow 4%-5%").
- weaker evidence: a period-over-period tag right after it ("250% year-on-year", "5% y/y", "from a
  year earlier"); or, for a value above 100, any change word anywhere in the clause, unless "to"/"at"
  precede the number or "of" follows it — a percent above 100 is no share. Weak evidence does not
  override a metric that is already a rate (inflation_rate: "inflation was 7% year-on-year").

Levels: "to" between the change word and the number ("inflation rose to 12 percent" is
inflation_rate 12; "rose by 2 percent" is a change), thresholds ("fell below 3%", "rise above 5%")
and "X percent of <reference>" ("debt will rise to 115 percent of GDP", "128% of average"). Ratios
and rates above 100 without change wording ("a 200% tariff", "115 percent of GDP") keep their metric
and are left for the gate to flag: they are real values, neither shares nor changes, and typing them
as changes would be wrong. Change values are magnitudes: "fell 30%" is 30.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extraction.model import Claim, Figure, Mention

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
# Change vocabulary for percent figures (see the module docstring for the rule).
_CHANGE_WORD = (
    r"\b(?:gr[eo]w(?:s|n|ing|th)?|increas(?:e|es|ed|ing)|ris(?:e|es|en|ing)|rose|jump(?:s|ed|ing)?"
    r"|surg(?:e|es|ed|ing)|soar(?:s|ed|ing)?|climb(?:s|ed|ing)?|spik(?:e|es|ed|ing)|(?:sky)?rocket(?:s|ed|ing)?"
    r"|balloon(?:s|ed|ing)?|expand(?:s|ed|ing)?|boost(?:s|ed|ing)?|rais(?:e|es|ed|ing)|lift(?:s|ed|ing)?"
    r"|hik(?:e|es|ed|ing)|gain(?:s|ed|ing)?|rall(?:y|ies|ied|ying)|leap(?:s|t|ed|ing)?|rebound(?:s|ed|ing)?"
    r"|advanc(?:e|es|ed|ing)|add(?:s|ed|ing)?|swell(?:s|ed|ing)?|swollen|widen(?:s|ed|ing)?"
    r"|declin(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|fell|fall(?:s|en|ing)?|drop(?:s|ped|ping)?|dip(?:s|ped|ping)?"
    r"|slid(?:e|es|ing)?|slump(?:s|ed|ing)?|plung(?:e|es|ed|ing)|plummet(?:s|ed|ing)?|tumbl(?:e|es|ed|ing)"
    r"|sank|sink(?:s|ing)?|shr[aiu]nk(?:s|ing)?|contract(?:s|ed|ing)|cut(?:s|ting)?|slash(?:es|ed|ing)?"
    r"|reduc(?:e|es|ed|ing|tions?)|lower(?:s|ed|ing)|crash(?:es|ed|ing)?|lost|los(?:e|es|ing)|shed(?:s|ding)?"
    r"|crater(?:s|ed|ing)|slip(?:s|ped|ping)?|retreat(?:s|ed|ing)?|tank(?:s|ed|ing)|sag(?:s|ged|ging)?"
    r"|shav(?:e|es|ed|ing)|narrow(?:s|ed|ing))\b"
)
# Qualifiers and articles that may stand between a change word and its number; not "above", "below"
# or "under", which name a threshold level ("inflation fell below 3%").
_FILLER = (
    r"(?:(?:over|more\s+than|upwards\s+of|in\s+excess\s+of|less\s+than|about|around"
    r"|approximately|nearly|near|almost|some|roughly|close\s+to|circa|up\s+to|at\s+least|as\s+(?:much|high|many)\s+as"
    r"|just|only|well|further|additional|another|estimated|staggering|whopping|massive|record|an?|the)\s+|~\s*)*"
)
_UP_DOWN = r"(?<!\bmade\s)(?<!\bmake\s)(?<!\bmakes\s)(?<!\bmaking\s)\b(?:up|down)"
_CHANGE_BEFORE = re.compile(
    rf"(?:{_CHANGE_WORD}(?:\s+\w+ly)?(?:\s+(?P<by>by)|\s+of|\s+in\s+(?:[\w'’-]+\s+){{1,4}}?of)?"
    rf"|{_UP_DOWN}(?:\s+(?P<by2>by))?)\s+{_FILLER}$"
    r"|(?<![\w.,%])[+−]\s*$",
    re.I,
)
_BY_OR = re.compile(rf"(?:\b(?P<by>by)|,\s*(?P<or>or))\s+{_FILLER}$", re.I)
_LEVEL_BEFORE = re.compile(rf"\b(?:to|at)\s+{_FILLER}$", re.I)
_COORDINATED = re.compile(
    rf"^(?:\s*[-–]\s*|[^%;]{{0,60}}?(?:,|\band\b|\bor\b|\bversus\b|\bvs\.?|\bcompared\s+(?:with|to))\s+{_FILLER})$",
    re.I,
)
_OF_AFTER = re.compile(r"^\s+of\b", re.I)
_CHANGE_AFTER = re.compile(
    r"^\s+(?:(?!(?:of|to|in|for|from|and|or|the|an?|by|with|on|at|as|is|was|are|were|than)\b)[\w-]+\s+)?"
    r"(?:increases?|rises?|growth|jumps?|drops?|declines?|falls?|surges?|hikes?|gains?"
    r"|rall(?:y|ies)|spikes?|climbs?|leaps?|boosts?|plunges?|slumps?|decreases?|reductions?|cuts?|upticks?"
    r"|upswings?|mark-?ups?|returns?|rebounds?|slides?|dips?|loss(?:es)?|expansion|contraction)\b"
    r"|^\s+(?:higher|lower|more|less|fewer|greater|bigger|smaller|cheaper|above|below)\b"
    r"|^\s+(?:up|down)\s+(?:from|on)\b",
    re.I,
)
_PERIOD_OVER_PERIOD = re.compile(
    r"^,?\s+(?:(?:year|month|quarter|week)[- ](?:on|over)[- ](?:year|month|quarter|week)\b|[ymq]/[ymq]\b|yoy\b|y-o-y\b"
    r"|on\s+the\s+(?:year|month|quarter)\b"
    r"|(?:from|on|over|than|versus|vs\.?|compared\s+(?:with|to))\s+(?:a|the|one)\s+(?:year|month|quarter)\s+(?:earlier|ago|before)\b)",
    re.I,
)
_CHANGE_WORD_RE = re.compile(_CHANGE_WORD, re.I)
_RATE_METRICS = ("inflation_rate",)
_NEAR = 160


def _change_evidence(
    text: str, start: int, end: int, value: float, c_start: int, c_end: int, prev: tuple[int, str] | None
) -> str | None:
    """How surely the percent figure at [start, end) (number to percent sign) is a change: "strong",
    "weak" or None (a level). `prev` is (end, evidence) of the change figure before it in the clause.
    Patterns ending in `$` run on at most _NEAR characters before the number (pos/endpos on the whole
    text, so word boundaries stay real), which keeps long clauses linear."""
    near = max(c_start, start - _NEAR)
    after = text[end:c_end]
    of_after = bool(_OF_AFTER.match(after))
    m = _CHANGE_BEFORE.search(text, near, start)
    if m and (not of_after or m.group("by") or m.group("by2")):
        return "strong"
    if _CHANGE_AFTER.match(after):
        return "strong"
    m = _BY_OR.search(text, near, start)
    if m and not of_after:
        if m.group("by"):
            if _CHANGE_WORD_RE.search(text, c_start, m.start()):
                return "strong"
        elif any(w.end() >= m.start() - 50 for w in _CHANGE_WORD_RE.finditer(text, near, m.start())):
            return "strong"
    if (
        prev is not None
        and not of_after
        and start - prev[0] <= 120
        and _COORDINATED.match(text[prev[0] : start])
    ):
        return prev[1]
    if _PERIOD_OVER_PERIOD.match(after):
        return "weak"
    if (
        value > 100
        and not of_after
        and not _LEVEL_BEFORE.search(text, near, start)
        and _CHANGE_WORD_RE.search(text, c_start, c_end)
    ):
        return "weak"
    return None


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

    # "$0" is no amount anyone claimed (a price tag, a "$0 down" offer): money figures are > 0
    for m in _MONEY_SYM.finditer(text):
        if _number(m) > 0:
            add(m.start(), m.end(), _number(m), _SYMBOLS[m.group("sym").casefold()])
    for m in _MONEY_CODE.finditer(text):
        if _number(m) > 0:
            add(m.start(), m.end(), _number(m), m.group("cur").upper())
    for m in _MONEY_WORD.finditer(text):
        if _number(m) > 0:
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
    prev_change: tuple[int, str] | None = None  # (end, evidence) of the last change figure
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
        around = text[c_start:c_end]
        for name, pat in _METRICS:
            if name == "national_currency_share" and r.unit != "percent":
                continue
            if pat.search(around):
                metric = name
                break
        evidence = None
        if r.unit == "percent":
            prev = prev_change if prev_change is not None and prev_change[0] >= c_start else None
            evidence = _change_evidence(text, r.start, r.end, r.value, c_start, c_end, prev)
            if evidence == "strong" or (evidence == "weak" and metric not in _RATE_METRICS):
                metric = "growth_rate"
        prev_change = (r.end, evidence) if evidence else None
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
