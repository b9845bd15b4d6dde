"""Figures: money, percentages and physical quantities, each with the metric it measures, the countries
it is about, the period it covers and who stated it.

Values. A number with a currency prefix ($, US$, A$, C$, HK$, €, £, ₽, ₹, Rs ...), an ISO code (USD 5m,
5 billion yuan) or a currency word after it ("88 billion Hong Kong dollars", "rials", "tomans" → rials
×10); a percent (%, percent, per cent, pct), percentage points or basis points (÷100 → points); or a
physical unit (tonnes, barrels, bcm, kWh, MW, km, miles, ...). Scale words multiply, written apart,
attached or hyphenated ("$5 billion", "$12.9bn", "A$150m", "$500-million", "19-billion-euro",
"Rs 500 crore", "₹1 lakh crore"); single-letter scales (m, bn, k, t) only with a currency prefix. A range
is one figure ("$4–5 billion", "25 to 45%", "4%-5%", "between 5% and 5.25%": value is the low end, value_high the
high end),
never a from–to change ("from 10% to 25%"). The qualifier (about, over, under, up_to, at_least) is read
before the number and is part of the figure's span. A rate keeps its denominator in `per` ("$4 billion
per month", "$2.53 per share", "$2,000/oz", "daily output of 3 million barrels"); a physical rate also in
the unit ("barrels_per_day").
Not figures: bare counts, years, durations, idioms ("100% sure").

Changes. A percent figure is a change or a level (the rules below, unchanged from the earlier finder);
a change's value is signed by its cue word: "fell 30%", "down 2.1%", "a 20% drop", "-5.44%" → negative.
Money changes ("cut the budget by $5 billion", "a $2 billion drop") keep the amount as a magnitude with
`is_change` set: the mart gate holds every money amount positive.

- a change word is attached before it: a change verb or noun ("rose", "increased", "jumped",
  "soared", "fell", "a rise", "an increase", ...), optionally followed by an -ly adverb and "by",
  "of" or "in <up to four words> of", then only qualifiers/articles ("rose by over 300 percent",
  "jumped 250%", "a jump of 465%"); or "up"/"down" (+ "by") before it ("up 900%", "down by 5%"); or
  a sign ("+5%", "−5%"). A change verb or "up"/"down" followed by "X percent of ..." is a proportion
  ("made up 40 percent of exports", "gained 40 percent of the vote"), not a change, unless "by" is
  explicit.
- "by" or ", or" joins it to a change word earlier in the clause ("increase the budget by 150%").
- a change noun or comparative follows it ("a 900 percent increase", "800% higher", "24% down from").
- it is coordinated (",", "and", "or", "compared with", a range dash) with a change figure just
  before it ("rose 40% since 2020, and 144% since 2011").
- weaker evidence: a period-over-period tag right after it ("250% year-on-year"); or, for a value above
  100, any change word anywhere in the clause, unless "to"/"at" precede the number or "of" follows it.
Levels: "to" between the change word and the number ("inflation rose to 12 percent"), thresholds
("fell below 3%") and "X percent of <reference>".

Metric (the closed list with definitions and cue vocabulary is dbt/seeds/figure_metrics.csv). It is
read from the figure's own noun phrase and its syntactic governor, never from any word of the sentence;
the first of these that applies wins:
1. a unit price: money per barrel, ounce, tonne ("$2,000/oz") is a price; money per share is a profit
   (earnings per share) when the clause speaks of earnings or expectations, else a price.
2. the head the figure modifies: "$5 Billion Air-Defense Deal" (arms_sale), "a $3 billion buyout"
   (investment), "a 10% tariff", "60% enriched uranium". A head the list does not know ("a $10,000
   reward", "a $3.5 billion accounting error") makes the figure `other`; transparent heads ("the $5
   billion mark", "level", "threshold", "guidance") are skipped; so is a participle that is a cue verb
   ("$4 billion invested").
3. what a change noun after it names: "a 120 percent rise in trade".
4. the verb governing it — right before it, or before a preposition, particle or named object:
   "raised $194 million" (investment), "earned $2.8 billion" (profit), "priced at $399", "trading up
   0.4%", "charge WeWork $6 million"; "<thing> for $X" is a price ("sold for", "Switch Lite for $200"),
   "sued for $X" a penalty. The noun the figure is "of" or "worth" ("a budget of $449,000", "a deal worth
   $600 million", "a lifeline from investor SoftBank worth $8 billion").
5. its complement: "$1.3 billion in aid", "$5 billion in trade"; for a percent, "X% of <noun>" is a
   share (poll_share for votes, national_currency_share for settlements in national currencies), and
   "X% of GDP / of the total" is the subject's amount ("debt at 115 percent of GDP").
6. the subject of its clause: the head of the first noun phrase after the last clause boundary that
   the list names ("Revenues from the tariffs have totaled $63 billion" is revenue, not tariff; "U.S.
   debt levels surpassed $33 trillion" is debt); with a transitive change verb before "by", its object
   ("tariffs will reduce GDP by 0.3 percent" is gdp). Words inside proper names ("Congressional Budget
   Office") are not cues. A participle clause takes the subject before its comma ("gains for shares,
   climbing 80%").
7. money in a clause about a legal case that speaks of paying is a penalty ("agreed to pay $215
   million to settle a lawsuit").
8. a subject the list does not name ("lowering wages by 0.16 percent", "its starting wage to $15")
   makes a change growth_rate and a level other.
9. a figure coordinated with the one before it in the sentence ("£4 billion ($4.9 billion)", "rose 3.6
   percent, missing the 4.8 percent gain", "$9.1 billion in 2018, down from $19.5 billion"), or whose
   subject is a pronoun ("It's a figure slightly up on the 3%"), inherits the metric of that figure —
   for another unit kind, its cue word read again ("shares closed at $185.25, up 0.35%": price, then
   market_move).
10. a percent in a clause about settlements in national currencies is a national_currency_share.
Then: a trade, export or import figure governed by a target word ("a target of", "goal of raising",
"aims to") is a trade_target; a deal, contract or sale of weapons is an arms_sale; a GDP or economy
change by growth words is economic_growth; a percent change of a trade amount or of a share is a
growth_rate (trade rows stay amounts; a share changes in points); a share above 100 is other. Without
any of these: a percent change is growth_rate, a percent level up to 100 a share, anything else other.

Parties (ISO alpha-3, from actor mentions — countries, and gazetteer people and organisations with a
country — demonyms, and for a national-currency share the currencies named). Metrics about countries
(seed column parties_from = clause: trade, economy) take the countries of the figure's clause (split at
";", ", while", ", but", ", and <lowercase>") — countries named after the figure only as objects of a
relational preposition (between, with, to, from, on, against, ...), so "a deal ... to deter Russia"
does not make Russia a party, nor does a phrase relating the whole clause ("in response to", "due to").
Other metrics (attached: prices, revenue, markets, shares) take only
countries attached to the figure: in its subject or complement, not a location ("in the US") unless
it places the figure's own noun ("rents in <country> rose 6%"), and not the nationality of a company
("the <demonym> carmaker's shares").
"Their trade", "bilateral", "the two countries", "both sides" with fewer than two countries in the
clause take the two most-named countries of the preceding sentences; a trade or economy figure with no
country at all takes the country the text is about (two thirds of its country references, at least two). Roles: the object of to/with/
from/into/against/on/for is a partner, the rest are subjects; a figure about an intergovernmental group
(EU, OPEC, BRICS, ...) is multilateral. Scope: two parties bilateral, one unilateral, three or more
(or a group) multilateral, none with "global"/"world" global, else none.

Period: the period phrase nearest the figure within its part of the clause: years ("in 2022"), ranges
("2019-2021"), quarters and halves, "first nine months of 2024", explicit date ranges ("(March
20–December 21, 2024)"), "through June 30, 2019", months ("in June" against the publication date),
"last year" / "the previous year" (against the publication date or the year named before), fiscal years
of countries whose fiscal year is known ("the 2023-24 financial year" of India: April–March), Iranian
calendar years (1402 → 21 March 2023 – 20 March 2024), "since 2015" (open end), and "by 2030": a
target (no start, end of 2030) when the clause looks ahead or the year is after publication, else the
year itself for an annual figure ("By 2022, trade hit $5 billion annually" → 2022). A change's comparison
base is not its period ("30% higher than the same period last year", "down 40% from the spring peak").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from extraction.dates import MONTHS
from extraction.gazetteer import COMBINING_FORM
from extraction.model import Claim, Figure, Mention
from extraction.seeds import name_pattern, read_rows, seed_list

# --- values ------------------------------------------------------------------------------------

_SCALE_WORDS = {
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "mio": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
    "lakh": 1e5,
    "lakhs": 1e5,
}
_SCALE_LETTERS = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
_PREFIXES = {
    "us$": "USD",
    "u.s.$": "USD",
    "$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "hk$": "HKD",
    "nz$": "NZD",
    "s$": "SGD",
    "sg$": "SGD",
    "nt$": "TWD",
    "r$": "BRL",
    "mx$": "MXN",
    "€": "EUR",
    "£": "GBP",
    "₽": "RUB",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "₩": "KRW",
    "₺": "TRY",
    "₴": "UAH",
    "₪": "ILS",
    "₦": "NGN",
    "¥": "JPY",
}
_CODES = ["USD", "EUR", "GBP", "RUB", "CNY", "RMB", "INR", "IRR", "JPY", "AUD", "CAD", "HKD", "CHF", "SAR", "AED", "TRY", "KRW", "BRL", "ZAR", "SGD", "NZD", "UAH", "PLN", "SEK", "NOK", "DKK", "ILS", "EGP", "PKR", "IDR", "MYR", "THB", "TWD", "MXN", "KZT", "BYN", "QAR", "KWD", "NGN"]
# currency words after the number; an adjective before the word picks the currency ("Hong Kong dollars")
_CURRENCY_WORDS = {
    "dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "sterling": "GBP",
    "ruble": "RUB",
    "rouble": "RUB",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rial": "IRR",
    "toman": "IRR",  # 1 toman = 10 rials: normalized to rials
    "riyal": "SAR",
    "lira": "TRY",
    "lire": "TRY",
    "yen": "JPY",
    "won": "KRW",
    "dirham": "AED",
    "shekel": "ILS",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "zloty": "PLN",
    "zlotys": "PLN",
    "franc": "CHF",
    "rand": "ZAR",
    "naira": "NGN",
    "tenge": "KZT",
    "ringgit": "MYR",
    "baht": "THB",
    "rupiah": "IDR",
    "reais": "BRL",
    "cent": "USD",  # "10 cents": hundredths
    "pence": "GBP",
}
_HUNDREDTHS = frozenset({"cent", "pence"})
_CURRENCY_ADJECTIVES = {
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "australian": "AUD",
    "canadian": "CAD",
    "hong kong": "HKD",
    "singapore": "SGD",
    "new zealand": "NZD",
    "taiwan": "TWD",
    "new taiwan": "TWD",
    "saudi": "SAR",
    "qatari": "QAR",
    "omani": "OMR",
    "iranian": "IRR",
    "pakistani": "PKR",
    "sri lankan": "LKR",
    "nepalese": "NPR",
    "indian": "INR",
    "swiss": "CHF",
    "turkish": "TRY",
    "egyptian": "EGP",
    "lebanese": "LBP",
    "syrian": "SYP",
    "russian": "RUB",
    "chinese": "CNY",
    "mexican": "MXN",
    "argentine": "ARS",
    "philippine": "PHP",
    "swedish": "SEK",
    "norwegian": "NOK",
    "danish": "DKK",
}
# words that are a currency only with a country adjective
_ADJECTIVE_ONLY = {"peso": None, "dinar": None, "krona": None, "kronor": None, "krone": None, "kroner": None}
_ADJECTIVE_CURRENCY = {
    ("mexican", "peso"): "MXN",
    ("argentine", "peso"): "ARS",
    ("philippine", "peso"): "PHP",
    ("iraqi", "dinar"): "IQD",
    ("kuwaiti", "dinar"): "KWD",
    ("jordanian", "dinar"): "JOD",
    ("swedish", "krona"): "SEK",
    ("swedish", "kronor"): "SEK",
    ("norwegian", "krone"): "NOK",
    ("norwegian", "kroner"): "NOK",
    ("danish", "krone"): "DKK",
    ("danish", "kroner"): "DKK",
    ("egyptian", "pound"): "EGP",
    ("lebanese", "pound"): "LBP",
    ("syrian", "pound"): "SYP",
    ("british", "pound"): "GBP",
}
# physical units: surface form → (unit, multiplier); longest forms first in the pattern
_UNITS = {
    "metric tons": ("tonnes", 1.0),
    "metric tonnes": ("tonnes", 1.0),
    "tonnes": ("tonnes", 1.0),
    "tonne": ("tonnes", 1.0),
    "tons": ("tons", 1.0),
    "ton": ("tons", 1.0),
    "kilotonnes": ("tonnes", 1e3),
    "megatonnes": ("tonnes", 1e6),
    "barrels per day": ("barrels", 1.0),
    "barrels a day": ("barrels", 1.0),
    "barrels": ("barrels", 1.0),
    "barrel": ("barrels", 1.0),
    "bbl": ("barrels", 1.0),
    "bpd": ("barrels", 1.0),
    "b/d": ("barrels", 1.0),
    "cubic meters": ("cubic_meters", 1.0),
    "cubic metres": ("cubic_meters", 1.0),
    "cubic meter": ("cubic_meters", 1.0),
    "cubic metre": ("cubic_meters", 1.0),
    "bcm": ("cubic_meters", 1e9),
    "tcm": ("cubic_meters", 1e12),
    "mcm": ("cubic_meters", 1e6),
    "cubic feet": ("cubic_feet", 1.0),
    "cubic foot": ("cubic_feet", 1.0),
    "bcf": ("cubic_feet", 1e9),
    "tcf": ("cubic_feet", 1e12),
    "kilowatt-hours": ("watt_hours", 1e3),
    "kilowatt hours": ("watt_hours", 1e3),
    "megawatt-hours": ("watt_hours", 1e6),
    "megawatt hours": ("watt_hours", 1e6),
    "gigawatt-hours": ("watt_hours", 1e9),
    "gigawatt hours": ("watt_hours", 1e9),
    "terawatt-hours": ("watt_hours", 1e12),
    "terawatt hours": ("watt_hours", 1e12),
    "kwh": ("watt_hours", 1e3),
    "mwh": ("watt_hours", 1e6),
    "gwh": ("watt_hours", 1e9),
    "twh": ("watt_hours", 1e12),
    "kilowatts": ("watts", 1e3),
    "megawatts": ("watts", 1e6),
    "gigawatts": ("watts", 1e9),
    "kw": ("watts", 1e3),
    "mw": ("watts", 1e6),
    "gw": ("watts", 1e9),
    "kilometers": ("kilometers", 1.0),
    "kilometres": ("kilometers", 1.0),
    "kilometer": ("kilometers", 1.0),
    "kilometre": ("kilometers", 1.0),
    "km": ("kilometers", 1.0),
    "square kilometers": ("square_kilometers", 1.0),
    "square kilometres": ("square_kilometers", 1.0),
    "sq km": ("square_kilometers", 1.0),
    "square miles": ("square_miles", 1.0),
    "miles": ("miles", 1.0),
    "mile": ("miles", 1.0),
    "meters": ("meters", 1.0),
    "metres": ("meters", 1.0),
    "feet": ("feet", 1.0),
    "foot": ("feet", 1.0),
    "inches": ("inches", 1.0),
    "inch": ("inches", 1.0),
    "hectares": ("hectares", 1.0),
    "acres": ("acres", 1.0),
    "kilograms": ("kilograms", 1.0),
    "kilogrammes": ("kilograms", 1.0),
    "kg": ("kilograms", 1.0),
    "grams": ("grams", 1.0),
    "ounces": ("ounces", 1.0),
    "ounce": ("ounces", 1.0),
    "oz": ("ounces", 1.0),
    "lbs": ("pounds", 1.0),
    "lb": ("pounds", 1.0),
    "litres": ("liters", 1.0),
    "liters": ("liters", 1.0),
    "gallons": ("gallons", 1.0),
    "horsepower": ("horsepower", 1.0),
    "hp": ("horsepower", 1.0),
    "mph": ("miles_per_hour", 1.0),
    "km/h": ("kilometers_per_hour", 1.0),
    "lb-ft": ("pound_feet", 1.0),
    "degrees": ("degrees", 1.0),
    "carats": ("carats", 1.0),
}
_UNIT_KEYS = {re.sub(r"[\s-]+", " ", k): k for k in _UNITS}
_UNIT_PER = {"barrels per day": "day", "barrels a day": "day", "bpd": "day", "b/d": "day"}
_CASE_SENSITIVE_UNITS = frozenset({"kw", "mw", "gw"})  # "MW", not "mw" in running text

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(rf"(?<![\w.,/])(?:{_NUM})(?![\d])")
_WORD_NUMBER = re.compile(r"\b(?:an?|one)\s+(?=(?:thousand|million|billion|trillion)\b)", re.I)
_PREFIX = re.compile(
    r"(?:(?<![A-Za-z])(?P<sym>US\$|U\.S\.\s?\$|AU?\$|CA?\$|HK\$|NZ\$|SG?\$|NT\$|R\$|MX\$|Rs\.?|[$€£₽₹₩₺₴₪₦¥])"
    r"|(?<![A-Za-z])(?P<code>" + "|".join(_CODES) + r"))\s?$"
)
_SCALE_RE = (
    r"(?:\s?-?\s?(?P<scale>thousand|million|billion|trillion|mln|mio|mn|bln|bn|tn|trn|crores?|cr|lakhs?)(?![A-Za-z])"
    r"(?:\s(?P<scale2>crores?|billion|million))?"
    r"|(?P<letter>[kKmMbBtT])(?![A-Za-z]))?"
)
_PERCENT_RE = (
    r"(?P<pp>\s?(?:percentage[\s-]points?|percent(?:age)?[\s-]pts?|pp|ppts?)(?![A-Za-z])"
    r"|\s?(?:basis[\s-]points?|bps|bp)(?![A-Za-z]))"
    r"|(?P<pct>\s?(?:%|percent(?![A-Za-z])|per[\s-]cent(?![A-Za-z])|pct(?![A-Za-z])))"
)
_CURWORD_RE = (
    r"(?P<curword>\s?-?\s?(?:(?P<adj>"
    + "|".join(sorted((re.escape(a) for a in {*_CURRENCY_ADJECTIVES, *(k[0] for k in _ADJECTIVE_CURRENCY)}), key=len, reverse=True))
    + r")[\s-])?(?P<cur>pounds?\s+sterling|sterling|dollars?|euros?|rubles?|roubles?|yuan|renminbi|rupees?|rials?|tomans?"
    r"|riyals?|liras?|lire|yen|won|dirhams?|shekels?|hryvnias?|hryvnia|zlotys?|francs?|rand|naira|tenge|ringgit|baht|rupiah"
    r"|reais|cents?|pence|pesos?|dinars?|kronor|krona|kroner|krone|pounds?)(?![A-Za-z]))"
)
_CODE_AFTER_RE = r"(?P<code2>\s(?:" + "|".join(_CODES) + r"))(?![A-Za-z])"
_UNIT_RE = (
    r"(?P<unit>\s?-?\s?(?:"
    + "|".join(re.escape(u).replace(r"\ ", r"[\s-]") for u in sorted(_UNITS, key=len, reverse=True))
    + r"))(?![A-Za-z0-9])"
)
_SUFFIX = re.compile(
    _SCALE_RE + r"(?:" + _PERCENT_RE + "|" + _CURWORD_RE + "|" + _CODE_AFTER_RE + "|" + _UNIT_RE + r")?", re.I
)
_PER = re.compile(
    r"(?:\s?/\s?|\s+(?:per|a|an|each)\s+(?:diluted\s+)?)(?P<per>day|month|year|annum|week|quarter|hour|barrel|bbl|ounce"
    r"|oz|troy ounce|tonne|ton|metric ton|share|person|capita|head|kg|kilogram|litre|liter|gallon|mwh|kwh|unit)(?![A-Za-z])"
    r"(?!\s+(?:earlier|ago|before|later|after|prior)\b)"
    r"|\s+(?P<adverb>annually|yearly|daily|monthly|weekly)\b",
    re.I,
)
_PER_NORMAL = {
    "annum": "year",
    "annually": "year",
    "yearly": "year",
    "daily": "day",
    "monthly": "month",
    "weekly": "week",
    "bbl": "barrel",
    "oz": "ounce",
    "troy ounce": "ounce",
    "ton": "tonne",
    "metric ton": "tonne",
    "capita": "person",
    "head": "person",
    "kilogram": "kg",
    "liter": "litre",
}
_TIME_PERS = frozenset({"day", "week", "month", "quarter", "year", "hour"})
_PRICE_PERS = frozenset({"barrel", "ounce", "tonne", "kg", "litre", "gallon", "mwh", "kwh", "unit"})
_RANGE_TAIL = re.compile(rf"(\s?(?:[-–—]|to)\s?)(?P<pre2>[$€£₽₹]|US\$|A\$|C\$|HK\$)?(?P<num2>{_NUM})(?![\d])")
_FROM_BEFORE = re.compile(r"\b(?:from|between)\s+(?:\w+\s+){0,2}$", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:(?:about|around|roughly|some|approximately)\s+)?$", re.I)
_AND_TAIL = re.compile(rf"\s*(?:and|&)\s+(?P<pre2>US\$|A\$|C\$|HK\$|[$€£₽₹])?(?P<num2>{_NUM})(?![\d])")
_IDIOM_AFTER = re.compile(
    r"\s+(?:sure|certain|confident|convinced|committed|behind|right|true|correct|wrong|guaranteed|serious|honest)\b", re.I
)
_MINUS_BEFORE = re.compile(r"(?:^|(?<=[\s(\[:]))(?P<sign>[−–-]|\+)$")  # "-5.44%", "(+2%)": not "4-5%"


@dataclass(slots=True)
class _Raw:
    start: int  # span start (currency prefix or number)
    end: int  # span end (after unit / per)
    value: float
    value_high: float | None
    unit: str
    kind: str  # money | percent | points | quantity
    per: str | None
    sign: int  # -1 / +1 when the number carries an explicit sign, else 0


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def _scale(m: re.Match[str], money: bool) -> float | None:
    """The multiplier of the scale words after a number; None when a bare letter may not be a scale."""
    word, word2, letter = m.group("scale"), m.group("scale2"), m.group("letter")
    if word:
        factor = _SCALE_WORDS[word.casefold()]
        return factor * (_SCALE_WORDS[word2.casefold()] if word2 else 1.0)
    if letter:
        return _SCALE_LETTERS[letter.casefold()] if money else None
    return 1.0


def _currency(m: re.Match[str], value: float) -> tuple[str, float] | None:
    """(ISO code, value) of a currency word after the number, or None when it names no currency."""
    cur = re.sub(r"\s+", " ", m.group("cur").casefold())
    adj = (m.group("adj") or "").casefold()
    singular = cur[:-1] if cur.endswith("s") and cur[:-1] in (*_CURRENCY_WORDS, *_ADJECTIVE_ONLY, "pound") else cur
    if singular.startswith("pound"):
        if "sterling" in cur:
            return "GBP", value
        if (adj, "pound") in _ADJECTIVE_CURRENCY:
            return _ADJECTIVE_CURRENCY[(adj, "pound")], value
        return None  # "10 pounds" is as often a weight
    if singular in _ADJECTIVE_ONLY or cur in _ADJECTIVE_ONLY:
        code = _ADJECTIVE_CURRENCY.get((adj, singular)) or _ADJECTIVE_CURRENCY.get((adj, cur))
        return (code, value) if code else None
    base = _CURRENCY_WORDS.get(singular) or _CURRENCY_WORDS.get(cur)
    if base is None:
        return None
    if adj and adj in _CURRENCY_ADJECTIVES and singular in ("dollar", "rupee", "riyal", "rial", "franc", "yuan"):
        base = _CURRENCY_ADJECTIVES[adj]
    if singular in _HUNDREDTHS:
        return base, value / 100
    if singular == "toman":
        return "IRR", value * 10
    return base, value


@dataclass(frozen=True, slots=True)
class _Parsed:
    end: int
    value: float
    unit: str
    kind: str  # money | percent | points | quantity
    per: str | None
    scale: float  # the multiplier the scale words after the number applied


def _parse_at(text: str, ns: int, ne: int, number: float, prefix: str | None, code: str | None) -> _Parsed | None:
    """Unit, kind, value and end of the figure whose number (text[ns:ne]) is `number`."""
    money_prefix = prefix or code
    m = _SUFFIX.match(text, ne)
    if m is None:
        return None
    scale = _scale(m, bool(money_prefix))
    if scale is None:
        return None
    value = number * scale
    end = m.end()
    if money_prefix:
        if m.group("pct") or m.group("pp") or m.group("unit"):
            return None  # "$5 percent" is no figure anyone wrote
        if m.group("curword") or m.group("code2"):
            end = m.start("curword") if m.group("curword") else m.start("code2")
            # "$75.3 billion dollar hit": the word repeats the symbol's currency; keep it in the span
            if m.group("curword") and re.match(r"\s?-?\s?dollars?\b", m.group("curword"), re.I):
                end = m.end()
        unit = _PREFIXES.get(prefix.casefold(), "USD") if prefix else (code or "USD").upper().replace("RMB", "CNY")
        if prefix == "¥" and re.search(r"\b(?:yuan|renminbi|rmb|chin)", text[max(0, ns - 120) : ne + 120], re.I):
            unit = "CNY"
        kind = "money"
    elif (m.group("pp") or m.group("pct")) and scale != 1.0:
        return None  # "1 billion percent dissatisfied": hyperbole, no figure
    elif m.group("pp"):
        kind, unit = "points", "percentage_points"
        if re.search(r"basis|bps|bp", m.group("pp"), re.I):
            value /= 100
    elif m.group("pct"):
        kind, unit = "percent", "percent"
    elif m.group("curword"):
        cur = _currency(m, value)
        if cur is None:
            return None
        unit, value = cur
        kind = "money"
    elif m.group("code2"):
        unit = m.group("code2").strip().upper().replace("RMB", "CNY")
        kind = "money"
    elif m.group("unit"):
        key = _UNIT_KEYS.get(re.sub(r"[\s-]+", " ", m.group("unit").strip(" -")).casefold())
        if key is None:
            return None
        if key in _CASE_SENSITIVE_UNITS and not m.group("unit").strip(" -").isupper():
            return None
        unit, factor = _UNITS[key]
        value *= factor
        kind = "quantity"
        per = _UNIT_PER.get(key)
        if per:
            return _Parsed(end, value, unit, kind, per, scale)
    else:
        return None
    per = None
    p = _PER.match(text, end)
    if p:
        word = (p.group("per") or p.group("adverb")).casefold()
        per = _PER_NORMAL.get(word, word)
        if kind in ("money", "quantity") or per in _TIME_PERS:
            end = p.end()
        else:
            per = None
    return _Parsed(end, value, unit, kind, per, scale)


def _raw_figures(text: str) -> list[_Raw]:
    found: list[_Raw] = []
    taken_until = -1
    numbers = [(m.start(), m.end(), False) for m in _NUMBER.finditer(text)]
    numbers += [(m.start(), m.end(), True) for m in _WORD_NUMBER.finditer(text)]
    numbers.sort()
    for ns, ne, article in numbers:
        if ns < taken_until:
            continue
        pre = None if article else _PREFIX.search(text, max(0, ns - 8), ns)
        prefix = pre.group("sym") if pre else None
        code = pre.group("code") if pre else None
        start = pre.start() if pre else ns
        number = 1.0 if article else _num(text[ns:ne])
        parsed = _parse_at(text, ns, ne, number, prefix, code)
        if article and (parsed is None or parsed.scale == 1.0 or parsed.kind not in ("money", "quantity")):
            continue  # "a million people": a count; "a billion dollars" is money
        value_high = None
        ranged = None if article or _FROM_BEFORE.search(text, max(0, ns - 30), start) else _RANGE_TAIL.match(text, ne)
        if ranged is not None and (parsed is None or (parsed.kind == "money" and parsed.end == ne)):
            # "$4–5 billion", "25 to 45%": the first number takes the unit and scale of the second
            second = _parse_at(
                text, ranged.start("num2"), ranged.end("num2"), _num(ranged.group("num2")), prefix or ranged.group("pre2"), code
            )
            if second is not None and (
                parsed is None or (second.kind == "money" and second.unit == parsed.unit and second.scale > 1)
            ):
                low = number * second.scale
                if low <= second.value:
                    parsed, value_high = _Parsed(second.end, low, second.unit, second.kind, second.per, second.scale), second.value
        elif parsed is not None and not article:
            # "4%-5%", "$4 billion–$5 billion": a dash between two figures of one unit is a range
            r = re.match(rf"[-–](?P<pre2>[$€£₽₹])?(?P<num2>{_NUM})", text[parsed.end : parsed.end + 24])
            if r and not _FROM_BEFORE.search(text, max(0, ns - 30), start):
                s2 = parsed.end + r.start("num2")
                second = _parse_at(text, s2, parsed.end + r.end("num2"), _num(r.group("num2")), prefix, code)
                if second is not None and second.unit == parsed.unit and second.value >= parsed.value:
                    value_high = second.value
                    parsed = _Parsed(second.end, parsed.value, parsed.unit, parsed.kind, second.per or parsed.per, parsed.scale)
        between = None if article or value_high is not None else _BETWEEN_BEFORE.search(text, max(0, start - 40), start)
        and_tail = _AND_TAIL.match(text, parsed.end if parsed is not None else ne) if between else None
        if and_tail is not None:
            # "between 5% and 5.25%", "between $4 and $5 billion", "between 4 and 5 percent": one range
            second = _parse_at(
                text, and_tail.start("num2"), and_tail.end("num2"), _num(and_tail.group("num2")),
                prefix or and_tail.group("pre2"), code,
            )
            if second is not None and (parsed is None or parsed.kind == second.kind):
                low = number * second.scale if parsed is None or parsed.end == ne else parsed.value
                unit_agrees = parsed is None or parsed.end == ne or parsed.unit == second.unit
                if unit_agrees and low < second.value:
                    per = second.per or (parsed.per if parsed is not None else None)
                    parsed, value_high = _Parsed(second.end, low, second.unit, second.kind, per, second.scale), second.value
        if parsed is None:
            continue
        if parsed.kind in ("money", "quantity") and parsed.value <= 0:
            taken_until = parsed.end
            continue  # "$0" is no amount anyone claimed; "0-60 mph" no quantity
        if parsed.kind == "percent" and _IDIOM_AFTER.match(text, parsed.end):
            continue
        sign = 0
        sm = _MINUS_BEFORE.search(text, max(0, start - 2), start)
        if sm and parsed.kind in ("percent", "points"):
            sign = 1 if sm.group("sign") == "+" else -1
            start = sm.start()
        found.append(_Raw(start, parsed.end, parsed.value, value_high, parsed.unit, parsed.kind, parsed.per, sign))
        taken_until = parsed.end
    return found


# --- metric lexicon (dbt/seeds/figure_metrics.csv) -------------------------------------------------


@dataclass(frozen=True)
class MetricInfo:
    metric: str
    group: str
    parties_from: str  # clause | attached
    units: frozenset[str]  # money | percent | quantity
    signed: bool
    negative_level: bool = False  # a level below zero is possible (a negative policy rate, deflation)


@dataclass(frozen=True)
class MetricLexicon:
    info: dict[str, MetricInfo]
    nouns: dict[str, re.Pattern[str]]  # unit kind → alternation with one named group per metric
    verbs: dict[str, re.Pattern[str]]
    targets: re.Pattern[str]  # trade_target cues


def _item_regex(item: str) -> str:
    """A seed cue: words apart (space or hyphen), a trailing * for any ending, [..] / (?:..) kept."""
    star = item.endswith("*")
    words = item.rstrip("*").split()
    parts = [w.replace("-", r"[\s-]?") for w in words]
    return r"[\s-]+".join(parts) + (r"\w*" if star else "")


def _alternation(items: list[str]) -> str:
    return "|".join(_item_regex(i) for i in sorted(items, key=len, reverse=True))


def _named_alternation(items: list[tuple[str, str]]) -> str:
    ordered = sorted(enumerate(items), key=lambda x: (-len(x[1][1]), x[0]))  # longest first, then seed order
    return "|".join(f"(?P<{metric}__{n}>{_item_regex(item)})" for n, (metric, item) in ordered)


def metric_of(m: re.Match[str] | None) -> str | None:
    """The metric of a lexicon cue match (its group is named <metric>__<n>)."""
    return m.lastgroup.split("__", 1)[0] if m is not None and m.lastgroup else None


@lru_cache(maxsize=4)
def load_metric_lexicon(folder: Path | None = None) -> MetricLexicon:
    rows = read_rows("figure_metrics", folder)
    info = {
        r["metric"]: MetricInfo(
            r["metric"], r["metric_group"], r["parties_from"], frozenset(seed_list(r["units"])),
            r["signed"].strip().casefold() == "true",
            (r.get("negative_level") or "").strip().casefold() == "true",
        )
        for r in rows
    }
    nouns: dict[str, re.Pattern[str]] = {}
    verbs: dict[str, re.Pattern[str]] = {}
    for kind in ("money", "percent", "quantity"):
        # every cue of every metric in one alternation, longest first, so that the longest cue at a
        # position wins whichever metric it belongs to ("tax revenue" over "tax", "sales tax" over
        # "sales"); each alternative's group is named <metric>__<n> (see `metric_of`)
        noun_items: list[tuple[str, str]] = []
        verb_items: list[tuple[str, str]] = []
        for r in rows:
            if kind not in info[r["metric"]].units or r["metric"] == "trade_target":
                continue
            noun_items += [(r["metric"], i) for i in seed_list(r["nouns"])]
            verb_items += [(r["metric"], i) for i in seed_list(r["verbs"])]
        nouns[kind] = re.compile(r"(?<![\w-])(?:" + _named_alternation(noun_items) + r")(?![\w])", re.I)
        verbs[kind] = re.compile(r"(?<![\w-])(?:" + _named_alternation(verb_items) + r")(?![\w])", re.I)
    target_row = next(r for r in rows if r["metric"] == "trade_target")
    targets = re.compile(r"(?<![\w-])(?:" + _alternation(seed_list(target_row["nouns"])) + r")(?![\w])", re.I)
    return MetricLexicon(info, nouns, verbs, targets)


def _lexicon_kind(kind: str) -> str:
    return "percent" if kind == "points" else kind


# --- clause structure ------------------------------------------------------------------------------

_HARD_BOUNDARY = re.compile(
    r";|\s[–—]\s|:\s|,\s+(?:while|whereas|but|although|though)\b|\s(?:while|whereas)\s|,\s+and\s+(?=[a-z])", re.I
)
# soft boundaries: where the subject of the figure's clause starts
_SOFT_BOUNDARY = re.compile(
    r"[,;:\[\]]|\s[–—]\s|\bas\b(?!\s+(?:much|many|high|low|little|well|long|far|soon|part)\b)"
    r"|\band\s+(?=(?:had|has|have|was|were|is|are|will|would|could|then|also|later|now)\b)"
    r"|\b(?:that|which|who|while|whereas|but|because|although|though|after|before|when|if|said|says"
    r"|say|told|according\s+to|including|with)\b"
    # a verb of expecting whose object is a clause: "<X> expect <Country>'s rates will reach N%"
    r"|\b(?:predict(?:s|ed|ing)?|expect(?:s|ed|ing)?|forecast(?:s|ed|ing)?|estimat(?:es|ed|ing)|project(?:s|ed|ing)"
    r"|believ(?:es|ed|ing)|think(?:s|ing)?|thought|warn(?:s|ed|ing)?)\b"
    r"(?=\s+(?!(?:to|that|at|by|in|for|of|on|as|from|with|over|under|around|about|near|up|down)\b)"
    r"[^,;:]{1,60}?\b(?:will|would|could|may|might|is|are|was|were|has|have|had)\b)",
    re.I,
)
_STOP_AFTER = frozenset(
    ["of", "in", "to", "for", "from", "on", "at", "by", "with", "and", "or", "as", "that", "which", "who", "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "than", "this", "these", "those", "its", "their", "his", "her", "it", "per", "a", "an", "the", "over", "under", "after", "before", "since", "into", "during", "while", "but", "if", "when", "so", "because", "then", "also", "more", "less", "about", "around", "nearly", "almost", "some", "year", "years", "higher", "lower", "greater", "bigger", "smaller", "fewer", "cheaper", "above", "below", "through", "until", "till", "via", "among", "amid", "against", "toward", "towards", "within", "without", "across", "despite", "including", "excluding", "like", "unlike", "versus", "vs", "plus", "beyond", "behind", "onto", "upon", "off", "out", "ago", "earlier", "later", "yet", "not", "only", "just", "even", "still", "already", "both", "all", "such", "what", "where", "how", "why", "do", "does", "did", "its", "there", "here", "now", "then", "today", "yesterday", "tomorrow", "it's", "that's", "there's", "he", "she", "they", "we", "you", "i", "me", "him", "them", "us", "due", "thanks", "compared", "according", "following", "ahead", "apiece", "respectively", "overall", "combined", "alone", "altogether", "instead", "too", "either", "neither", "nor", "plus", "minus", "back", "recently", "thus", "hence", "therefore", "however", "whereas", "whether", "than", "then", "no", "not", "month", "months", "day", "days", "week", "weeks", "quarter", "annually", "yearly", "daily", "monthly", "each", "every", "last", "next", "this"]
)
_PREPOSITIONS = frozenset(
    ["about", "above", "across", "after", "against", "along", "amid", "among", "around", "as", "at", "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond", "by", "despite", "during", "except", "for", "from", "in", "inside", "into", "like", "near", "of", "off", "on", "onto", "out", "outside", "over", "past", "per", "since", "than", "through", "throughout", "till", "to", "toward", "towards", "under", "underneath", "unlike", "until", "upon", "via", "with", "within", "without"]
)
_RUN_STOPS = _STOP_AFTER | _PREPOSITIONS | {"up", "down"}
_TRANSPARENT_HEADS = frozenset(
    ["mark", "level", "levels", "threshold", "milestone", "barrier", "figure", "figures", "range", "area", "zone", "line", "point", "ceiling", "floor", "cap", "limit", "target", "goal", "sum", "amount", "total", "worth", "value", "tune", "region", "neighbourhood", "neighborhood", "guidance", "forecast", "forecasts", "estimate", "estimates", "expectation", "expectations", "projection", "projections", "outlook", "consensus", "prediction", "predictions", "purity", "concentration"]
)
_CHANGE_NOUN_AFTER = re.compile(
    r"\s+(?:(?!(?:of|to|in|for|from|and|or|the|an?|by|with|on|at|as|is|was|are|were|than)\b)[\w-]+\s+)?"
    r"(?:increases?|rises?|growth|jumps?|drops?|declines?|falls?|surges?|hikes?|gains?|rall(?:y|ies)|spikes?|climbs?"
    r"|leaps?|boosts?|plunges?|slumps?|decreases?|reductions?|cuts?|upticks?|upswings?|rebounds?|slides?|dips?|loss(?:es)?"
    r"|expansion|contraction|hit|shortfall)\b",
    re.I,
)
_PROPER = re.compile(r"[A-Z][\w'’.-]*")


def _clause(text: str, start: int, end: int, s_start: int, s_end: int) -> tuple[int, int]:
    """The figure's clause within its sentence: split at ;, dashes, colons and contrastive or new clauses."""
    left = s_start
    for m in _HARD_BOUNDARY.finditer(text, s_start, start):
        left = m.end()
    right = _HARD_BOUNDARY.search(text, end, s_end)
    return left, (right.start() if right else s_end)


def _mask_parentheses(segment: str) -> str:
    """Parenthesized asides as spaces (offsets kept): "Japan's Nikkei 225 (N225) declined"."""
    return re.sub(r"\([^()]{0,80}\)", lambda m: " " * len(m.group(0)), segment)


def _mask_appositions(segment: str) -> str:
    """An apposition set off by commas as spaces (offsets kept): "<Country> inflation, <a description>, fell
    to …" — its commas do not end the subject."""
    def blank(m: re.Match[str]) -> str:
        return m.group(0) if _VERB_LIKE.search(m.group(0)) else " " * len(m.group(0))

    return re.sub(r"(?<=\w),\s+(?:a|an|the)\s+[^,;:()]{3,60}?,", blank, segment)


# a word that makes a comma-enclosed phrase a clause ("…, the department reported, …"), not an apposition
_VERB_LIKE = re.compile(r"\b(?:\w+ed|said|says|told|wrote|is|are|was|were|has|have|had|will|would)\b", re.I)


def _subject_start(text: str, lo: int, hi: int) -> int:
    """Start of the subject window before position hi (after the last soft boundary in [lo, hi))."""
    segment = _mask_appositions(_mask_parentheses(text[lo:hi]))
    last = 0
    for m in _SOFT_BOUNDARY.finditer(segment):
        last = m.end()
    return lo + last


def _title_context(text: str, s: int, e: int) -> bool:
    """Headline capitalization around [s, e): most words within 60 characters are capitalized."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text[max(0, s - 60) : e + 60])
    big = [w for w in words if w[0].isupper()]
    return len(words) >= 5 and len(big) >= 0.5 * len(words)


def _in_proper_name(text: str, s: int, e: int) -> bool:
    """A cue word inside a capitalized name ("Congressional Budget Office", "Tax Foundation")."""
    if not text[s:e][:1].isupper() or text[s:e].isupper() or _title_context(text, s, e):
        return False
    after = re.match(r"\s+([A-Za-z][\w'’.-]*)", text[e : e + 30])
    if after and (after.group(1).casefold() in _PHRASE_VERBS or _CHANGE_WORD_RE.fullmatch(after.group(1))):
        return False  # "<Firm> Profit Jumps N%": a headline's capitalized verb, not the rest of a name
    return bool(after and after.group(1)[0].isupper())


# --- change evidence (percent figures) ------------------------------------------------------------

_DECREASE = (
    r"declin(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|fell|fall(?:s|en|ing)?|drop(?:s|ped|ping)?|dip(?:s|ped|ping)?"
    r"|slid(?:e|es|ing)?|slump(?:s|ed|ing)?|plung(?:e|es|ed|ing)|plummet(?:s|ed|ing)?|tumbl(?:e|es|ed|ing)"
    r"|sank|sink(?:s|ing)?|shr[aiu]nk(?:s|ing)?|contract(?:s|ed|ing)|cut(?:s|ting)?|slash(?:es|ed|ing)?"
    r"|reduc(?:e|es|ed|ing|tions?)|lower(?:s|ed|ing)|crash(?:es|ed|ing)?|lost|los(?:e|es|ing)|shed(?:s|ding)?"
    r"|crater(?:s|ed|ing)|slip(?:s|ped|ping)?|retreat(?:s|ed|ing)?|tank(?:s|ed|ing)|sag(?:s|ged|ging)?"
    r"|shav(?:e|es|ed|ing)|narrow(?:s|ed|ing)|weaken(?:s|ed|ing)?|eas(?:e|es|ed|ing)|down|lower|less|fewer|smaller"
    r"|cheaper|below|loss(?:es)?|reductions?|decline|contraction|slowdown"
)
_DECREASE_RE = re.compile(rf"^(?:{_DECREASE})$", re.I)
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
    r"|shav(?:e|es|ed|ing)|narrow(?:s|ed|ing)|weaken(?:s|ed|ing)|strengthen(?:s|ed|ing))\b"
)
# Qualifiers and articles that may stand between a change word and its number; not "above", "below"
# or "under", which name a threshold level ("inflation fell below 3%").
_FILLER = (
    r"(?:(?:over|more\s+than|upwards\s+of|in\s+excess\s+of|less\s+than|about|around"
    r"|approximately|nearly|near|almost|some|roughly|close\s+to|circa|up\s+to|at\s+least|as\s+(?:much|high|many)\s+as"
    r"|just|only|well|further|additional|extra|another|estimated|staggering|whopping|massive|record|an?|the)\s+|~\s*)*"
)
# "daily output of 3 million barrels": the adjective before the noun the figure is "of" makes it a rate
_RATE_BEFORE = re.compile(rf"\b(?P<adj>daily|weekly|monthly)\s+(?:[a-z][\w-]*\s+){{0,2}}of\s+{_FILLER}$", re.I)
_RATE_ADJECTIVES = {"daily": "day", "weekly": "week", "monthly": "month"}
_UP_DOWN = r"(?<!\bmade\s)(?<!\bmake\s)(?<!\bmakes\s)(?<!\bmaking\s)\b(?:up|down)"
_CHANGE_BEFORE = re.compile(
    rf"(?:(?P<word>{_CHANGE_WORD})(?:\s+\w+ly)?(?:\s+(?P<by>by)|\s+of|\s+in\s+(?:[\w'’-]+\s+){{1,4}}?of)?\s+{_FILLER}"
    rf"|(?P<updown>{_UP_DOWN})(?:\s+(?P<by2>by))?\s+(?!an?\s|the\s){_FILLER})$"
    r"|(?<![\w.,%])(?P<sign>[+−])\s*$",
    re.I,
)
_BY_OR = re.compile(rf"(?:\b(?P<by>by)|,\s*(?P<or>or))\s+{_FILLER}$", re.I)
_LEVEL_BEFORE = re.compile(rf"\b(?:to|at)\s+{_FILLER}$", re.I)
_COORDINATED = re.compile(
    rf"^(?:\s*[-–]\s*|[^%;]{{0,60}}?(?:,|\band\b|\bor\b|\bversus\b|\bvs\.?|\bcompared\s+(?:with|to))\s+{_FILLER})$",
    re.I,
)
_RATE_WORD = re.compile(r"\b(?:rates?|yields?)\b", re.I)
_OF_AFTER = re.compile(r"^\s+of\b", re.I)
_CHANGE_AFTER = re.compile(
    r"^\s+(?:(?!(?:of|to|in|for|from|and|or|the|an?|by|with|on|at|as|is|was|are|were|than)\b)[\w-]+\s+)?"
    r"(?P<word>increases?|rises?|growth|jumps?|drops?|declines?|falls?|surges?|hikes?|gains?"
    r"|rall(?:y|ies)|spikes?|climbs?|leaps?|boosts?|plunges?|slumps?|decreases?|reductions?|cuts?|upticks?"
    r"|upswings?|mark-?ups?|returns?|rebounds?|slides?|dips?|loss(?:es)?|expansion|contraction)\b"
    r"|^\s+(?P<cmp>higher|lower|more|less|fewer|greater|bigger|smaller|cheaper|above|below)\b"
    r"|^\s+(?P<updown>up|down)\s+(?:from|on)\b",
    re.I,
)
_PERIOD_OVER_PERIOD = re.compile(
    r"^,?\s+(?:(?:year|month|quarter|week)[- ](?:on|over)[- ](?:year|month|quarter|week)\b|[ymq]/[ymq]\b|yoy\b|y-o-y\b"
    r"|on\s+the\s+(?:year|month|quarter)\b"
    r"|(?:from|on|over|than|versus|vs\.?|compared\s+(?:with|to))\s+(?:a|the|one)\s+(?:year|month|quarter)\s+(?:earlier|ago|before)\b)",
    re.I,
)
_CHANGE_WORD_RE = re.compile(_CHANGE_WORD, re.I)
_NEAR = 160


def _direction(word: str | None) -> int:
    if not word:
        return 1
    w = word.strip().casefold()
    if w in ("−", "-", "–"):
        return -1
    return -1 if _DECREASE_RE.match(w) else 1


def _nearest_change_word(text: str, lo: int, hi: int) -> str | None:
    last = None
    for w in _CHANGE_WORD_RE.finditer(text, lo, hi):
        last = w.group(0)
    return last


def _change_evidence(
    text: str, start: int, end: int, value: float, c_start: int, c_end: int, prev: tuple[int, str, int] | None
) -> tuple[str, int] | None:
    """How surely the percent figure at [start, end) is a change — ("strong" | "weak", direction) — or
    None for a level. `prev` is (end, evidence, direction) of the change figure before it in the clause.
    Patterns ending in `$` run on at most _NEAR characters before the number (pos/endpos on the whole
    text, so word boundaries stay real), which keeps long clauses linear."""
    near = max(c_start, start - _NEAR)
    after = text[end:c_end]
    of_after = bool(_OF_AFTER.match(after))
    m = _CHANGE_BEFORE.search(text, near, start)
    if m and (not of_after or m.group("by") or m.group("by2")):
        return "strong", _direction(m.group("word") or m.group("updown") or m.group("sign"))
    a = _CHANGE_AFTER.match(after)
    if a:
        return "strong", _direction(a.group("word") or a.group("cmp") or a.group("updown"))
    m = _BY_OR.search(text, near, start)
    if m and not of_after:
        if m.group("by"):
            word = _nearest_change_word(text, c_start, m.start())
            if word:
                return "strong", _direction(word)
        else:
            words = [w for w in _CHANGE_WORD_RE.finditer(text, near, m.start()) if w.end() >= m.start() - 50]
            if words:
                return "strong", _direction(words[-1].group(0))
    if prev is not None and not of_after and start - prev[0] <= 120 and _COORDINATED.match(text[prev[0] : start]):
        between = text[prev[0] : start]
        ud = re.findall(r"\b(up|down)\b", between, re.I)
        return prev[1], (_direction(ud[-1]) if ud else prev[2])
    if _PERIOD_OVER_PERIOD.match(after) and not _LEVEL_BEFORE.search(text, near, start):
        return "weak", 1  # "250% year-on-year": a change, its direction not stated here
    if value > 100 and not of_after and not _LEVEL_BEFORE.search(text, near, start):
        word = _nearest_change_word(text, c_start, c_end)
        if word:
            return "weak", _direction(word)
    return None


_MONEY_CHANGE_BEFORE = re.compile(rf"(?P<word>{_CHANGE_WORD})(?:\s+\w+ly)?\s+by\s+{_FILLER}$", re.I)


def _money_change(text: str, start: int, end: int, c_start: int) -> bool:
    """"cut the budget by $5 billion", "a $2 billion drop": a money figure that is a change."""
    if _MONEY_CHANGE_BEFORE.search(text, max(c_start, start - 60), start):
        return True
    m = _BY_OR.search(text, max(c_start, start - 60), start)
    if m and m.group("by") and _nearest_change_word(text, c_start, m.start()):
        return True
    return bool(_CHANGE_NOUN_AFTER.match(text, end))


# --- qualifiers ----------------------------------------------------------------------------------

_QUALIFIERS = [
    (
        "over",
        r"(?:over|more\s+than|above|upwards\s+of|exceed(?:s|ed|ing)?|in\s+excess\s+of|surpass(?:es|ed)?|top(?:s|ped)?"
        r"|well\s+over|north\s+of)",
    ),
    ("under", r"(?:under|less\s+than|below|fewer\s+than|just\s+under|short\s+of)"),
    (
        "about",
        r"(?:about|around|approximately|nearly|almost|some|roughly|close\s+to|an\s+estimated|circa|~|estimated"
        r"|more\s+or\s+less|just\s+(?:over|under)|the\s+equivalent\s+of)",
    ),
    ("up_to", r"(?:up\s+to|as\s+(?:much|high|many)\s+as)"),
    ("at_least", r"(?:at\s+least|no\s+less\s+than|a\s+minimum\s+of)"),
]
_QUALIFIER = re.compile(
    r"(?:" + "|".join(f"(?P<{k}>(?<![\\w-]){p})" for k, p in _QUALIFIERS) + r")\s+(?:the\s+|an?\s+)?$", re.I
)
_SPAN_QUALIFIERS = ("over", "under", "about", "up_to", "at_least")
# a verb of moving before "up to": "edges up to 3.8%" reaches a level (the figure has no qualifier)
_MOTION_BEFORE = re.compile(r"\b(?:edg|ris|rose|climb|jump|go|went|mov|creep|crept|tick|inch|shot|shoot|push|soar|surg|"
                            r"spik|ramp|crank|driv|drove|bump|revis)\w*[ \t]+$", re.I)


# --- parties ----------------------------------------------------------------------------------------

# intergovernmental groups: a figure about one is multilateral (gazetteer organisations without a country)
_RELATIONAL_BEFORE = re.compile(
    r"\b(?P<prep>between|among|with|to|from|into|on|against|toward|towards|for|of|by|and|or|&|versus|vs\.?)\s+(?:the\s+)?$"
    r"|[-–/]\s*$",
    re.I,
)
# prepositions of a phrase that relates a whole clause, not the figure, to a country
_IDIOM_PREPOSITION = re.compile(
    r"\b(?:(?:in|as\s+a)\s+(?:response|reaction|retaliation|reply)|due|thanks|owing|according|prior|contrary|close"
    r"|compared|relative|(?:in|with)\s+(?:regard|respect|relation|addition))\s+(?:to|of)\s+(?:the\s+)?$",
    re.I,
)
_NEAR_PREPS = frozenset({"of", "by", "for", "and", "or", "&", "versus", "vs", "vs.", ""})
_PARTNER_PREPS = frozenset({"with", "to", "from", "into", "on", "against", "toward", "towards", "for"})
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|across|throughout|within|inside|around|near|outside)\s+(?:the\s+)?$", re.I)
_ANAPHORA = re.compile(
    r"\b(?:their|both\s+(?:countries|nations|sides|states|governments|partners)|the\s+two\s+(?:countries|nations|sides"
    r"|states|governments|neighbou?rs|allies|partners)|bilateral|two-way|mutual|each\s+other|between\s+them)\b",
    re.I,
)
_GLOBAL = re.compile(r"\b(?:global|world(?:wide)?|planet(?:ary)?|international)\b", re.I)
_CURRENCY_COUNTRY = {
    "ruble": "RUS",
    "rouble": "RUS",
    "rial": "IRN",
    "yuan": "CHN",
    "renminbi": "CHN",
    "rupee": "IND",
    "lira": "TRY",
    "dirham": "ARE",
    "riyal": "SAR",
    "real": "BRA",
    "rand": "ZAF",
    "dinar": "IRQ",
    "manat": "AZE",
}
_CURRENCY_NAMES = re.compile(r"\b(" + "|".join(_CURRENCY_COUNTRY) + r")s?\b", re.I)
_LOOKBACK_SENTENCES = 4
_MAX_YEARS_AHEAD = 50  # the mart gate's period_years
_LOOKBACK_CHARS = 900


@dataclass(frozen=True, slots=True)
class _Country:
    start: int
    end: int
    code: str
    key: str | None  # actor key of a group organisation, else None
    source: str  # country | person | organization | demonym | group


@lru_cache(maxsize=1)
def _place_rows() -> tuple[tuple[str, str, str], ...]:
    """(name, kind, ISO code) of the places seed, read once for every pattern below."""
    try:
        rows = read_rows("places")
    except OSError:
        return ()
    return tuple((r["name"], r["kind"], r["country_code"]) for r in rows if r["country_code"])


@lru_cache(maxsize=1)
def _places() -> tuple[tuple[str, str], ...]:
    """(demonym, ISO code) from the places seed."""
    return tuple((name, code) for name, kind, code in _place_rows() if kind == "demonym")


@lru_cache(maxsize=1)
def _combining_forms() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The places seed's combining forms, matched only before a hyphen and a capital ("Sino-Russian")."""
    codes = {name: code for name, kind, code in _place_rows() if kind == COMBINING_FORM}
    if not codes:
        return None, codes
    alternation = "|".join(map(re.escape, sorted(codes, key=len, reverse=True)))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?=-[A-Z])"), codes


@lru_cache(maxsize=1)
def _demonym_pattern() -> re.Pattern[str] | None:
    names = [n for n, _ in _places()]
    if not names:
        return None
    return name_pattern(names)


@lru_cache(maxsize=1)
def _capitals() -> tuple[tuple[str, str], ...]:
    return tuple((name, code) for name, kind, code in _place_rows() if kind == "capital")


@lru_cache(maxsize=1)
def _capital_pattern() -> re.Pattern[str] | None:
    names = [n for n, _ in _capitals()]
    if not names:
        return None
    return name_pattern(names)


@lru_cache(maxsize=1)
def _locality_pattern() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Cities and regions of the countries that write their own dollar as a bare "$" (`_LOCAL_DOLLARS`)."""
    codes = {name: code for name, kind, code in _place_rows()
             if kind in ("city", "region", "capital") and code in _LOCAL_DOLLARS}
    return (name_pattern(list(codes)) if codes else None), codes


def _local_dollar(text: str, refs: list[_Country]) -> str | None:
    """The currency a bare "$" is in this text: the local dollar of the country it is about, counting its
    cities and regions (a state, its capital) with its name and demonym."""
    pattern, codes = _locality_pattern()
    places = [_Country(m.start(), m.end(), codes[m.group(0)], None, "place") for m in pattern.finditer(text)] \
        if pattern is not None else []
    return _LOCAL_DOLLARS.get(_focus_country(refs + places, demonyms=True) or "")


# Countries of a currency only one country issues (not the dollar or the euro): a state or economy figure
# in it with no country named is that country's ("the budget allocated A$900,000").
# Dollars whose own press writes them as a bare "$" and who issues each (`_LOCAL_DOLLARS` is derived
# from it); the currencies one country alone issues are these (but Hong Kong's: no gazetteer country) and
# the rest below.
_DOLLAR_ISSUERS = {"AUD": "AUS", "CAD": "CAN", "NZD": "NZL", "SGD": "SGP", "HKD": "HKG", "TWD": "TWN"}
_CURRENCY_ISSUER = {**{cur: c for cur, c in _DOLLAR_ISSUERS.items() if cur != "HKD"},
                    "GBP": "GBR", "JPY": "JPN", "INR": "IND", "RUB": "RUS", "CNY": "CHN", "IRR": "IRN",
                    "TRY": "TUR", "BRL": "BRA", "ZAR": "ZAF", "KRW": "KOR", "CHF": "CHE", "SEK": "SWE",
                    "NOK": "NOR", "PLN": "POL", "UAH": "UKR", "MXN": "MEX", "SAR": "SAU", "AED": "ARE",
                    "EGP": "EGY", "PKR": "PAK", "NGN": "NGA"}


_METONYMY_BEFORE = re.compile(r"\b(?:on|against|with|between|and|toward|towards)\s+$", re.I)


def _country_refs(text: str, mentions: list[Mention]) -> list[_Country]:
    """Every reference to a country or a group in the document, in text order."""
    refs: list[_Country] = []
    taken: list[tuple[int, int]] = []
    for m in mentions:
        if m.actor_type == "country" and m.country_code:
            refs.append(_Country(m.start, m.end, m.country_code.upper(), None, "country"))
        elif m.actor_key and m.country_code and m.actor_type in ("person", "organization"):
            refs.append(_Country(m.start, m.end, m.country_code.upper(), None, m.actor_type))
        elif m.actor_key and m.actor_type == "organization" and m.actor_key.startswith("org-") and not m.country_code:
            refs.append(_Country(m.start, m.end, "", m.actor_key, "group"))
        else:
            continue
        taken.append((m.start, m.end))
    pat = _demonym_pattern()
    if pat is not None:
        codes = dict(_places())
        for d in pat.finditer(text):
            if re.search(r"\b(?:Latin|South|Central|North|Native|Pan)[\s-]$", text[max(0, d.start() - 8) : d.start()]):
                continue  # "Latin American" is no nationality
            if not any(s < d.end() and d.start() < e for s, e in taken):
                refs.append(_Country(d.start(), d.end(), codes[d.group(0)], None, "demonym"))
    forms, form_codes = _combining_forms()
    if forms is not None:
        # only a pair of countries: "Sino-Russian", not "Indo-Pacific"
        sides = {r.start for r in refs if r.source in ("country", "demonym")}
        refs += [_Country(f.start(), f.end(), form_codes[f.group(0)], None, "demonym") for f in forms.finditer(text)
                 if f.end() + 1 in sides]
    cap = _capital_pattern()
    if cap is not None:
        capitals = dict(_capitals())
        for c in cap.finditer(text):
            if any(s < c.end() and c.start() < e for s, e in taken):
                continue
            # a capital standing for its government: "sanctions on Moscow", "Tehran's exports"
            if _METONYMY_BEFORE.search(text, max(0, c.start() - 12), c.start()) or text.startswith(("'s", "’s"), c.end()):
                refs.append(_Country(c.start(), c.end(), capitals[c.group(0)], None, "capital"))
    refs.sort(key=lambda r: r.start)
    return refs


# --- periods ----------------------------------------------------------------------------------------

_YEAR = r"(?:19|20)\d\d"
_MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_PERIODS: list[tuple[str, re.Pattern[str]]] = [
    (
        "dates",
        re.compile(
            rf"\b(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})(?:,?\s*(?P<y1>{_YEAR}))?\s*(?:[-–—]|to|until|through|and)\s*"
            rf"(?P<m2>{_MONTH_NAMES})\.?\s+(?P<d2>\d{{1,2}}),?\s*(?P<y2>{_YEAR})\b",
            re.I,
        ),
    ),
    (
        "months_of",
        re.compile(
            rf"\b(?P<fl>first|last|past)\s+(?P<n>\w+)\s+months\s+of\s+(?P<the>the\s+)?(?:(?P<q>current|last|this)\s+)?"
            rf"(?:(?P<cal>iranian|persian|fiscal|financial)\s+)?(?P<yw>year\b\s*)?(?P<y>{_YEAR}|1[34]\d\d)?",
            re.I,
        ),
    ),
    (
        "quarter",
        re.compile(
            rf"\b(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of)?(?:\s+(?P<y>{_YEAR}))?"
            rf"|Q(?P<qn>[1-4])(?:\s*(?:'|of\s+)?(?P<y2>{_YEAR}|\d\d))?\b)",
            re.I,
        ),
    ),
    (
        "half",
        re.compile(rf"\b(?:(?P<h>first|second)[\s-]+half(?:\s+of)?(?:\s+(?P<y>{_YEAR}))?|H(?P<hn>[12])\s*(?P<y2>{_YEAR}))", re.I),
    ),
    (
        "ended",  # "the quarter ended Sept. 30", "the six months to June 30, 2024": a span ending on that day
        re.compile(
            rf"\b(?P<span>quarter|half|(?:three|six|nine|twelve)\s+months|year)\s+(?:ended|ending|to|through)\s+"
            rf"(?P<m>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:,?\s*(?P<y>{_YEAR}))?\b",
            re.I,
        ),
    ),
    (
        "through",
        re.compile(
            rf"\b(?P<w>through|until|till|up\s+to|as\s+of|by|to|ending|ended)\s+(?:the\s+end\s+of\s+)?(?P<m>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}}),?\s*(?P<y>{_YEAR})\b",
            re.I,
        ),
    ),
    (
        "fiscal",
        re.compile(
            rf"\b(?:(?:fiscal|financial)\s+(?:year\s+)?|FY\s?)(?P<y>{_YEAR}|\d\d)(?:\s?[-–/]\s?(?P<y2>\d{{2,4}}))?\b"
            rf"|\b(?P<y3>{_YEAR})\s?[-–/]\s?(?P<y4>\d{{2,4}})\s+(?:fiscal|financial)\s+year\b"
            rf"|\b(?:iranian|persian)\s+(?:calendar\s+)?year\s+(?:of\s+)?(?P<iy>1[34]\d\d)\b"
            rf"|\b(?P<iy2>1[34]\d\d)\s+(?:iranian|persian)\s+(?:calendar\s+)?year\b",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(rf"\b(?:(?P<prep>in|during|for|since|by|of)\s+)?(?P<m>{_MONTH_NAMES})(?:'s)?(?:\s+(?P<y>{_YEAR}))?\b(?!\s+\d)"),
    ),
    ("span", re.compile(rf"\b(?:between|from)?\s*(?P<y1>{_YEAR})\s?(?:[-–]|to|and)\s?(?P<y2>{_YEAR}|\d\d)\b", re.I)),
    ("by", re.compile(rf"\b(?P<w>by|until|through|before)\s+(?:the\s+end\s+of\s+)?(?:the\s+year\s+)?(?P<y>{_YEAR})\b", re.I)),
    ("since", re.compile(rf"\bsince\s+(?P<y>{_YEAR})\b", re.I)),
    (
        "year",
        re.compile(
            rf"\b(?:(?:in|during|for|throughout|over|of|across|from|at)\s+(?:the\s+)?(?:(?:calendar|full|whole)\s+)?(?:year\s+)?"
            rf"(?P<y>{_YEAR})\b(?![-–/]\d)|(?P<y2>{_YEAR})['’]s\b)",
            re.I,
        ),
    ),
    ("years_around", re.compile(r"\b(?:over|in|within|during|for)\s+the\s+(?P<dir>next|coming|past|last)\s+"
                                r"(?P<n>\w+)\s+years\b", re.I)),
    (
        "relative",
        re.compile(
            r"\b(?P<r>last\s+year|this\s+year|so\s+far\s+this\s+year|year[- ]to[- ]date|the\s+previous\s+year|the\s+prior\s+year"
            r"|a\s+year\s+(?:earlier|ago|before)|the\s+year\s+before|last\s+month|this\s+month|this\s+week|last\s+week"
            r"|the\s+current\s+(?:iranian|persian)\s+year"
            r"|the\s+current\s+year)\b",
            re.I,
        ),
    ),
]
_FUTURE = re.compile(
    r"\b(?:will|would|shall|could|expect\w*|aim\w*|target\w*|goal\w*|plan\w*|project\w*|forecast\w*|seek\w*|set\s+to"
    r"|to\s+(?:reach|raise|boost|increase|double|triple|hit|exceed|bring)|envisag\w*|intend\w*|hope\w*|want\w*|pledg\w*)\b",
    re.I,
)
# fiscal years of countries: (start month, start day, a single-year name "FY2024" names the year it ends in)
FISCAL_YEARS = {
    "USA": (10, 1, True),
    "IND": (4, 1, True),
    "GBR": (4, 1, False),
    "JPN": (4, 1, False),
    "CAN": (4, 1, True),
    "AUS": (7, 1, True),
    "NZL": (7, 1, True),
    "PAK": (7, 1, True),
    "EGY": (7, 1, True),
    "BGD": (7, 1, True),
    "KEN": (7, 1, True),
    "NGA": (1, 1, False),
    "IRN": (3, 21, False),
}


def _month_end(y: int, m: int) -> date:
    return (date(y + (m // 12), m % 12 + 1, 1) - timedelta(days=1)) if 1 <= m <= 12 else date(y, 12, 31)


def _month(name: str) -> int:
    key = name.casefold().rstrip(".")
    if key in MONTHS:
        return MONTHS[key]
    return next(i for n, i in MONTHS.items() if n.startswith(key[:3]))


def _iranian_year(y: int) -> tuple[date, date]:
    """Solar Hijri year y: from (about) 21 March of y + 621 to 20 March of y + 622."""
    return date(y + 621, 3, 21), date(y + 622, 3, 20)


def _fiscal(country: str | None, y1: int, y2: int | None, two_years: bool) -> tuple[date, date] | None:
    if country not in FISCAL_YEARS:
        return None
    month, day, named_by_end = FISCAL_YEARS[country or ""]
    if month == 1 and day == 1:
        return date(y1, 1, 1), date(y2 or y1, 12, 31)
    start_year = y1 if two_years or not named_by_end else y1 - 1
    start = date(start_year, month, day)
    return start, date(start_year + 1, month, day) - timedelta(days=1)


def _year(text: str) -> int:
    y = int(text)
    return y if y >= 100 else 2000 + y


@dataclass(frozen=True, slots=True)
class _Period:
    text: str
    start: date | None
    end: date | None
    precision: str | None


def _resolve_period(
    kind: str, m: re.Match[str], anchor: date | None, country: str | None, future: bool, annual: bool, sentence_years: list[int]
) -> _Period | None:
    g = m.groupdict()
    t = m.group(0).strip()
    if kind == "dates":
        y2 = int(g["y2"])
        y1 = int(g["y1"]) if g["y1"] else y2
        s = date(y1, _month(g["m1"]), int(g["d1"]))
        e = date(y2, _month(g["m2"]), int(g["d2"]))
        if s > e and not g["y1"]:
            s = s.replace(year=y2 - 1)
        return _Period(t, s, e, "day") if s <= e else None
    if kind == "months_of":
        n = _ORDINALS.get(g["n"].casefold()) or (int(g["n"]) if g["n"].isdigit() else None)
        if not n or not 1 <= n <= 12:
            return None
        cal = (g["cal"] or "").casefold()
        if g["y"] is None:
            qualifier = (g["q"] or "").casefold()
            the_year = bool(g["the"] and g["yw"]) and not qualifier and not g["cal"] and g["fl"].casefold() == "first"
            if not anchor or (not qualifier and not the_year):
                return None
            # "of the current / this (Iranian) year", "of last year", and "of the year": the current one, or the
            # last whose first months had ended by the report
            year = anchor.year - 1 if qualifier == "last" else anchor.year if qualifier else \
                _unstated_year(anchor, n, future) or anchor.year
        else:
            year = int(g["y"])
        if cal in ("iranian", "persian") or (year >= 1300 and year < 1500):
            iy = year if year < 1500 else (year - 621 if anchor is None or anchor >= date(year, 3, 21) else year - 622)
            s, _ = _iranian_year(iy)
            e = s + timedelta(days=round(n * 30.44) - 1)
            return _Period(t, s, e, "month")
        if g["fl"].casefold() == "first":
            return _Period(t, date(year, 1, 1), _month_end(year, n), "month")
        return _Period(t, date(year, 13 - n, 1), date(year, 12, 31), "month")
    if kind == "quarter":
        q = _ORDINALS.get((g["q"] or "").casefold()) or (int(g["qn"]) if g["qn"] else None)
        ys = g["y"] or g["y2"]
        qyear = _year(ys) if ys else (_unstated_year(anchor, 3 * q, future) if q else None)
        if not q or qyear is None:
            return None
        return _Period(t, date(qyear, 3 * q - 2, 1), _month_end(qyear, 3 * q), "quarter")
    if kind == "half":
        h = 1 if (g["h"] or "").casefold() == "first" or g["hn"] == "1" else 2
        ys = g["y"] or g["y2"]
        hyear = int(ys) if ys else _unstated_year(anchor, 6 if h == 1 else 12, future)
        if hyear is None:
            return None
        return _Period(t, date(hyear, 1 if h == 1 else 7, 1), date(hyear, 6, 30) if h == 1 else date(hyear, 12, 31), "half")
    if kind == "ended":
        months = {"quarter": 3, "half": 6, "year": 12}.get(g["span"].casefold()) \
            or _ORDINALS.get(g["span"].split()[0].casefold())
        end_month = _month(g["m"])
        end_year = int(g["y"]) if g["y"] else _unstated_year(anchor, end_month, future)
        if not months or end_year is None:
            return None
        try:
            last = date(end_year, end_month, int(g["d"]))
        except ValueError:
            return None
        begin = _span_start(last, months)
        precision = {3: "quarter", 6: "half"}.get(months) or (
            ("year" if begin.month == 1 and begin.day == 1 else "fiscal_year") if months == 12 else "month")
        return _Period(t, begin, last, precision)
    if kind == "through":
        try:
            e = date(int(g["y"]), _month(g["m"]), int(g["d"]))
        except ValueError:
            return None
        return _Period(t, None, e, "day")
    if kind == "fiscal":
        if g["iy"] or g["iy2"]:
            s, e = _iranian_year(int(g["iy"] or g["iy2"]))
            return _Period(t, s, e, "fiscal_year")
        fy_end: int | None
        if g["y3"]:
            fy_start, fy_end, two = int(g["y3"]), _year(g["y4"][-2:]), True
        else:
            fy_start, two = _year(g["y"]), bool(g["y2"])
            fy_end = _year(g["y2"][-2:]) if g["y2"] else None
        span = _fiscal(country, fy_start, fy_end, two)
        if span is None:
            return _Period(t, None, None, None)  # a fiscal year of a calendar nobody named: kept as text only
        return _Period(t, span[0], span[1], "fiscal_year")
    if kind == "month":
        if anchor is None and not g["y"]:
            return None
        mo = _month(g["m"])
        if g["m"] in ("May", "March") and not g["prep"] and not g["y"]:
            return None  # "may"/"march" as words; only with a preposition or a year
        year = int(g["y"]) if g["y"] else (anchor.year if anchor and mo <= anchor.month else anchor.year - 1)  # type: ignore[union-attr]
        s = date(year, mo, 1)
        if (g["prep"] or "").casefold() == "since":
            return _Period(t, s, None, "month")
        if (g["prep"] or "").casefold() == "by":
            return _Period(t, None, _month_end(year, mo), "month")
        return _Period(t, s, _month_end(year, mo), "month")
    if kind == "span":
        y1 = int(g["y1"])
        y2 = (y1 // 100) * 100 + int(g["y2"]) if len(g["y2"]) == 2 else int(g["y2"])
        if not y1 < y2 <= y1 + 30:
            return None
        return _Period(t, date(y1, 1, 1), date(y2, 12, 31), "years")
    if kind == "by":
        y = int(g["y"])
        ahead = future or (anchor is not None and y > anchor.year)
        if g["w"].casefold() == "by" and annual and not ahead:
            return _Period(t, date(y, 1, 1), date(y, 12, 31), "year")
        return _Period(t, None, date(y, 12, 31), "year")
    if kind == "since":
        y = int(g["y"])
        return _Period(t, date(y, 1, 1), None, "year")
    if kind == "year":
        y = int(g["y"] or g["y2"])
        return _Period(t, date(y, 1, 1), date(y, 12, 31), "year")
    if kind == "years_around" and anchor is not None:
        n = _ORDINALS.get(g["n"].casefold()) or (int(g["n"]) if g["n"].isdigit() else None)
        if not n:
            return None
        if g["dir"].casefold() in ("next", "coming"):
            return _Period(t, anchor, _add_years(anchor, n), "years")
        return _Period(t, _add_years(anchor, -n), anchor, "years")
    if kind == "relative":
        r = re.sub(r"\s+", " ", g["r"].casefold())
        if r in ("the previous year", "the prior year", "a year earlier", "a year before", "the year before") and sentence_years:
            y = sentence_years[-1] - 1
            return _Period(t, date(y, 1, 1), date(y, 12, 31), "year")
        if anchor is None:
            return None
        if r.startswith("the current") and ("iranian" in r or "persian" in r):
            iy = anchor.year - 621 if anchor >= date(anchor.year, 3, 21) else anchor.year - 622
            s, e = _iranian_year(iy)
            return _Period(t, s, e, "fiscal_year")
        if r in ("last year", "the previous year", "the prior year", "a year earlier", "a year ago", "a year before", "the year before"):
            y = anchor.year - 1
            return _Period(t, date(y, 1, 1), date(y, 12, 31), "year")
        if r in ("this year", "the current year"):
            return _Period(t, date(anchor.year, 1, 1), date(anchor.year, 12, 31), "year")
        if r in ("so far this year", "year to date", "year-to-date"):
            return _Period(t, date(anchor.year, 1, 1), anchor, "day")
        if r == "last month":
            first = date(anchor.year, anchor.month, 1) - timedelta(days=1)
            return _Period(t, date(first.year, first.month, 1), first, "month")
        if r == "this month":
            return _Period(t, date(anchor.year, anchor.month, 1), _month_end(anchor.year, anchor.month), "month")
        if r in ("this week", "last week"):  # Monday to Sunday, day-precise; this week so far ends with the report
            monday = anchor - timedelta(days=anchor.weekday()) - timedelta(days=7 if r == "last week" else 0)
            return _Period(t, monday, anchor if r == "this week" else monday + timedelta(days=6), "day")
    return None


# how soon after a quarter or half ends a report may already give its figures ("first-quarter GDP" in April)
_RESULTS_LEAD = timedelta(days=15)
# how long after a quarter or half ends its results may still be forecast
_FORECAST_LAG = timedelta(days=60)


def _span_start(last: date, months: int) -> date:
    """The first day of the `months` months that end on `last`: "the six months to June 30" start on January 1,
    "to June 15" on December 16."""
    y, m = divmod(last.year * 12 + last.month - 1 - months, 12)
    month_end = _month_end(y, m + 1)
    same_day = month_end if last == _month_end(last.year, last.month) else date(y, m + 1, min(last.day, month_end.day))
    return same_day + timedelta(days=1)


def _unstated_year(anchor: date | None, last_month: int, future: bool) -> int | None:
    """The year of a quarter or half named without one ("third-quarter profit"): the latest that had
    ended by the report's day, or, of a figure to come, the next that has not ended or ended lately."""
    if anchor is None:
        return None
    end = _month_end(anchor.year, last_month)
    if future:  # a forecast of first-half sales in July: the half just ended, its results to come
        return anchor.year if end >= anchor - _FORECAST_LAG else anchor.year + 1
    return anchor.year if end <= anchor + _RESULTS_LEAD else anchor.year - 1


def _add_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


_BASE_BEFORE = re.compile(
    r"\b(?:than|compared\s+(?:with|to)|versus|vs\.?|(?:over|from)\s+(?:the\s+)?same\s+(?:period|time|month|quarter))"
    r"\s+(?:(?:the|a|its|their)\s+)?(?:same\s+(?:period|time|month|quarter|months)\s+(?:of\s+|in\s+)?)?(?:the\s+)?$",
    re.I,
)
_FROM_BEFORE_BASE = re.compile(r"\bfrom\s+(?:the\s+|its\s+|their\s+|a\s+)?$", re.I)
# a week is the figure's period only right after it ("fell by 3.7 million barrels last week", "jumped 10% this week")
_WEEK = re.compile(r"\bweek\b", re.I)
_CLOSE_AFTER = re.compile(r"(?:[ \t]+[\w'’-]+){0,4}[ \t]+")
# "fell 9% from a year earlier", "up 3% over the previous quarter": the period before the one the change is of
_FROM_OR_OVER_BEFORE = re.compile(r"\b(?:from|over|on)\s+$", re.I)
_EARLIER_PERIOD = re.compile(r"(?:a|one)\s+(?:year|month|quarter)\s+(?:earlier|ago|before)|the\s+(?:previous|prior)\s+"
                             r"(?:year|quarter|month)|the\s+year\s+before|last\s+year", re.I)
_BASE_AFTER = re.compile(r"['’]?s?\s*(?:peaks?|highs?|lows?|levels?|records?|readings?|figures?|average)\b", re.I)


def _comparison_base(text: str, s: int, e: int) -> bool:
    """Is the period phrase at [s, e) the base a change is measured against?"""
    before = text[max(0, s - 60) : s]
    return bool(_BASE_BEFORE.search(before)) or bool(_FROM_BEFORE_BASE.search(before) and _BASE_AFTER.match(text, e)) \
        or bool(_FROM_OR_OVER_BEFORE.search(before) and _EARLIER_PERIOD.match(text, s, e))


def _find_period(
    text: str, lo: int, hi: int, f_start: int, f_end: int, anchor: date | None, country: str | None, future: bool,
    annual: bool, years_before: list[int], change: bool = False,
) -> _Period | None:
    """The period phrase nearest the figure within [lo, hi) (matches that contain the figure excluded).
    For a change, the period it is compared with is not its period: "30% higher than the same period
    last year", "down 40% from the spring peak"."""
    found: list[tuple[int, int, int, int, _Period]] = []  # (distance, rank, start, end, period)
    taken: list[tuple[int, int]] = []
    for rank, (kind, pat) in enumerate(_PERIODS):
        for m in pat.finditer(text, lo, hi):
            s, e = m.start(), m.end()
            if s < f_end and f_start < e:
                continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            if change and s >= f_end and _comparison_base(text, s, e):
                taken.append((s, e))
                continue
            if kind == "relative" and _WEEK.search(m.group(0)) and not (
                    s >= f_end and _CLOSE_AFTER.fullmatch(text, f_end, s)):
                continue  # "released last week", "may not pass this week": the week of an event, not of the figure
            p = _resolve_period(kind, m, anchor, country, future, annual, years_before)
            taken.append((s, e))
            if p is not None:
                found.append(((s - f_end) if s >= f_end else (f_start - e) + 1, rank, s, e, p))
    if not found:
        return None
    best = min(found, key=lambda c: c[:2])
    # "the first nine months of the current year (March 20–December 21, 2024)": the explicit dates win
    for c in found:
        if c[1] == 0 and 0 <= c[2] - best[3] <= 3 and text[best[3] : c[2]].strip() in ("(", ""):
            return c[4]
    return best[4]


# --- the figure finder ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Typed:
    metric: str
    cue: str | None  # the lexicon metric of the cue, before unit-kind adjustments (inherited by coordinated figures)
    how: str  # head | of | verb | complement | subject | inherited | context | default
    cue_start: int = -1
    head: str | None = None  # the last word the figure modifies ("deal" in "a $5 billion deal")


@dataclass(slots=True)
class _State:
    """What the next figure of the same sentence may inherit."""

    end: int = -1
    tail: int = -1  # end of its complement ("3% of GDP"): the next figure's subject starts after it
    sentence: int = -1
    cue: str | None = None  # the lexicon metric of its cue
    metric: str | None = None  # its published metric
    cue_start: int = -1  # where its cue word is (re-read for a figure of another unit kind)
    kind: str | None = None
    parties: list[tuple[str, str, str | None]] = field(default_factory=list)
    change: tuple[int, str, int] | None = None


def _cue_matches(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    out = []
    for m in pattern.finditer(text, lo, hi):
        name = metric_of(m)
        if name and not _in_proper_name(text, m.start(), m.end()):
            out.append((m.start(), m.end(), name))
    return out


def _after_np(text: str, end: int, hi: int) -> tuple[int, int, list[str]]:
    """The words the figure modifies: "$3 billion tender offer", "60% enriched uranium" (up to 4 words,
    stopping at a function word or punctuation)."""
    m = re.match(r"[ \t]*(?:\([^()]{1,40}\)[ \t]*)?(?:-[ \t]*)?", text[end:hi])
    pos = end + (m.end() if m else 0)
    words: list[str] = []
    last = pos
    for w in re.finditer(r"([A-Za-z][\w'’-]*)|(\S)", text[pos:hi]):
        if w.group(2) or len(words) >= 4:
            break
        token = w.group(1)
        low = token.casefold()
        if low in _STOP_AFTER or low in _PREPOSITIONS or low.endswith("ly") or low.split("-")[0] in _STOP_AFTER:
            break
        if low in ("up", "down") and re.match(r"\s+(?:from|on|by)\b", text[pos + w.end() : pos + w.end() + 6]):
            break
        if words and text[last : pos + w.start()].strip():
            break
        words.append(token)
        last = pos + w.end()
    return pos, last, words


# (past a conversion in parentheses: "€35 billion ($38 billion) of aid")
_COMPLEMENT = re.compile(r"^(?:[ \t]*\([^()]{1,40}\))?[ \t]+(?P<p>in|of|worth\s+of|in\s+new|for)\s+", re.I)
_COMPLEMENT_END = re.compile(
    r"\b(?:is|are|was|were|will|would|has|have|had|said|says|that|which|who|after|before|since|while|by|as|and|or|amid"
    r"|among|despite|through|until|during|following|according|against|due|because|than)\b|[,;:.()]"
)


def _complement(text: str, end: int, hi: int) -> tuple[str, int, int] | None:
    """("in" | "of" | ..., start, end) of the phrase after "$X in <...>", "X% of <...>"."""
    m = _COMPLEMENT.match(text[end:hi])
    if not m:
        return None
    s = end + m.end()
    time = _TIME_COMPLEMENT.match(text, s) if m.group("p").casefold() == "in" else None
    if time:
        # "10.1% in March put an end to …": a time, not what the figure is of (but "in 2023 revenue":
        # a noun right after the time word is)
        nxt = re.match(r"\s+([a-z][\w'’-]*)", text[time.end() : time.end() + 30])
        word = nxt.group(1) if nxt else ""
        if not word or word in _RUN_STOPS or word in _PHRASE_VERBS or word in _AUXILIARIES or _CHANGE_WORD_RE.fullmatch(word):
            return None
    stop = _COMPLEMENT_END.search(text, s, min(hi, s + 90))
    return m.group("p").casefold(), s, stop.start() if stop else min(hi, s + 90)


_TIME_COMPLEMENT = re.compile(
    rf"(?:{_MONTH_NAMES})\b|{_YEAR}\b|Q[1-4]\b|H[12]\b|the\s+(?:first|second|third|fourth|final|last|latest|past|previous|same|next"
    r"|current|coming)\s+(?:\w+\s+)?(?:quarter|half|months?|years?|weeks?|days?|period)\b"
)
_FOR_BEFORE = re.compile(rf"(?P<w>[^\s]+)\s+for\s+(?:just|only|a\s+mere)?\s*{_FILLER}$", re.I)
# "for $X" after these is no price: what is needed, asked or paid for
_NOT_A_PURCHASE = frozenset(
    ["need", "needs", "needed", "ask", "asks", "asked", "asking", "call", "calls", "called", "calling", "appeal", "appeals", "appealed", "seek", "seeks", "sought", "seeking", "request", "requests", "requested", "requesting", "pay", "pays", "paid", "paying", "account", "accounts", "accounted", "responsible", "set", "slated", "budgeted", "earmarked", "allocated", "reach", "reached", "hook", "liable"]
)
_OF_BEFORE = re.compile(
    rf"\b(?:of|worth|totall?ing|amounting\s+to|valued\s+at|estimated\s+at|put\s+at)\s+{_FILLER}$", re.I
)
# the verb governing the figure: right before it, or before a preposition, a particle or a named object
# a headline's capitalized qualifier ("<Country> to Spend Up to €N Billion on …") is no named object
_TITLE_FILLER = r"(?:Up|Over|About|Around|Nearly|Almost|More|Some|Roughly|Approximately|At|Just|Only|Less|As)\b"
_GOVERNOR = re.compile(
    rf"(?<![\w'’-])(?P<verb>(?!(?i:to|of|the|an?|in|and|or)\b)[A-Za-z][\w'’-]*)\s+(?:(?:at|for|to|up|down|higher|lower|(?:(?!{_TITLE_FILLER})[A-Z][\w'’.-]*|him|her|them|us|it)"
    rf"(?:\s+(?!{_TITLE_FILLER})[A-Z][\w'’.-]*)?|(?:(?:its|the|their)\s+)?[a-z]+\s+(?:to|at|by))\s+)?(?i:{_FILLER})?$"
)
_REFERENCE_TOTAL = re.compile(
    r"\s*(?:the\s+)?(?:\w+'s\s+|its\s+|their\s+|national\s+|annual\s+)?(?:gdp|gross\s+domestic\s+product|economic\s+output"
    r"|national\s+income|total|all|overall|output)\b",
    re.I,
)
_GDP_REFERENCE = re.compile(r"\s*(?:the\s+)?(?:\w+'s\s+|its\s+|their\s+|national\s+)?(?:gdp|gross\s+domestic\s+product)\b", re.I)
_RUN_TOKEN = re.compile(r"[A-Za-z][\w'’&-]*(?:\.[A-Za-z]\.?)*")
# verbs that end a noun phrase without being change words ("debt levels surpassed $33 trillion"), with
# present-tense verbs of a level's movement ("inflation eases to N%", "the rate holds at N%") whose
# past and -ing forms the head reader already skips
_PHRASE_VERBS = frozenset(
    ["eases", "slows", "cools", "edges", "ticks", "accelerates", "quickens", "stays", "holds", "nears", "approaches", "crosses", "breaches", "hit", "hits", "reach", "reaches", "reached", "reaching", "total", "totals", "totaled", "totalled", "totaling", "stood", "stand", "stands", "standing", "exceed", "exceeds", "exceeded", "top", "tops", "topped", "surpass", "surpasses", "surpassed", "amount", "amounts", "amounted", "came", "come", "comes", "hover", "hovers", "hovered", "sit", "sits", "sat", "remain", "remains", "remained", "peak", "peaks", "peaked", "expects", "expect", "expected", "estimates", "estimated", "say", "says", "said", "shows", "showed", "see", "sees", "saw", "cost", "costs", "reported", "reports", "report", "posted", "posts", "put", "puts", "set", "sets", "made", "make", "makes", "account", "accounts", "represent", "represents", "constitute", "constitutes", "comprise", "comprises", "form", "forms", "took", "take", "takes", "up", "down"]
)
_CHANGE_NOUNS = frozenset(
    ["growth", "increase", "increases", "rise", "rises", "jump", "jumps", "drop", "drops", "decline", "declines", "fall", "falls", "gain", "gains", "surge", "surges", "hike", "hikes", "cut", "cuts", "reduction", "reductions", "slump", "slumps", "rebound", "rebounds", "contraction", "expansion", "loss", "losses"]
)


# a percent of people as the subject of a verb of opinion is a poll or survey answer: "51 percent
# disapprove", "some 60% of voters said …" (GUIDELINES: poll_share includes survey answers)
_OPINION_AFTER = re.compile(
    r"\s+(?:of\s+(?:[A-Za-z][\w'’-]*\s+){1,4}?)?(?:(?:also|still|now|would|strongly|somewhat)\s+)?"
    r"(?:say|says|said|approve[sd]?|disapprove[sd]?|support(?:s|ed)?|oppose[sd]?|favou?r(?:s|ed)?|back(?:s|ed)?"
    r"|believe[sd]?|think|thought|agree[sd]?|disagree[sd]?|prefer(?:s|red)?|want(?:s|ed)?)\b"
)


_AUXILIARIES = frozenset(
    ["will", "would", "can", "could", "should", "shall", "may", "might", "must", "to", "did", "does", "do", "not", "never", "only", "now", "also", "just", "still", "already", "has", "have", "had", "is", "are", "was", "were", "be", "been"]
)


def _runs(text: str, lo: int, hi: int) -> list[list[tuple[int, int, str]]]:
    """Noun-phrase-like runs of words in [lo, hi): split at function words, verbs we know, digits and punctuation."""
    runs: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    last = lo
    previous = ""
    for m in _RUN_TOKEN.finditer(text, lo, hi):
        word = m.group(0)
        low = word.casefold()
        if cur and re.search(r"[^\s'’]", text[last : m.start()]):
            runs.append(cur)
            cur = []
        last = m.end()
        after_auxiliary = previous in _AUXILIARIES and word[:1].islower()
        previous = low
        if after_auxiliary:  # "will now only pay out", "to peak at": a verb
            if cur:
                runs.append(cur)
                cur = []
            previous = low if low in _AUXILIARIES else ""
            continue
        if low in _RUN_STOPS or low.split("-")[0] in _RUN_STOPS or low in _PHRASE_VERBS or (_CHANGE_WORD_RE.fullmatch(word) and low not in _CHANGE_NOUNS):
            if cur:
                runs.append(cur)
                cur = []
            continue
        cur.append((m.start(), m.end(), word))
    if cur:
        runs.append(cur)
    return runs


_RATE_METRICS = frozenset({"inflation_rate", "unemployment_rate", "interest_rate", "tariff", "economic_growth"})


def _run_cue(text: str, nouns: re.Pattern[str], run: list[tuple[int, int, str]]) -> tuple[str | None, int, bool]:
    """(metric of the run's head, cue start, head known?) — the head is the last word that is neither a
    verb form nor transparent ("debt levels surpassed" → debt, "sales growth" → sales, "Ticket demand" →
    a head the list does not name)."""
    hits = _cue_matches(nouns, text, run[0][0], run[-1][1])
    i = len(run) - 1
    transparent = False
    while i >= 0:
        hs, he, hw = run[i]
        ending = [h for h in hits if h[1] == he or h[0] <= hs < h[1]]
        if ending:
            return ending[-1][2], ending[-1][0], True
        low = hw.casefold()
        if low in _TRANSPARENT_HEADS or low in _CHANGE_NOUNS or (len(low) > 4 and low.endswith(("ed", "ing", "ly"))):
            transparent = transparent or low in _TRANSPARENT_HEADS
            i -= 1
            continue
        if transparent:
            return None, -1, False  # "previous guidance": what it is a guidance of is not said here
        if low in ("rate", "rates") and i > 0:
            # "the unemployment rate", "the inflation rate": a rate head is measured by its modifier
            # when the modifier names a rate metric ("birth rate", "growth rate" stay unnamed)
            before = [h for h in hits if h[1] == run[i - 1][1] and h[2] in _RATE_METRICS]
            if before:
                return before[-1][2], before[-1][0], True
        # a lowercase head is a noun the list does not name; a capitalized one may be a name
        return None, -1, hw[:1].islower()
    return None, -1, False


def _subject(text: str, nouns: re.Pattern[str], lo: int, hi: int) -> tuple[str | None, int, bool]:
    """The metric of the figure's subject (or, with a transitive change verb before "by", its object)."""
    if _BY_END.search(text, max(lo, hi - 40), hi):
        verbs = list(_TRANSITIVE.finditer(text, lo, hi))
        if verbs:
            obj = _runs(text, verbs[-1].end(), hi)
            if obj:
                metric, at, known = _run_cue(text, nouns, obj[0])
                if metric or known:
                    return metric, at, known
    first_known = None
    for run in _runs(text, lo, hi):
        metric, at, known = _run_cue(text, nouns, run)
        if metric:
            return metric, at, True
        if first_known is None:
            first_known = known
    return None, -1, bool(first_known)


def _type_metric(
    text: str,
    r: _Raw,
    lex: MetricLexicon,
    c_start: int,
    c_end: int,
    subj_lo: int,
    change: bool,
    inherit: str | None,
) -> _Typed:
    kind = _lexicon_kind(r.kind)
    nouns = lex.nouns[kind]
    if r.kind == "money" and r.per in _PRICE_PERS:
        return _Typed("price", "price", "head")  # "$2,000/oz", "$80 a barrel": a unit price
    if r.kind == "money" and r.per == "share":
        earnings = _EARNINGS.search(text, max(c_start, r.start - 120), min(c_end, r.end + 60))
        return _Typed("profit" if earnings else "price", "profit" if earnings else "price", "head")
    if r.kind == "percent" and not change and r.value <= 100 and _OPINION_AFTER.match(text, r.end, c_end):
        return _Typed("poll_share", "poll_share", "verb", r.end)  # "51 percent (of voters) disapprove of …"
    # 1. the head the figure modifies
    np_s, np_e, words = _after_np(text, r.end, c_end)
    if words and not _PERIOD_OVER_PERIOD.match(text[r.end : r.end + 40]):
        hits = _cue_matches(nouns, text, np_s, np_e)
        if hits:
            s, _, name = hits[0]
            return _Typed(name, name, "head", s, words[-1].casefold())
        first = words[0].casefold()
        if (
            not change
            and words[-1].casefold() not in _TRANSPARENT_HEADS
            and not first.endswith(("ed", "ing"))
            and first not in _CHANGE_NOUNS
            and not _CHANGE_NOUN_AFTER.match(text, r.end)
            and r.kind != "quantity"
            and (re.match(r"[a-z]", words[0]) or _title_context(text, np_s, np_e))
        ):
            return _Typed("other", None, "head", np_s, words[-1].casefold())
    participle = re.match(r"\s+([a-z]+ed)\b", text[r.end : r.end + 20])
    if participle:
        vs = r.end + participle.start(1)
        vm = lex.verbs[kind].match(text, vs, r.end + participle.end(1))
        if vm and (vmetric := metric_of(vm)) and vm.end() == r.end + participle.end(1):
            return _Typed(vmetric, vmetric, "verb", vs)
    # the figure as the subject of a funding verb: "€N billion will fund <projects>"
    funds = _FIGURE_FUNDS.match(text, r.end, c_end) if r.kind == "money" else None
    if funds:
        return _Typed("investment", "investment", "verb", funds.start("verb"))
    # a change noun after the figure names what changed: "a 120 percent rise in trade"
    ch = _CHANGE_NOUN_AFTER.match(text, r.end)
    if ch:
        comp = _complement(text, ch.end(), c_end)
        if comp and comp[0] in ("in", "of"):
            hits = _cue_matches(nouns, text, comp[1], comp[2])
            if hits:
                return _Typed(hits[0][2], hits[0][2], "complement", hits[0][0])
    # money paid to settle or resolve claims is a settlement: "agreed to pay $N to settle the case",
    # "to pay $N over claims it …" (GUIDELINES: penalty includes legal settlements)
    if r.kind == "money" and _PAY_BEFORE.search(text, max(c_start, r.start - 40), r.start) and _SETTLES_AFTER.match(text, r.end, c_end):
        return _Typed("penalty", "penalty", "verb", r.start)
    if r.kind == "money" and _PAY_BEFORE.search(text, max(c_start, r.start - 40), r.start) and not _LEGAL.search(text, c_start, c_end):
        comp = _complement(text, r.end, c_end)
        if comp and comp[0] == "for" and not any(h[2] == "penalty" for h in _cue_matches(nouns, text, comp[1], comp[2])):
            return _Typed("price", "price", "verb", r.start)  # "agreed to pay $N for <firm>": what a buyer pays
    # 2. the verb right before it, or the noun it is "of": "raised $194 million", "a budget of $449,000"
    lo = max(subj_lo, r.start - 80)
    before = None if r.kind == "percent" and re.match(r"\s+of\b", text[r.end : r.end + 4]) else _GOVERNOR.search(text[lo : r.start])
    if before:
        vs = lo + before.start("verb")
        vm = lex.verbs[kind].match(text, vs, vs + len(before.group("verb")))
        if vm and (vmetric := metric_of(vm)) and vm.end() == vs + len(before.group("verb")):
            return _Typed(vmetric, vmetric, "verb", vs)
        if r.kind == "quantity" and before.group("verb").casefold() in _SALE_VERBS:
            return _Typed("exports", "exports", "verb", vs)  # "<country> sold N million barrels of crude"
    for_ = _FOR_BEFORE.search(text, lo, r.start) if r.kind == "money" else None
    if for_:
        word = for_.group("w").strip("\"'“”‘’").casefold()
        if word in ("sued", "sue", "sues", "suing", "fined"):
            return _Typed("penalty", "penalty", "verb", for_.start())
        if word not in _NOT_A_PURCHASE:
            return _Typed("price", "price", "verb", for_.start())  # "sold for $5.9 million", "Switch Lite for $200"
    of = _OF_BEFORE.search(text, lo, r.start)
    if of:
        runs = _runs(text, subj_lo, of.start())
        if runs and runs[-1][-1][1] >= of.start() - 2:
            metric, at, known = _run_cue(text, nouns, runs[-1])
            if metric is None and not known and len(runs) > 1:
                gap = text[runs[-2][-1][1] : runs[-1][0][0]]
                if re.fullmatch(r"\s+(?:from|of|by|with|for)\s+(?:\w+\s+)?", gap):
                    metric, at, known = _run_cue(text, nouns, runs[-2])
            if metric:
                return _Typed(metric, metric, "of", at, runs[-1][-1][2].casefold())
            if runs[-1][-1][2].casefold() in _GOODS:
                # "exported textile goods worth $3 billion": the verb before the goods names what they are
                for vs, ve, _ in reversed(runs[-1][-4:-1]):
                    vm = lex.verbs[kind].match(text, vs, ve)
                    if vm and (vmetric := metric_of(vm)) and vm.end() == ve:
                        return _Typed(vmetric, vmetric, "verb", vs)
    # 3. the complement: "$1.3 billion in aid", "X% of the vote"
    comp = _complement(text, r.end, c_end)
    if comp:
        prep, s, e = comp
        hits = _cue_matches(nouns, text, s, e)
        if r.kind == "percent" and prep == "of":
            names = [h[2] for h in hits]
            for special in ("national_currency_share", "poll_share"):
                if special in names:
                    return _Typed(special, special, "complement", s)
            if _REFERENCE_TOTAL.match(text, s):
                # "exports made up 40 percent of the total", "debt will rise to 115 percent of GDP"
                metric, at, _ = _subject(text, nouns, subj_lo, r.start)
                if metric not in _AMOUNTS_OF_A_TOTAL:
                    metric = "gdp" if _GDP_REFERENCE.match(text, s) else None
                if metric is not None:
                    return _Typed(metric, metric, "subject", at)
            return _Typed("share", "share", "complement", s)
        if hits and prep != "for":
            return _Typed(hits[0][2], hits[0][2], "complement", hits[0][0])
    # 4. the subject of the clause (or the object of a transitive change verb before "by")
    metric, at, known = _subject(text, nouns, subj_lo, r.start)
    if metric:
        return _Typed(metric, metric, "subject", at)
    if r.kind in ("percent", "points"):
        bare = _BARE_RATES.search(text, subj_lo, r.start)
        if bare and _CENTRAL_BANK.search(text, c_start, c_end):
            # "the central bank left rates unchanged at N%": the rates a central bank sets are its policy rate
            return _Typed("interest_rate", "interest_rate", "subject", bare.start())
    if r.kind == "money" and _LEGAL.search(text, c_start, c_end) and _PAYMENT.search(text, c_start, c_end):
        return _Typed("penalty", "penalty", "context")  # "agreed to pay $215 million to settle a lawsuit"
    if known:  # "lowering wages by 0.16 percent", "its starting wage to $15"
        return _Typed("growth_rate" if change and r.kind in ("percent", "points") else "other", None, "subject")
    # 5. coordinated with the figure before it (or, with a pronoun subject, the figure before that)
    if inherit:
        return _Typed(inherit, inherit, "inherited")
    # 6. clause context
    if r.kind == "money" and _LEGAL.search(text, c_start, c_end) and _PAYMENT.search(text, c_start, c_end):
        return _Typed("penalty", "penalty", "context")
    if kind == "percent" and not change:
        for m in lex.nouns["percent"].finditer(text, c_start, c_end):
            if metric_of(m) == "national_currency_share":
                return _Typed("national_currency_share", "national_currency_share", "context")
    if change and r.kind in ("percent", "points"):
        return _Typed("growth_rate", None, "default")
    if known:
        return _Typed("other", None, "subject")  # its subject is something the list does not name
    if r.kind == "percent" and r.value <= 100:
        return _Typed("share", None, "default")
    return _Typed("other", None, "default")


# metrics whose percent changes are published as growth_rate: trade rows stay amounts (the trade mart
# compares and sums them), and a share changes in points, not percent
_AMOUNT_METRICS = frozenset({"trade_volume", "exports", "imports", "share", "national_currency_share", "poll_share"})
_FIGURE_FUNDS = re.compile(
    r"\s+(?:is|are|was|were|will|would|has\s+been|have\s+been|had\s+been)\s+(?:(?:going|expected|set|due|planned|being)\s+)?"
    r"(?:to\s+)?(?:be\s+)?(?P<verb>fund|funds|funded|funding|finance|finances|financed|financing)\b",
    re.I,
)
# a quantity of a commodity sold or shipped is what the seller exports (not "delivered" or "supplied", as
# often to its own market: "delivered N cubic metres of gas to domestic power stations")
_SALE_VERBS = frozenset({"sold", "sell", "sells", "selling", "shipped", "ship", "ships", "shipping"})
_GOODS = frozenset(
    {"goods", "commodities", "products", "merchandise", "items", "cargo", "cargoes", "shipments", "equipment", "supplies"}
)
_TRANSACTIONS = frozenset({"deal", "deals", "contract", "contracts", "sale", "order", "purchase", "agreement"})
_MILITARY_WORDS = (
    r"arms|weapon\w*|missiles?|air[\s-]defen[cs]e|fighter\w*|tanks|howitzers?|munitions?|ammunition|warships?"
    r"|submarines?|frigates?|drones?|artillery|military\s+equipment|rocket\s+systems?|jets"
)
_MILITARY = re.compile(rf"\b(?:{_MILITARY_WORDS})\b", re.I)
_DEBT_SECURITIES = re.compile(
    r"\b(?:by|through|via|in)\s+(?:issuing|selling|a\s+sale\s+of|an?\s+(?:offering|issue)\s+of)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:bonds?|notes|debentures|debt)\b",
    re.I,
)
_SPENT_ON_MILITARY = re.compile(
    rf"\s+(?:\([^()]{{1,40}}\)\s+)?(?:on|for)\s+(?:(?:a|an|the|new|more|its|their)\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{_MILITARY_WORDS}|defen[cs]e|military|armed\s+forces|army|navy|air\s+force|anti-missile\s+\w+)\b",
    re.I,
)
# amounts that are read as a share of a total or of GDP ("debt at 115 percent of GDP")
_AMOUNTS_OF_A_TOTAL = frozenset(
    {"trade_volume", "exports", "imports", "debt", "budget", "military_spending", "investment", "aid", "revenue",
     "production", "gdp", "loan", "sanctions"}
)  # fmt: skip
_EARNINGS = re.compile(r"\b(?:earn\w*|eps|profits?|diluted|net\s+income|expect\w*|estimates?|analysts?|forecast\w*)\b", re.I)
_LEGAL = re.compile(
    r"\b(?:brib\w*|guilty|violat\w*|fraud\w*|lawsuits?|sued|convicted|plea|wrongdoing|misconduct|penalt\w*|court|judge|jury)\b",
    re.I,
)
_PAYMENT = re.compile(r"\b(?:pay|pays|paid|paying|ordered|settle\w*|fined|forfeit\w*|awarded|owe\w*)\b", re.I)
_BY_END = re.compile(rf"\bby\s+{_FILLER}$", re.I)
_BARE_RATES = re.compile(r"\brates?\b", re.I)
_CENTRAL_BANK = re.compile(
    r"\b(?:[Cc]entral\s+[Bb]anks?|[Rr]eserve\s+[Bb]ank|Federal\s+Reserve|Fed|[Mm]onetary\s+[Pp]olicy|Bank\s+of\s+[A-Z]\w+|ECB|BoE|BoJ"
    r"|PBOC|RBA|RBI|RBNZ|SNB|[Pp]olicymakers|[Rr]ate[\s-]setters?)\b"
)
_PAY_BEFORE = re.compile(rf"\b(?:pay|pays|paid|paying)\s+(?:out\s+)?{_FILLER}$", re.I)
_SETTLES_AFTER = re.compile(
    r"(?:\s*\([^()]{1,40}\))?\s+(?:to\s+(?:settle|resolve|end)|over\s+(?:claims|allegations|accusations|charges))\b", re.I
)
_TRANSITIVE = re.compile(
    r"\b(?:reduc\w*|cut\w*|rais\w*|increas\w*|lower\w*|boost\w*|lift\w*|slash\w*|trim\w*|shrink\w*|expand\w*|hik\w*"
    r"|push\w*|drive|drove|driven|drag\w*|shave\w*|add\w*|widen\w*|narrow\w*)\b",
    re.I,
)


def _refine_metric(typed: _Typed, r: _Raw, lex: MetricLexicon, text: str, c_start: int, c_end: int, change: bool) -> str:
    metric = typed.metric
    if metric in ("trade_volume", "exports", "imports") and _targeted(text, lex, c_start, typed, r):
        return "trade_target"
    if metric in ("price", "other") and (typed.head or "") in _TRANSACTIONS and _MILITARY.search(text, c_start, c_end):
        return "arms_sale"
    if metric == "investment" and r.kind == "money" and _DEBT_SECURITIES.search(text, r.end, c_end):
        return "loan"  # "raise $N by issuing bonds": borrowing, not investment
    if metric == "budget" and r.kind == "money" and _SPENT_ON_MILITARY.match(text, r.end, c_end):
        return "military_spending"  # "to spend €N billion on new tanks"
    if metric == "price" and change and r.kind == "percent" and typed.cue_start >= 0 and re.search(
        r"\b(?:stock|share)s?\s+$", text[max(c_start, typed.cue_start - 8) : typed.cue_start], re.I
    ):
        return "market_move"  # "the firm's stock price fell 8 percent"
    if metric == "gdp" and r.kind in ("percent", "points") and (
        re.search(r"\bgr[eo]w\w*|\bexpan\w*|\bcontract\w*|\bshr[aiu]nk\w*", text[c_start : r.start], re.I)
        or re.match(r"\s+growth\b", text[r.end : r.end + 10], re.I)
    ):
        return "economic_growth"
    if change and r.kind in ("percent", "points") and (
        metric in _AMOUNT_METRICS or not (lex.info[metric].signed if metric in lex.info else False)
    ):
        return "growth_rate"  # trade amounts, shares and unsigned metrics change as a growth rate
    if metric == "share" and r.kind == "percent":
        names = {metric_of(m) for m in lex.nouns["percent"].finditer(text, c_start, c_end)}
        if "national_currency_share" in names:
            return "national_currency_share"
        if "poll_share" in names:
            return "poll_share"
    if metric in ("share", "national_currency_share", "poll_share") and r.kind == "percent" and r.value > 100:
        return "other"
    if metric in ("enrichment_level",) and r.kind != "percent":
        return "other"
    info = lex.info.get(metric)
    if info is not None and _lexicon_kind(r.kind) not in info.units:
        return "other"
    return metric


def _targeted(text: str, lex: MetricLexicon, c_start: int, typed: _Typed, r: _Raw) -> bool:
    """A trade figure governed by a target word before it ("a target of $100 billion in bilateral trade",
    "goal of raising bilateral trade to $100 billion", "aims to boost trade to ...")."""
    lo = max(c_start, min(r.start, typed.cue_start if typed.cue_start >= 0 else r.start) - 80)
    return lex.targets.search(text, lo, r.start) is not None or bool(
        re.match(r"\s+(?:target|goal)\b", text[r.end : r.end + 12], re.I)
    )


def party_scope(countries: int, groups: bool) -> str | None:
    """A figure's scope from its parties: a group (EU, OPEC) or three countries or more are
    multilateral, two bilateral, one unilateral; none: not about countries (the caller may say global)."""
    if groups or countries >= 3:
        return "multilateral"
    return {2: "bilateral", 1: "unilateral"}.get(countries)


def find_figures(
    text: str,
    sentence_spans: list[tuple[int, int]],
    mentions: list[Mention],
    claims: list[Claim],
    anchor: date | None = None,
) -> list[Figure]:
    raws = _raw_figures(text)
    if not raws:
        return []
    lex = load_metric_lexicon()
    refs = _country_refs(text, mentions)
    local_dollar = _local_dollar(text, refs)
    ref_starts = [c.start for c in refs]
    spans = sentence_spans or [(0, len(text))]
    figures: list[Figure] = []
    state = _State()
    si = 0
    for i, r in enumerate(raws):
        while si < len(spans) - 1 and r.start >= spans[si][1]:
            si += 1
        s_start, s_end = spans[si]
        c_start, c_end = _clause(text, r.start, r.end, s_start, s_end)
        same_sentence = state.sentence == si and state.end >= 0
        prev_end = state.end if same_sentence and state.end >= c_start else c_start
        nxt = raws[i + 1].start if i + 1 < len(raws) and raws[i + 1].start < c_end else c_end

        # qualifier (part of the span)
        qm = _QUALIFIER.search(text, max(c_start, r.start - 40), r.start)
        qualifier = next((k for k, _ in _QUALIFIERS if qm.group(k)), None) if qm else None
        if qm and qualifier == "up_to" and qm.group(0)[:2].casefold() == "up" \
                and _MOTION_BEFORE.search(text, max(c_start, qm.start() - 16), qm.start()):
            qm, qualifier = None, None  # "edges up to 3.8%", "rose up to": the level reached, not a ceiling
        start = qm.start() if qm and qualifier in _SPAN_QUALIFIERS else r.start

        # change and sign
        evidence: tuple[str, int] | None = None
        if r.kind in ("percent", "points"):
            prev = state.change if state.change is not None and state.change[0] >= c_start else None
            evidence = _change_evidence(text, r.start, r.end, r.value, c_start, c_end, prev)
            # "left its interest rate unchanged at -0.1%": a negative rate or yield is a level
            signed_level = bool(r.sign) and evidence is None and _LEVEL_BEFORE.search(
                text, max(c_start, r.start - _NEAR), r.start) is not None and _RATE_WORD.search(text, c_start, r.start) is not None
            if r.sign and evidence is None and not signed_level:
                evidence = ("strong", r.sign)
            is_change = evidence is not None
        else:
            signed_level = False
            is_change = _money_change(text, r.start, r.end, c_start)
        direction = evidence[1] if evidence else 1
        if r.sign:
            direction = r.sign

        # metric
        tail = state.tail if same_sentence and c_start <= state.tail <= start else prev_end
        subj_lo = max(_subject_start(text, c_start, start), tail if tail <= start else c_start)
        if re.match(r"\s*[a-z]+ing\b", text[subj_lo:start]) and subj_lo > c_start:
            # "a major gain for shares, climbing more than 80%": the participle's subject is before the comma
            subj_lo = max(_subject_start(text, c_start, subj_lo - 1), prev_end if prev_end <= start else c_start)
        coordinated = same_sentence and r.start - state.end <= 90 and not re.search(r"[;.]\s", text[state.end : r.start])
        anaphoric = (
            not coordinated
            and state.end >= 0
            and state.sentence in (si, si - 1)
            and state.kind == _lexicon_kind(r.kind)
            and _ANAPHORIC_SUBJECT.search(text, subj_lo, start) is not None
        )
        inherit = _inherited(text, lex, state, _lexicon_kind(r.kind)) if coordinated or anaphoric else None
        conversion = same_sentence and re.fullmatch(r"\s*\(\s*", text[state.end : start]) is not None
        if conversion and inherit and re.match(r"\s*\)", text[r.end : r.end + 3]):
            typed = _Typed(inherit, inherit, "inherited")  # "£4 billion ($4.9 billion)": one amount, two currencies
        else:
            typed = _type_metric(text, r, lex, c_start, c_end, subj_lo, is_change, inherit)
        if (
            is_change
            and typed.how == "head"
            and typed.cue is not None
            and r.kind in ("percent", "points")
            and not _CHANGE_AFTER.match(text[r.end : c_end])
        ):
            # "drops 30 percent tax", "raised a 5% stake": the verb governs the noun phrase, the figure is its level
            is_change, evidence, direction = False, None, 1
        metric = _refine_metric(typed, r, lex, text, c_start, c_end, is_change)
        if signed_level and not (lex.info.get(metric) or lex.info["other"]).negative_level:
            # only a rate whose level may be below zero is read so; a signed number of anything else is a move
            signed_level, is_change, evidence, direction = False, True, ("strong", r.sign), r.sign
            typed = _type_metric(text, r, lex, c_start, c_end, subj_lo, is_change, inherit)
            metric = _refine_metric(typed, r, lex, text, c_start, c_end, is_change)
        value = r.value
        value_high = r.value_high
        if r.kind in ("percent", "points") and signed_level and r.sign < 0:
            value = -value
        if is_change and r.kind in ("percent", "points") and direction < 0 and r.value <= 100:
            # (nothing falls by more than all of it: "down 150%" keeps its magnitude)
            value, value_high = -value, (-value_high if value_high is not None else None)
            if value_high is not None:
                value, value_high = value_high, value

        # parties
        info = lex.info.get(metric) or lex.info["other"]
        parties = _parties(
            text, r, refs, ref_starts, c_start, c_end, subj_lo, info.parties_from, metric, typed.cue_start, nxt, spans, si,
        )
        if typed.how == "inherited" and conversion and state.parties:
            parties = list(state.parties)  # "7.7 billion Swiss francs ($8.81 billion)": the same amount
        if not parties and coordinated and state.parties and (
            typed.how in ("inherited", "default", "context") or metric == state.metric
        ):
            parties = list(state.parties)  # "$9.1 billion in 2018, down from $19.5 billion the year before"
        issuer = _CURRENCY_ISSUER.get(local_dollar if local_dollar and r.unit == "USD" and text[r.start] == "$" else r.unit)
        if not parties and issuer and info.parties_from == "clause" and r.kind == "money":
            parties = [(issuer, "subject", None)]  # "the commission spent A$900,000": Australia's money
        codes = sorted({c for c, _, _ in parties if c})
        groups = [k for _, _, k in parties if k]
        roles_by_code: dict[str, str] = {}
        for c, role, _ in parties:
            if c and (roles_by_code.get(c) != "subject"):
                roles_by_code[c] = role
        party_keys = [f"country-{c.casefold()}" for c in codes] + groups
        party_roles = [roles_by_code[c] for c in codes] + ["subject"] * len(groups)
        scope = party_scope(len(codes), bool(groups))
        if scope is None and (_GLOBAL.search(text, subj_lo, start) or _GLOBAL.match(text, r.end + 1)):
            scope = "global"  # "global oil demand rose by ...", "world trade"

        per = r.per
        if per is None and r.kind in ("money", "quantity"):
            rate = _RATE_BEFORE.search(text, max(c_start, r.start - 60), r.start)
            if rate:
                per = _RATE_ADJECTIVES[rate.group("adj").casefold()]  # "an average daily production of 3 million barrels"

        # period
        years_before = [int(y) for y in re.findall(rf"\b({_YEAR})\b", text[s_start : r.start])]
        future = bool(_FUTURE.search(text, c_start, c_end)) or metric == "trade_target"
        period = _find_period(
            text, prev_end if prev_end <= r.start else c_start, nxt, r.start, r.end, anchor,
            codes[0] if len(codes) == 1 else (next((c for c, role, _ in parties if role == "subject"), None)),
            future, per == "year", years_before, is_change,
        )

        if period is not None and period.end is not None and period.end.year > (anchor or date.today()).year + _MAX_YEARS_AHEAD:
            period = None  # "by 2099": no period anyone can check
        speaker = next((c.speaker for c in claims if c.start <= r.start and r.end <= c.end + 1), None)
        confidence = {
            "head": 0.85, "of": 0.85, "verb": 0.85, "complement": 0.85, "subject": 0.8, "inherited": 0.75, "context": 0.7,
        }.get(typed.how, 0.6)  # fmt: skip
        unit = r.unit
        if local_dollar and unit == "USD" and text[r.start] == "$" and not text[max(0, r.start - 1) : r.start].isalpha():
            unit = local_dollar  # a bare "$" in a text about Australia is the Australian dollar
        if r.kind == "quantity" and per in _TIME_PERS:
            unit = f"{r.unit}_per_{per}"
        figures.append(
            Figure(
                start,
                r.end,
                text[start : r.end],
                metric,
                value,
                unit,
                qualifier,
                period.text if period else None,
                period.start if period else None,
                period.end if period else None,
                speaker,
                codes,
                confidence,
                value_high=value_high,
                per=per,
                is_change=is_change,
                scope=scope,
                party_keys=party_keys,
                party_roles=party_roles,
                period_precision=period.precision if period else None,
            )
        )
        if len(figures) >= 2 and figures[-2].is_change and figures[-2].unit == "percent" and figures[-2].period_end \
                and figures[-1].period_start is None and figures[-1].period_end is None \
                and re.fullmatch(r"\s+to\s+", text[figures[-2].end : figures[-1].start]):
            # "third-quarter revenue rose 5% to $2 billion": the level the change reached, of the same period
            a, b = figures[-2], figures[-1]
            b.period_text, b.period_start, b.period_end, b.period_precision = (
                a.period_text, a.period_start, a.period_end, a.period_precision)
        inherited = typed.how == "inherited"
        comp = _complement(text, r.end, c_end)
        state = _State(
            r.end, comp[2] if comp else r.end, si, (typed.cue or state.cue) if inherited else typed.cue, metric,
            state.cue_start if inherited else typed.cue_start, _lexicon_kind(r.kind), parties,
            (r.end, evidence[0], direction) if evidence else None,
        )
    return figures


_ANAPHORIC_SUBJECT = re.compile(r"\b(?:it|they|this|that|these|those|the\s+(?:figure|number|rate|level|amount|sum))\b", re.I)


def _inherited(text: str, lex: MetricLexicon, state: _State, kind: str) -> str | None:
    """The metric a figure of unit kind `kind` takes from the figure before it: the same metric for the
    same kind ("£4 billion ($4.9 billion)"), else its cue word re-read ("shares closed at $185.25, up
    0.35%": price, then market_move)."""
    if state.metric is None:
        return None
    if kind == state.kind and state.metric not in ("other", "share", "growth_rate"):
        return state.metric
    if state.cue_start >= 0:
        m = lex.nouns[kind].match(text, state.cue_start) or lex.verbs[kind].match(text, state.cue_start)
        if m and (metric := metric_of(m)):
            return metric
    info = lex.info.get(state.metric)
    if info is not None and kind in info.units and state.metric not in ("other", "share", "growth_rate"):
        return state.metric
    return None


def _parties(
    text: str,
    r: _Raw,
    refs: list[_Country],
    ref_starts: list[int],
    c_start: int,
    c_end: int,
    subj_lo: int,
    parties_from: str,
    metric: str,
    cue_start: int,
    nxt: int,
    spans: list[tuple[int, int]],
    si: int,
) -> list[tuple[str, str, str | None]]:
    """(ISO code or "", role, group actor key or None) of the figure's parties."""
    out: list[tuple[str, str, str | None]] = []
    lo = bisect.bisect_left(ref_starts, c_start)
    hi = bisect.bisect_left(ref_starts, c_end)
    for ref in refs[lo:hi]:
        if r.start <= ref.start < r.end:
            continue  # "7.7 billion Swiss francs": the currency's adjective
        before = text[max(c_start, ref.start - 30) : ref.start]
        rel = _RELATIONAL_BEFORE.search(before)
        prep = (rel.group("prep") or "").casefold() if rel else ""
        if ref.start >= r.end:
            if ref.start >= nxt and nxt < c_end:
                continue  # belongs to the next figure
            if parties_from == "attached":
                comp_end = min(c_end, r.end + 90)
                if ref.start > comp_end or not re.match(r"\s+(?:of|in|for|from|to|on)\b", text[r.end : r.end + 6]):
                    continue
            if rel is None or _IDIOM_PREPOSITION.search(before):
                continue  # "a deal ... to deter Russia", "in response to Russia's war": not the figure's complement
            if ref.start - r.end > (60 if prep in _NEAR_PREPS else 150):
                continue  # "... in response to the invasion of Ukraine": another phrase's complement
        else:
            if parties_from == "attached" and ref.start < subj_lo:
                continue
            if ref.source == "group" and ref.start < subj_lo:
                continue
        if parties_from == "attached" and _LOCATIVE_BEFORE.search(before) and not _cue_located(text, cue_start, ref.start, r.start):
            continue
        if ref.source in ("person", "organization") and parties_from == "attached":
            continue
        if ref.source in _NO_PARTY_SOURCES.get(metric, ()):
            continue  # "<Firm> fined $N", "<Firm> invested $N": a company's or a person's money, not its country's
        if ref.source == "organization" and _org_only_states(text, ref, r.start):
            continue  # "<Bank> expects <country's> rates to peak at N%": the forecaster is no party of the figure
        if ref.source == "demonym" and parties_from == "attached" and _FIRM_AFTER.match(text, ref.end):
            continue  # "the <demonym> carmaker's shares fell N%": a company's figure, not the country's
        role = "partner" if prep in _PARTNER_PREPS and not _is_between(text, c_start, ref.start) else "subject"
        if ref.source == "group":
            attached = text.startswith(("'s", "’s"), ref.end) or (
                ref.end < cue_start and text[ref.end : cue_start].strip(" +") == ""
            )
            if parties_from == "clause" and attached and ref.start >= subj_lo:
                out.append(("", "subject", ref.key))
            continue
        out.append((ref.code, role, None))
    if metric == "national_currency_share":
        for m in _CURRENCY_NAMES.finditer(text, c_start, c_end):
            out.append((_CURRENCY_COUNTRY[m.group(1).casefold()], "subject", None))
    codes = {c for c, _, _ in out if c}
    if len(codes) < 2 and parties_from == "clause" and _ANAPHORA.search(text, c_start, c_end):
        for code in _salient_countries(refs, ref_starts, spans, si, c_start):
            if len(codes) >= 2:
                break
            if code not in codes:
                codes.add(code)
                out.append((code, "subject", None))
    if not codes and parties_from == "clause" and metric != "penalty":
        focus = _focus_country(refs, headline_end=spans[0][1])
        if focus:
            out.append((focus, "subject", None))  # an economy figure in a text about one country
    return out


# Metrics that are mostly a company's or a person's money: the gazetteer country of a named firm or person
# in the clause is no party (GUIDELINES: a company's figure has its country only when the text says it),
# nor, for a penalty, is the country the text is about; a country named in the clause still is.
_NO_PARTY_SOURCES: dict[str, tuple[str, ...]] = {"penalty": ("person", "organization"), "investment": ("organization",)}

# Countries whose own currency is written with a bare "$" in their press.
_LOCAL_DOLLARS = {country: cur for cur, country in _DOLLAR_ISSUERS.items()}


def _focus_country(refs: list[_Country], demonyms: bool = False, headline_end: int = -1) -> str | None:
    """The country a text is about: at least two references, and two thirds of all country references
    (with `demonyms`, "Australian households" count too: for the currency a text writes in). Given the
    end of the headline (the first sentence), also the one country a text names at all, when its
    headline names it: "<Country> inflation eases as …" says what the text is about, even once."""
    counts = Counter(r.code for r in refs if r.code and (demonyms or r.source != "demonym"))
    if counts:
        code, n = counts.most_common(1)[0]
        if n >= 2 and n * 3 >= 2 * sum(counts.values()):
            return code
    named = {r.code for r in refs if r.code}
    if len(named) == 1 and any(r.code and r.start < headline_end for r in refs):
        return named.pop()
    return None


_FIRM_AFTER = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,2}(?:company|companies|firm|firms|group|maker|makers|giant|giants|conglomerate|lender"
    r"|lenders|carrier|airline|insurer|retailer|start-?up|automaker|carmaker|chipmaker|manufacturer|producer|developer"
    r"|publisher|brand|corporation|multinational)\b"
)


# an organization that states or forecasts the figure ("<Bank> warns …", "<Agency> said …")
_SPEAKER_AFTER = re.compile(
    r"(?:['’]s\s+[\w-]+)?(?:\s*\([^()]{1,40}\))?(?:,[^,]{1,60},)?\s+(?:\w+ly\s+)?(?:says?|said|warns?|warned|expects?|expected|predicts?|predicted"
    r"|forecasts?|estimates?|estimated|projects?|projected|sees|believes?|reported|reports|told|notes|noted|cautions?|cautioned)\b",
    re.I,
)
_SELF_REFERENCE = re.compile(r"\b(?:it|its|we|our|us)\b", re.I)


def _org_only_states(text: str, ref: _Country, f_start: int) -> bool:
    """An organization that states or forecasts the figure without being its owner: "<Bank> expects
    <country's> rates to peak at N%" (not "<Agency> said it had $N": the pronoun makes it its own)."""
    m = _SPEAKER_AFTER.match(text, ref.end)
    return m is not None and m.end() <= f_start and not _SELF_REFERENCE.search(text, m.end(), f_start)


_CUE_IN = re.compile(r"[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:in|at|across)\s+(?:the\s+)?", re.I)


def _cue_located(text: str, cue_start: int, ref_start: int, f_start: int) -> bool:
    """The figure's own noun placed in the country, before the figure: "rents in <country> rose 6%",
    "prices at <country> stores were 4% higher" (not "shares rose 3% in <country>")."""
    return 0 <= cue_start < ref_start < f_start and _CUE_IN.fullmatch(text, cue_start, ref_start) is not None


def _is_between(text: str, c_start: int, pos: int) -> bool:
    return bool(re.search(r"\bbetween\b[^,;]{0,60}$", text[max(c_start, pos - 70) : pos], re.I))


def _salient_countries(
    refs: list[_Country], ref_starts: list[int], spans: list[tuple[int, int]], si: int, c_start: int
) -> list[str]:
    """The most-named countries of the sentences before (and of this one up to the clause), most first."""
    first = max(0, si - _LOOKBACK_SENTENCES)
    lo_pos = max(spans[first][0], c_start - _LOOKBACK_CHARS)
    lo = bisect.bisect_left(ref_starts, lo_pos)
    hi = bisect.bisect_left(ref_starts, c_start)
    counts: Counter[str] = Counter()
    last: dict[str, int] = {}
    for ref in refs[lo:hi]:
        if ref.code:
            counts[ref.code] += 1 if ref.source != "demonym" else 0.5  # type: ignore[assignment]
            last[ref.code] = ref.start
    return [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], -last[kv[0]]))]
