"""Timestamps from the many formats sources use, normalized to UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_timestamp(value: str | int | float | None) -> datetime | None:
    """Parse ISO 8601, RFC 822 (RSS), or unix seconds; aware results are converted to UTC.

    Returns a timezone-aware UTC datetime for zoned input and a naive one (taken as UTC) otherwise;
    None when the value is empty or not a date.
    """
    if value is None:
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(float(value), UTC)
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit() and len(text) >= 9:
        return datetime.fromtimestamp(int(text), UTC)
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return parsed
