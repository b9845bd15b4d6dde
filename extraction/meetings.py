"""Meetings: visits, talks, calls, summits and signing ceremonies — participants (≥ 2 actors, or a
visitor and the host country of the place visited), location, date, type, and held vs planned."""

from __future__ import annotations

import re
from datetime import date, timedelta

from extraction.dates import find_dates
from extraction.gazetteer import Gazetteer, Places
from extraction.model import Agreement, Meeting, Mention, Participant, Sentences

# Trigger → meeting type; the first type found in priority order wins.
_TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    (
        "signing",
        # Signed, not "to sign": a signing planned during a visit makes the visit the meeting.
        re.compile(r"\b(?:signed|signs)\b(?![\s-]+up\b)|\bsigning\s+(?:ceremony|of)\b|\binked\b", re.I),
    ),
    (
        "call",
        re.compile(
            r"\b(?:phone|telephone|video)\s+(?:call|conversation|talks?)\b|\b(?:spoke|speak|talked)\s+(?:by\s+(?:tele)?phone|on\s+the\s+(?:tele)?phone)\b|\bphoned\b",
            re.I,
        ),
    ),
    ("summit", re.compile(r"\bsummit\b", re.I)),
    (
        "visit",
        re.compile(
            r"\b(?:visit(?:s|ed|ing)?|trip|tour|arriv(?:ed|es|ing|e)\s+in|lands?\s+in|landed\s+in|(?:is|are|was|were)\s+coming\s+to|"
            r"travel(?:s|ed|led|ing)?\s+to|received\s+by|hosted|hosts|welcomed)\b",
            re.I,
        ),
    ),
    (
        "talks",
        re.compile(r"\b(?:[Tt]alks(?!\s+about)|[Nn]egotiations|[Cc]onsultations|[Pp]ress\s+conference)\b"),
    ),
    # Lower-case only: "Met" is also the Metropolitan Police.
    ("meeting", re.compile(r"\b(?:met|meet(?:s|ing)?|Meeting|Meets?|sit-down|[Ss]ession|encounter)\b")),
]
_HELD_VERB = re.compile(
    r"\b(?:met|visited|held|arrived|landed|signed|attended|was\s+received|were\s+received|hosted|took\s+place|came|inked|spoke|phoned|lands)\b",
    re.I,
)
_PLANNED = re.compile(
    r"\b(?:will|shall|(?-i:may)|might|could|would|is\s+set\s+to|are\s+set\s+to|set\s+to|is\s+due\s+to|are\s+due\s+to|is\s+expected\s+to|are\s+expected\s+to|plans?\s+to|"
    r"planned|planning|scheduled|upcoming|forthcoming|next\s+week|next\s+month|eager(?:ness)?\s+to|wants?\s+to|hopes?\s+to|"
    r"(?:is|are)\s+coming|to\s+(?:visit|meet|hold|sign|travel))\b",
    re.I,
)
_COUNTRIES_MEET = re.compile(
    r"\b(?:held|hold|holds|holding|will\s+hold|to\s+hold|met|meet|meets)\s+(?:(?:a|an|the)\s+)?(?:\w+\s+){0,5}?"
    r"(?:talks|meeting|meetings|consultations|negotiations|summit|round)\b|\b(?:met|meet|meets)\s+(?:with\s+)?[A-Z]",
    re.I,
)
_LOCATION = re.compile(
    r"\b(?:in|to|at|visit(?:s|ed|ing)?)\s+(?P<loc>(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?)"
)


def _location(
    sentence: str, s_start: int, places: Places, gazetteer: Gazetteer
) -> tuple[str | None, str | None, int | None]:
    """(name, country code, offset) of the first place the sentence puts the event in or at."""
    for lm in _LOCATION.finditer(sentence):
        loc = lm.group("loc")
        bare = re.sub(r"^the\s+", "", loc)
        for cand in (bare, bare.split()[0]):
            place = places.by_name.get(cand)
            if place and place.kind != "demonym":
                return cand, place.country_code, s_start + lm.start("loc")
            actor = gazetteer.by_alias(cand)
            if actor and actor.actor_type == "country":
                return actor.canonical_name, actor.country_code, s_start + lm.start("loc")
            if (
                actor
                and actor.actor_type == "organization"
                and actor.country_code
                and re.match(r"\b(?:at|in)\b", lm.group(0))
            ):
                return actor.canonical_name, actor.country_code, s_start + lm.start("loc")
    return None, None, None


def find_meetings(
    text: str,
    sentences: Sentences,
    mentions: list[Mention],
    agreements: list[Agreement],
    gazetteer: Gazetteer,
    places: Places,
    anchor: date | None,
) -> list[Meeting]:
    meetings: list[Meeting] = []
    dateline = None
    if sentences.spans:
        d_start, d_end = sentences.spans[0]
        first = text[d_start:d_end]
        found = [
            d
            for d in find_dates(first, anchor)
            if d.value is not None and not d.relative and d.precision == "day"
        ]
        if found and len(first.split()) <= 8:
            dateline = found[0]
    for s_start, s_end in sentences.spans:
        sentence = text[s_start:s_end]
        triggers = [(mtype, m) for mtype, pat in _TRIGGERS for m in pat.finditer(sentence)]
        if not triggers:
            continue
        in_sentence = [m for m in mentions if s_start <= m.start < s_end]
        people: dict[str, Mention] = {}
        for m in in_sentence:
            header = not text[s_start : m.start].strip() and re.match(r"\s*:", text[m.end : m.end + 2])
            if m.actor_type == "person" and not header:
                people.setdefault(m.identity, m)
        loc_name, loc_code, loc_at = _location(sentence, s_start, places, gazetteer)
        participants: list[Participant] = []
        if people:
            for m in people.values():
                participants.append(
                    Participant(m.actor_key, m.actor_name, m.actor_type, "participant", m.start, m.end)
                )
        else:
            # Countries or organizations meeting as such ("Iran and the United States held talks").
            seen: set[str] = set()
            for m in in_sentence:
                if m.actor_type == "country" and (
                    re.search(r"(?:anti|pro)-$", text[max(0, m.start - 5) : m.start])
                    or re.match(r"(?:'s|’s)\s+[A-Z]", text[m.end : m.end + 4])
                ):
                    continue  # a modifier ("Lebanon's Hezbollah", "anti-Israel"), not a party to the meeting
                if (
                    m.actor_type in ("country", "organization")
                    and m.identity not in seen
                    and m.start != loc_at
                ):
                    if (
                        loc_code
                        and m.country_code == loc_code
                        and m.actor_type == "country"
                        and loc_at is not None
                        and abs(m.start - loc_at) < 3
                    ):
                        continue
                    seen.add(m.identity)
                    participants.append(
                        Participant(m.actor_key, m.actor_name, m.actor_type, "participant", m.start, m.end)
                    )
        # A past signing makes a signing; otherwise the first trigger in the sentence names the event.
        mtype = "signing" if triggers[0][0] == "signing" else min(triggers, key=lambda t: t[1].start())[0]
        visit_like = mtype in ("visit", "signing", "talks", "meeting", "summit")
        if len(participants) == 1 and loc_code and visit_like and participants[0].actor_type == "person":
            host = gazetteer.country(loc_code)
            if host and participants[0].identity != host.actor_id:
                participants[0].role = "visitor"
                participants.append(
                    Participant(host.actor_id, host.canonical_name, "country", "host", None, None)
                )
        if len(participants) < 2:
            continue
        if not people and not _COUNTRIES_MEET.search(sentence):
            continue  # countries meet only as the subject of a meeting verb ("X and Y held talks")
        first_trigger = min(m.start() for _, m in triggers)
        planned = bool(_PLANNED.search(sentence)) and not _HELD_VERB.search(sentence[first_trigger:])
        if mtype == "visit" and re.search(r"\b(?:to|will)\s+visit\b|\bis\s+coming\s+to\b", sentence, re.I):
            planned = True
        status = "planned" if planned else "held"
        dates = [d for d in find_dates(sentence, anchor, future=planned)]
        dated = [d for d in dates if d.precision != "year" or d.value is None]
        best = min(dated, key=lambda d: abs(d.start - first_trigger)) if dated else None
        if best is None and dateline is not None:
            best = dateline  # "Kazan, 22 October 2024." — the dateline dates the report's events
        if status == "held" and anchor is not None and best is not None and best.value is not None \
                and best.value > anchor + timedelta(days=1):
            status = "planned"  # a report cannot tell of a meeting held after it was published
        agreement_index = None
        if mtype == "signing":
            hits = [a for a in agreements if any(s_start <= ms < s_end for ms, _ in a.mentions)]
            if hits:
                agreement_index = hits[0].index
        conf = 0.8 if people else 0.65
        meetings.append(
            Meeting(
                s_start,
                s_end,
                mtype,
                status,
                best.value if best else None,
                best.precision if best and best.value else "unknown",
                best.text if best else None,
                loc_name,
                loc_code,
                participants,
                agreement_index,
                conf,
            )
        )
    return meetings
