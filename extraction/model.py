"""What extraction produces for one document, before it becomes raw.ann_* rows.

Offsets are 0-based character offsets into the document body, end exclusive.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class DocumentInput:
    doc_id: str
    body: str
    published_at: datetime | None = None
    language: str | None = None
    outlet: str | None = None  # the publisher (raw.documents.outlet): naming itself is not a citation

    @property
    def anchor(self) -> date | None:
        return self.published_at.date() if self.published_at else None


class Sentences:
    """Sentence spans of a body, with offset → sentence index lookup."""

    __slots__ = ("_starts", "spans")

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def index_of(self, offset: int) -> int:
        if not self.spans:
            return 0
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def __len__(self) -> int:
        return len(self.spans)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    actor_key: str | None
    actor_name: str
    actor_type: str  # person | country | organization
    country_code: str | None
    method: str  # gazetteer | alias | ner | role | surname | coreference | pattern
    confidence: float

    @property
    def identity(self) -> str:
        """Same real-world actor ⇔ same identity (gazetteer id, or the type and name of a new actor)."""
        return self.actor_key or f"new:{self.actor_type}:{self.actor_name}"


@dataclass(slots=True)
class Citation:
    start: int
    end: int
    text: str
    citation_type: str  # url | telegram | outlet_attribution
    url: str | None
    outlet_key: str | None
    outlet_name: str | None
    confidence: float


@dataclass(slots=True)
class Speaker:
    start: int
    end: int
    text: str
    actor_key: str | None
    name: str
    speaker_type: str  # person | country | organization | outlet | descriptor (an unnamed speaker)
    outlet_key: str | None = None
    role: str | None = None  # who the speaker is, as the text says ("Iran's foreign minister")

    @property
    def identity(self) -> str:
        if self.speaker_type == "outlet":
            return f"outlet:{self.outlet_key or ''}"
        return self.actor_key or f"new:{self.speaker_type}:{self.name}"


@dataclass(slots=True)
class Claim:
    start: int
    end: int
    text: str
    is_direct_quote: bool
    cue: str | None
    speaker: Speaker | None
    confidence: float

    def __post_init__(self) -> None:
        # a span never starts or ends in whitespace (incl. no-break spaces): offsets stay exact for the trimmed text
        lead = len(self.text) - len(self.text.lstrip())
        trail = len(self.text) - len(self.text.rstrip())
        if lead or trail:
            self.start += lead
            self.end -= trail
            self.text = self.text.strip()


@dataclass(slots=True)
class Participant:
    actor_key: str | None
    actor_name: str
    actor_type: str
    role: str  # visitor | host | participant
    start: int | None
    end: int | None

    @property
    def identity(self) -> str:
        return self.actor_key or f"new:{self.actor_type}:{self.actor_name}"


@dataclass(slots=True)
class Agreement:
    index: int
    start: int
    end: int
    name: str
    agreement_type: str
    status: str = "unknown"
    signed_date: date | None = None
    date_precision: str = "unknown"
    duration_years: int | None = None
    article_count: int | None = None
    named: bool = False
    year: int | None = None
    confidence: float = 0.7
    mentions: list[tuple[int, int]] = field(default_factory=list)
    parties: dict[str, Mention] = field(default_factory=dict)
    parties_named: bool = False  # the parties come from the agreement's own phrase, not its sentence
    # what a generically named agreement is about, from its own phrase ("to normalise ties" of "a deal"): shown
    # after its name, not part of the name that tells it from another
    topic: str | None = None


@dataclass(slots=True)
class Meeting:
    start: int
    end: int
    meeting_type: str
    status: str
    meeting_date: date | None
    date_precision: str
    date_text: str | None
    location_name: str | None
    location_country_code: str | None
    participants: list[Participant]
    agreement_index: int | None
    confidence: float


@dataclass(slots=True)
class Figure:
    start: int
    end: int
    text: str
    metric: str
    value: float
    unit: str
    qualifier: str | None
    period_text: str | None
    period_start: date | None
    period_end: date | None
    speaker: Speaker | None
    parties: list[str]  # ISO 3166-1 alpha-3 codes of the country parties, sorted
    confidence: float
    value_high: float | None = None  # a range's high end ("$4–5 billion": value 4e9, value_high 5e9)
    per: str | None = None  # denominator of a rate: day, month, year, share, barrel, ounce, tonne, person, ...
    is_change: bool = False  # a change of the metric ("fell 3%" → -3), not a level
    scope: str | None = None  # bilateral | unilateral | multilateral | global | None (not about countries)
    party_keys: list[str] = field(default_factory=list)  # actor keys of the parties (country-xxx, group orgs)
    party_roles: list[str] = field(default_factory=list)  # role of each party_keys entry: subject | partner
    period_precision: str | None = None  # day | month | quarter | half | year | fiscal_year | years


@dataclass(slots=True)
class Extraction:
    doc_id: str
    language: str | None
    sentences: Sentences
    mentions: list[Mention] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
