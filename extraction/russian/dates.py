"""Russian date expressions ("17 января 2025 года", "в пятницу", "вчера", "в январе", "в 2024 году"),
resolved against the post's publication day as the English ones are (extraction.dates)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from extraction.dates import DateMention, _nearest_year, _safe_date, scan_dates

MONTHS_RU = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8, "сентябр": 9,
    "октябр": 10, "ноябр": 11, "декабр": 12,
}
WEEKDAYS_RU = {"понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5, "воскресень": 6}
_MONTH = r"(?P<month>январ[яеь]|феврал[яеь]|марта?|марте|апрел[яеь]|ма[яей]|июн[яеь]|июл[яеь]|августа?|августе" \
         r"|сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь])"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b")),
    ("dmy", re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:года|г\.))?", re.I)),
    ("dm", re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\b", re.I)),
    ("my", re.compile(rf"\bв\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:года|г\.))?", re.I)),
    ("rel_month", re.compile(rf"\bв\s+(?P<rel>(?:прошлом|этом|следующем)\s+)?{_MONTH}\b", re.I)),
    ("weekday", re.compile(r"\b(?:в|во)\s+(?P<rel>(?:прошл(?:ый|ую|ое)|следующ(?:ий|ую|ее)|эт(?:от|у|о))\s+)?"
                           r"(?P<weekday>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b", re.I)),
    ("deictic", re.compile(r"\b(?P<deictic>сегодня|вчера|завтра|позавчера)\b", re.I)),
    ("year", re.compile(r"\bв\s+(?P<year>(?:19|20)\d\d)\s+году\b", re.I)),
]


def _month(word: str) -> int | None:
    w = word.casefold()
    for stem, n in sorted(MONTHS_RU.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem):
            return n
    return None


def find_dates_ru(text: str, anchor: date | None, future: bool = False) -> list[DateMention]:
    return scan_dates(text, _PATTERNS, _resolve, anchor, future)


def _resolve(kind: str, m: re.Match[str], anchor: date | None, future: bool) -> tuple[date | None, str, bool]:
    g = m.groupdict()
    if kind == "iso":
        return _safe_date(int(g["year"]), int(g["mnum"]), int(g["day"])), "day", False
    month = _month(g.get("month") or "")
    if kind == "dmy" and month:
        return _safe_date(int(g["year"]), month, int(g["day"])), "day", False
    if kind == "dm" and month:
        return (_nearest_year(month, int(g["day"]), anchor, future), "day", True) if anchor else (None, "unknown", True)
    if kind == "my" and month:
        return date(int(g["year"]), month, 1), "month", False
    if kind == "rel_month" and month:
        if anchor is None:
            return None, "unknown", True
        rel = (g.get("rel") or "").strip().casefold()
        if rel.startswith("следующ") or (future and not rel.startswith("прошл")):
            year = anchor.year if month > anchor.month else anchor.year + 1
        else:
            year = anchor.year if month <= anchor.month and not rel.startswith("прошл") else anchor.year - 1
        return date(year, month, 1), "month", True
    if kind == "weekday":
        if anchor is None:
            return None, "unknown", True
        target = next(n for stem, n in WEEKDAYS_RU.items() if g["weekday"].casefold().startswith(stem))
        rel = (g.get("rel") or "").strip().casefold()
        if rel.startswith("следующ") or (future and not rel.startswith("прошл")):
            return anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7), "day", True
        delta = (anchor.weekday() - target) % 7
        if rel.startswith("прошл") and delta == 0:
            delta = 7
        return anchor - timedelta(days=delta), "day", True
    if kind == "deictic":
        if anchor is None:
            return None, "unknown", True
        offset = {"сегодня": 0, "вчера": -1, "завтра": 1, "позавчера": -2}[g["deictic"].casefold()]
        return anchor + timedelta(days=offset), "day", True
    if kind == "year":
        return date(int(g["year"]), 1, 1), "year", False
    return None, "unknown", True
