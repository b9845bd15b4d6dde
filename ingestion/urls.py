"""URL forms, owned here for the whole project (dbt calls `comparable_url` as `osint_url_comparable`).

- `canonical_url`: the URL a connector fetches and identifies a web document by: fragment and
  tracking parameters (utm_*, fbclid, gclid) dropped, scheme and host lowercased.
- `comparable_url`: the key two references to one page are matched by: the canonical URL without
  scheme, `www.`/`m.`, trailing slashes, fragment and tracking query, lowercased, and a Telegram
  web-preview link (`t.me/s/<channel>/<id>`) folded onto the post link (`t.me/<channel>/<id>`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

TRACKING_PARAMETERS = ("utm_", "fbclid=", "gclid=")

_SCHEME = re.compile(r"^[a-zA-Z]+://")
_MOBILE_OR_WWW = re.compile(r"^(?:www\.|m\.)")
_TELEGRAM_PREVIEW = re.compile(r"^(?:t\.me|telegram\.me)/s/")
_TAIL = re.compile(r"(?:#.*$)|(?:/+$)|(?:\?utm_[^#]*$)")


def canonical_url(url: str) -> str:
    """Drop the fragment and tracking parameters so one article is one document."""
    parts = urlsplit(url.strip())
    query = "&".join(q for q in parts.query.split("&") if q and not q.lower().startswith(TRACKING_PARAMETERS))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def comparable_url(url: str | None) -> str | None:
    """The matching key of a URL (None for an empty one); see the module docstring."""
    if url is None:
        return None
    try:
        url = canonical_url(url)
    except ValueError:  # not parseable as a URL (a stray bracket): compare its text form
        url = url.strip()
    key = _MOBILE_OR_WWW.sub("", _SCHEME.sub("", url).lower())
    key = _TAIL.sub("", _TELEGRAM_PREVIEW.sub("t.me/", key))
    return key or None
