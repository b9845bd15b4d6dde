"""Timestamps from the many formats sources use, normalized to UTC."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Feeds outside the English-speaking world localize RFC 822 dates ("Seg, 24 Set 2018 19:42:40 -0300").
_LOCAL_MONTHS = {
    "jan": "Jan", "janv": "Jan", "ene": "Jan", "gen": "Jan", "jän": "Jan",
    "fev": "Feb", "fév": "Feb", "févr": "Feb", "feb": "Feb", "febr": "Feb",
    "mar": "Mar", "mars": "Mar", "mär": "Mar", "märz": "Mar",
    "abr": "Apr", "avr": "Apr", "apr": "Apr", "avril": "Apr",
    "mai": "May", "may": "May", "mag": "May", "mayo": "May",
    "jun": "Jun", "juin": "Jun", "giu": "Jun", "juni": "Jun",
    "jul": "Jul", "juil": "Jul", "lug": "Jul", "juli": "Jul",
    "ago": "Aug", "août": "Aug", "aug": "Aug", "aout": "Aug",
    "set": "Sep", "sept": "Sep", "sep": "Sep",
    "out": "Oct", "oct": "Oct", "okt": "Oct", "ott": "Oct",
    "nov": "Nov",
    "dez": "Dec", "déc": "Dec", "dic": "Dec", "dec": "Dec",
}
_LOCAL_RFC822 = re.compile(r"^(?:[^\W\d_]{2,9}\.?,\s*)?(\d{1,2})\s+([^\W\d_]{3,5})\.?\s+(\d{4})\s+(.*)$")


class TimestampOutOfRange(ValueError):
    """A number of unix seconds that is no time at all (infinite, NaN, or beyond years 1–9999)."""


def from_unix_seconds(value: int | float | str) -> datetime:
    """Unix seconds → aware UTC datetime; TimestampOutOfRange for inf, NaN and values beyond years 1–9999."""
    try:
        seconds = float(value)
        if seconds != seconds or seconds in (float("inf"), float("-inf")):
            raise ValueError
        return datetime.fromtimestamp(int(value) if isinstance(value, int | str) else seconds, UTC)
    except (OverflowError, OSError, ValueError):
        shown = str(value) if len(str(value)) <= 40 else str(value)[:40] + "…"
        raise TimestampOutOfRange(f"{shown} is not a valid time (unix seconds must be finite and within years 1-9999)") from None


def parse_timestamp(value: str | int | float | None, strict: bool = False) -> datetime | None:
    """Parse ISO 8601, RFC 822 (RSS), or unix seconds; aware results are converted to UTC.

    Returns a timezone-aware UTC datetime for zoned input and a naive one (taken as UTC) otherwise;
    None when the value is empty or not a date. Unix seconds out of range (1e18, -99999999999999,
    inf) are None too, or TimestampOutOfRange when `strict`, so a caller can quarantine the record.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit() and len(value.strip()) >= 9):
        try:
            return from_unix_seconds(value.strip() if isinstance(value, str) else value)
        except TimestampOutOfRange:
            if strict:
                raise
            return None
    text = str(value).strip()
    if not text:
        return None
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            parsed_local = _parse_localized_rfc822(text)
            if parsed_local is None:
                return None
            parsed = parsed_local
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return parsed


def _parse_localized_rfc822(text: str) -> datetime | None:
    match = _LOCAL_RFC822.match(text)
    if not match:
        return None
    day, month, year, rest = match.groups()
    english = _LOCAL_MONTHS.get(month.casefold())
    if english is None:
        return None
    try:
        return parsedate_to_datetime(f"{day} {english} {year} {rest}")
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
