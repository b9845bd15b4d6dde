"""Dates in text: absolute ("January 17, 2025", "17 January 2025", "2025-01-17", "March 2023",
"in 2023") and relative to the document's publication time ("on Friday", "yesterday", "this January").
Relative dates without an anchor, and day-month dates without a year or anchor, stay unknown: a date
is never invented."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.casefold(): i for i, d in enumerate(calendar.day_name)}
# Full month and weekday names, capitalized: words of dates, never of names.
CALENDAR_NAMES = (*(m for m in calendar.month_name if m), *calendar.day_name)

# A weekday that is part of a day's name ("Super Tuesday", "Black Friday", "Palm Sunday") is no date: the
# name's first word right before the weekday
_NAMED_DAY_BEFORE = re.compile(
    r"\b(?:Good|Black|Cyber|Super|Ash|Maundy|Holy|Easter|Palm|Bloody|Shrove|Whit|Giving|Mothering|Remembrance)\s$", re.I
)
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b")),
    (
        "mdy",
        re.compile(
            rf"\b{_MONTH}\s+(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<year>(?:19|20)\d\d)\b"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?(?:\s*[–-]\s*(?:[12]?\d|3[01]))?\s+(?:of\s+)?{_MONTH}(?:,\s*|\s+)(?P<year>(?:19|20)\d\d)\b"
        ),
    ),
    ("md", re.compile(rf"\b{_MONTH}\s+(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)")),
    (
        "dm",
        re.compile(
            rf"\b(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!\s*,?\s*(?:19|20)\d\d)"
        ),
    ),
    (
        "rel_month",
        re.compile(
            rf"\b(?P<rel>this|last|next|in|since|until|by|early|late|mid-?)\s+{_MONTH}\b(?!\s+(?:[12]?\d|3[01])\b)(?!\s*,?\s*(?:19|20)\d\d)",
            re.I,
        ),
    ),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b")),
    (
        "weekday",
        re.compile(
            r"\b(?P<rel>on|last|next|this|since|by|until)?\s*(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s|’s)?\b",
            re.I,
        ),
    ),
    ("deictic", re.compile(r"\b(?P<deictic>today|yesterday|tomorrow|tonight)\b", re.I)),
    # "next week", "last month", "this weekend": times found only so that they, not a farther weekday of
    # another clause ("…, an official said Thursday"), date a nearby event — unresolved (a week is no
    # precision; "last month" was as often another clause's as the event's on real news)
    ("rel_period", re.compile(r"\b(?P<prel>next|last|this|coming|past)\s+(?P<period>week|weekend|month)\b", re.I)),
    (
        "year",
        re.compile(
            r"\b(?P<yrel>in|by|since|until|of|during|before|after|from|early|late|mid-?)\s+(?P<year>(?:19|20)\d\d)\b(?![-–]\d)",
            re.I,
        ),
    ),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: date | None
    precision: str  # day | month | year | unknown
    relative: bool


# How far ahead of its report a day-month without a year may be when the report tells of what happened:
# "their call on July 25 focused on trade" in a March report was last July's, not next July's.
PAST_DAY_MONTH_LEAD = timedelta(days=60)


def _nearest_year(month: int, day: int, anchor: date, future: bool = True) -> date | None:
    """Day-month without a year: the candidate year closest to the anchor; unless the text speaks of
    what is ahead (`future`), not more than `PAST_DAY_MONTH_LEAD` after it."""
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if not future and d > anchor + PAST_DAY_MONTH_LEAD:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str, anchor: date | None, future: bool = False) -> list[DateMention]:
    """Every date expression in `text`, resolved against `anchor` (the publication day) if any.

    `future` resolves bare weekdays forward ("will meet on Friday") instead of backward.
    """
    return [d for d in scan_dates(text, _PATTERNS, _resolve, anchor, future, weekday_from_rel=True)
            if not _named_day(text, d)]


def _named_day(text: str, d: DateMention) -> bool:
    """Whether a bare weekday is the end of a day's name ("Super Tuesday")."""
    word = d.text.strip()
    if word.rstrip("'’s").casefold() not in WEEKDAYS:
        return False
    at = d.start + d.text.index(word)
    return _NAMED_DAY_BEFORE.search(text, max(0, at - 12), at) is not None


Resolver = Callable[[str, re.Match[str], date | None, bool], tuple[date | None, str, bool]]


def scan_dates(
    text: str, patterns: list[tuple[str, re.Pattern[str]]], resolve: Resolver, anchor: date | None,
    future: bool = False, weekday_from_rel: bool = False,
) -> list[DateMention]:
    """Every match of a language's date patterns, earlier patterns first and no two overlapping, each
    resolved by that language's `resolve` (the English and the Russian date finders share this)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in patterns:
        for m in pattern.finditer(text):
            s, e = m.span()
            if weekday_from_rel and kind == "weekday" and m.group("rel"):
                s = m.start("rel")
            if any(s < te and ts < e for ts, te in taken):
                continue
            value, precision, relative = resolve(kind, m, anchor, future)
            taken.append((s, e))
            found.append(DateMention(s, e, text[s:e], value, precision, relative))
    return sorted(found, key=lambda d: d.start)


def _resolve(kind: str, m: re.Match[str], anchor: date | None, future: bool) -> tuple[date | None, str, bool]:
    g = m.groupdict()
    month = MONTHS.get((g.get("month") or "").casefold().rstrip("."))
    if kind == "iso":
        return _safe_date(int(g["year"]), int(g["mnum"]), int(g["day"])), "day", False
    if kind in ("mdy", "dmy") and month:
        return _safe_date(int(g["year"]), month, int(g["day"])), "day", False
    if kind in ("md", "dm") and month:
        if anchor is None:
            return None, "unknown", True
        return _nearest_year(month, int(g["day"]), anchor, future), "day", True
    if kind == "my" and month:
        return date(int(g["year"]), month, 1), "month", False
    if kind == "rel_month" and month:
        if anchor is None:
            return None, "unknown", True
        rel = g["rel"].casefold().rstrip("-")
        if rel in ("next", "until", "by") or (future and rel in ("in", "this")):
            year = anchor.year if month > anchor.month else anchor.year + 1
        else:  # this, in, since, last, early, late, mid: the latest such month up to the anchor
            year = (
                anchor.year
                if month < anchor.month or (month == anchor.month and rel != "last")
                else anchor.year - 1
            )
        return date(year, month, 1), "month", True
    if kind == "weekday":
        if anchor is None:
            return None, "unknown", True
        target = WEEKDAYS[g["weekday"].casefold()]
        rel = (g.get("rel") or "").casefold()
        if rel == "next" or (future and rel != "last"):
            delta = (target - anchor.weekday()) % 7 or 7
            return anchor + timedelta(days=delta), "day", True
        delta = (anchor.weekday() - target) % 7
        if rel == "last" and delta == 0:
            delta = 7
        return anchor - timedelta(days=delta), "day", True
    if kind == "deictic":
        if anchor is None:
            return None, "unknown", True
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g["deictic"].casefold()]
        return anchor + timedelta(days=offset), "day", True
    if kind == "year":
        return date(int(g["year"]), 1, 1), "year", False
    return None, "unknown", True
