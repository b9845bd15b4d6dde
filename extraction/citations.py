"""Sources a document cites: URLs, Telegram posts (t.me/<handle>/<id>) and outlets named in an
attribution ("according to RIA Novosti", "told ISNA", "state media reported")."""

from __future__ import annotations

import re

from extraction.gazetteer import Places
from extraction.model import Citation
from extraction.outlets import OutletRegistry

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”()\[\]]+|(?<![\w@/.])t\.me/[A-Za-z0-9_]{3,}(?:/\d+)?", re.I)
_TELEGRAM = re.compile(
    r"(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me)/(?:s/)?(?P<handle>[A-Za-z0-9_]{3,})(?:/(?P<post>\d+))?",
    re.I,
)
# Cues that make a named outlet a cited source rather than a topic.
_BEFORE = re.compile(
    r"(?:according to|told|cited by|citing|quoted by|quoting|reported by|interview with|interviewed by|speaking to|"
    r"said to|in remarks to|published by|broadcast by|carried by|via|from|per)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,5}$",
    re.I,
)
_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:reporting|report|reports|reported|said|says|quoted|cited|framed|wrote|writes|claimed|claims|"
    r"flagged|added|adds|captured|published|noted|stated|announced|warned|described|posted|aired|carried|"
    r"correspondent|journalist|editor|channel)\b",
    re.I,
)
_STATE_MEDIA = re.compile(
    r"(?:(?P<qual>[A-Z][a-z]+(?:'s|’s)?)\s+)?(?:state|state-run|state-owned|state-controlled|official|semi-official|government-run)\s+"
    r"(?:media|outlets?|news\s+agency|news\s+agencies|television|TV|broadcaster|press|news\s+outlets?)\b"
)
_URL_TRAIL = ".,;:!?)]}»”’'\""


def find_citations(text: str, registry: OutletRegistry, places: Places) -> list[Citation]:
    citations: list[Citation] = []
    url_spans: list[tuple[int, int]] = []
    for m in _URL.finditer(text):
        raw = m.group(0).rstrip(_URL_TRAIL)
        start, end = m.start(), m.start() + len(raw)
        url_spans.append((start, end))
        tg = _TELEGRAM.fullmatch(raw)
        url = raw if "://" in raw else f"https://{raw}"
        if tg:
            outlet = registry.by_handle(tg.group("handle"))
            citations.append(
                Citation(
                    start,
                    end,
                    raw,
                    "telegram",
                    url,
                    outlet.outlet_id if outlet else None,
                    outlet.name if outlet else tg.group("handle"),
                    0.95,
                )
            )
        else:
            outlet = registry.by_url(url)
            citations.append(
                Citation(
                    start,
                    end,
                    raw,
                    "url",
                    url,
                    outlet.outlet_id if outlet else None,
                    outlet.name if outlet else None,
                    0.9,
                )
            )

    def in_url(s: int, e: int) -> bool:
        return any(s < ue and us < e for us, ue in url_spans)

    for s, e, outlet in registry.find_domains(text):
        if not in_url(s, e):
            url_spans.append((s, e))
            citations.append(
                Citation(s, e, text[s:e], "url", f"https://{text[s:e]}", outlet.outlet_id, outlet.name, 0.85)
            )

    named = registry.find_names(text)
    for s, e, outlet in named:
        if in_url(s, e):
            continue
        before = text[max(0, s - 60) : s]
        after = text[e : e + 30]
        if _BEFORE.search(before) or _AFTER.search(after):
            citations.append(
                Citation(s, e, text[s:e], "outlet_attribution", None, outlet.outlet_id, outlet.name, 0.85)
            )
    for m in _STATE_MEDIA.finditer(text):
        s, e = m.span()
        qual = m.group("qual")
        if qual and not (qual.rstrip("'’s") in places.by_name or qual.endswith(("'s", "’s"))):
            s = m.start() + len(qual) + 1  # a sentence-initial word, not a qualifier
        if in_url(s, e):
            continue
        # "the Russian state news agency RIA Novosti": the description of a named outlet, not another source.
        if any(0 <= ns - e <= 3 for ns, _, _ in named):
            continue
        citations.append(Citation(s, e, text[s:e], "outlet_attribution", None, None, text[s:e], 0.7))
    citations.sort(key=lambda c: c.start)
    return citations
