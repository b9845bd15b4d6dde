"""`osint report`: the analyst brief, one static HTML page drawn from the published marts.

Four views: meetings on a timeline (undated meetings listed apart, never given a date), the network
of who met whom (held meetings; edge weight = meetings together), trade figures per country pair
over time (one small chart per pair × metric), and the best-graded claims with their Admiralty grade
and evidence links.

Reading and drawing are apart: `read_brief` asks the published file (read-only) and returns plain
dataclasses; `render_html` is a pure function of them, so the page can be tested without a warehouse.
The page is self-contained: inline CSS and SVG, no script, no font, no image, nothing fetched; its
Content-Security-Policy forbids scripts and every fetch. Every value from the data goes through
`_e` (HTML-escaped), and only http(s) URLs become links.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb

from ingestion.errors import OsintError
from osint.query import open_published

DEFAULT_CLAIMS = 25
EVIDENCE_PER_CLAIM = 5
MAX_NETWORK_NODES = 60
MAX_FIGURE_CHARTS = 36
MAX_TIMELINE_LANES = 24
CLAIM_TEXT_CHARS = 600

# Each view draws its marks in colours of its own, so a screenshot test can tell the views apart.
STATUS_COLOURS = {"held": "#2b6cb0", "planned": "#d69e2e", "postponed": "#805ad5", "cancelled": "#c53030"}
OTHER_STATUS_COLOUR = "#718096"
ACTOR_COLOURS = {"person": "#38a169", "country": "#dd6b20", "organization": "#319795"}
OTHER_ACTOR_COLOUR = "#4a5568"
FIGURE_COLOUR = "#d53f8c"
EDGE_COLOUR = "#a0aec0"
CREDIBILITY_COLOURS = {1: "#c6f6d5", 2: "#e6fffa", 3: "#fefcbf", 4: "#feebc8", 5: "#fed7d7", 6: "#edf2f7"}


# --- what the page shows ------------------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    actor_id: str  # 'described:<words>' for a participant the reports describe but do not name (no actor)
    name: str
    actor_type: str | None
    role: str


@dataclass(frozen=True)
class Meeting:
    meeting_id: str
    date: dt.date | None
    date_precision: str
    place: str | None
    country_code: str | None
    meeting_type: str
    status: str
    grade: str
    credibility: int
    source_count: int
    agreement: str | None
    participants: tuple[Participant, ...]


@dataclass(frozen=True)
class Figure:
    figure_id: str
    parties: tuple[tuple[str, str], tuple[str, str]]  # ((actor_id, name), (actor_id, name)), sorted by id
    metric: str
    unit: str
    per: str | None
    is_change: bool
    value: float
    value_high: float | None
    qualifier: str | None
    period_end: dt.date | None
    period_text: str | None
    reported_on: dt.date | None
    grade: str
    credibility: int
    source_text: str
    source_url: str | None


@dataclass(frozen=True)
class Evidence:
    outlet: str
    title: str | None
    url: str | None
    text: str
    reported_at: dt.datetime | None


@dataclass(frozen=True)
class Claim:
    claim_id: str
    speaker: str | None
    speaker_role: str | None
    text: str
    is_direct_quote: bool
    grade: str
    credibility: int
    source_count: int
    outlet_count: int
    independent_origins: int
    first_reported_at: dt.datetime | None
    evidence: tuple[Evidence, ...]
    evidence_total: int


@dataclass(frozen=True)
class Brief:
    meetings: tuple[Meeting, ...]
    figures: tuple[Figure, ...]
    claims: tuple[Claim, ...]
    claim_total: int
    generated_at: dt.datetime
    build_id: str | None = None
    published_at: str | None = None


@dataclass(frozen=True)
class ReportResult:
    path: Path
    meetings: int
    figures: int
    claims: int
    seconds: float


# --- reading the published marts ----------------------------------------------------------------


def read_brief(
    published_db: Path, *, claim_limit: int = DEFAULT_CLAIMS, build_id: str | None = None,
    published_at: str | None = None,
) -> Brief:
    """Read the four views from the published file (opened read-only)."""
    con = open_published(published_db)
    try:
        return Brief(
            meetings=_read_meetings(con),
            figures=_read_figures(con),
            claims=_read_claims(con, claim_limit),
            claim_total=_scalar(con, "select count(*) from fct_claims"),
            generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            build_id=build_id,
            published_at=published_at,
        )
    except duckdb.Error as exc:
        raise OsintError(f"report: cannot read the published marts in {published_db}: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _read_meetings(con: duckdb.DuckDBPyConnection) -> tuple[Meeting, ...]:
    participants: dict[str, list[Participant]] = defaultdict(list)
    for meeting_id, actor_id, name, actor_type, role in con.execute(
        """select p.meeting_id, p.actor_id, coalesce(a.canonical_name, p.actor_id), a.actor_type, p.role
           from bdg_meeting_participants p left join dim_actors a on a.actor_id = p.actor_id
           order by p.meeting_id, case p.role when 'host' then 0 when 'visitor' then 1 else 2 end, 3, p.actor_id"""
    ).fetchall():
        participants[meeting_id].append(Participant(actor_id, name, actor_type, role))
    rows = con.execute(
        """select m.meeting_id, m.meeting_date, m.date_precision, m.location_name, m.location_country_code,
                  m.meeting_type, m.status, m.admiralty_grade, m.credibility, m.source_count, a.name,
                  m.described_participants
           from fct_meetings m left join dim_agreements a on a.agreement_id = m.agreement_id
           order by m.meeting_date nulls last, m.meeting_id"""
    ).fetchall()
    return tuple(
        Meeting(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], int(r[8]), int(r[9]), r[10],
                # named participants, then those the reports only describe ("<Country>'s deputy foreign minister")
                tuple(participants[r[0]]) + tuple(Participant(f"described:{d}", d, "descriptor", "participant") for d in r[11] or ()))
        for r in rows
    )


# Figures about exactly two countries or groups, and the best-graded claims. No query binds a parameter:
# binding one makes duckdb import pandas, which takes longer than the whole report.
_PAIR_FIGURES = """select figure_id from bdg_figure_parties where role in ('subject', 'partner')
                   group by figure_id having count(distinct actor_id) = 2"""
_TOP_CLAIMS = """select claim_id from fct_claims
                 order by credibility, source_reliability, independent_origin_count desc, source_count desc,
                          confidence desc, claim_id
                 limit {limit:d}"""


def _read_figures(con: duckdb.DuckDBPyConnection) -> tuple[Figure, ...]:
    """Figures about exactly two countries or groups (subject/partner roles of bdg_figure_parties)."""
    parties: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for figure_id, actor_id, name in con.execute(
        f"""select p.figure_id, p.actor_id, coalesce(a.canonical_name, p.actor_id)
            from bdg_figure_parties p left join dim_actors a on a.actor_id = p.actor_id
            where p.role in ('subject', 'partner') and p.figure_id in ({_PAIR_FIGURES})"""
    ).fetchall():
        parties[figure_id].add((actor_id, name))
    pairs = {fid: tuple(sorted(ps)) for fid, ps in parties.items()}
    rows = con.execute(
        f"""select figure_id, metric, unit, per, is_change, value, value_high, qualifier, period_end, period_text,
                   cast(first_reported_at as date), admiralty_grade, credibility, source_text, source_url
            from fct_trade_figures
            where figure_id in ({_PAIR_FIGURES})
            order by figure_id"""
    ).fetchall()
    figures = []
    for r in rows:
        pair = pairs[r[0]]
        figures.append(Figure(
            figure_id=r[0], parties=(pair[0], pair[1]), metric=r[1], unit=r[2], per=r[3], is_change=bool(r[4]),
            value=float(r[5]), value_high=None if r[6] is None else float(r[6]), qualifier=r[7], period_end=r[8],
            period_text=r[9], reported_on=r[10], grade=r[11], credibility=int(r[12]), source_text=r[13], source_url=r[14],
        ))
    return tuple(figures)


def _read_claims(con: duckdb.DuckDBPyConnection, limit: int) -> tuple[Claim, ...]:
    """The best-graded claims: credibility, then source reliability, then independent corroboration."""
    top = _TOP_CLAIMS.format(limit=max(int(limit), 0))
    rows = con.execute(
        f"""select c.claim_id, c.speaker_name, c.speaker_role, c.claim_text, c.is_direct_quote, c.admiralty_grade,
                   c.credibility, c.source_count, c.outlet_count, c.independent_origin_count, c.first_reported_at
            from ({top}) top join fct_claims c on c.claim_id = top.claim_id
            order by c.credibility, c.source_reliability, c.independent_origin_count desc, c.source_count desc,
                     c.confidence desc, c.claim_id"""
    ).fetchall()
    if not rows:
        return ()
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    totals: Counter[str] = Counter()
    for claim_id, outlet, title, url, text, reported_at in con.execute(
        f"""select e.fact_id, coalesce(o.name, d.outlet_name, e.outlet_id), d.title, coalesce(d.url, e.source_url),
                   e.evidence_text, e.reported_at
            from fct_evidence e
            left join dim_documents d on d.doc_id = e.doc_id
            left join dim_outlets o on o.outlet_id = e.outlet_id
            where e.fact_type = 'claim' and e.fact_id in ({top})
            order by e.fact_id, e.reported_at nulls last, e.evidence_id"""
    ).fetchall():
        totals[claim_id] += 1
        if len(evidence[claim_id]) < EVIDENCE_PER_CLAIM:
            evidence[claim_id].append(Evidence(outlet, title, url, text or "", reported_at))
    return tuple(
        Claim(
            claim_id=r[0], speaker=r[1], speaker_role=r[2], text=r[3], is_direct_quote=bool(r[4]), grade=r[5],
            credibility=int(r[6]), source_count=int(r[7]), outlet_count=int(r[8]), independent_origins=int(r[9]),
            first_reported_at=r[10], evidence=tuple(evidence[r[0]]), evidence_total=totals[r[0]],
        )
        for r in rows
    )


def write_report(published_db: Path, out: Path, *, claim_limit: int = DEFAULT_CLAIMS, manifest: dict[str, Any] | None = None) -> ReportResult:
    """Read the published marts and write the brief to `out` (atomically: a reader never sees half a page)."""
    started = time.perf_counter()
    current = (manifest or {}).get("current") or {}
    brief = read_brief(
        published_db, claim_limit=claim_limit, build_id=current.get("build_id"),
        published_at=None if current.get("published_at") is None else str(current["published_at"]),
    )
    page = render_html(brief)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        raise OsintError(f"report: cannot write {out}: {exc.strerror or exc}") from None
    return ReportResult(out, len(brief.meetings), len(brief.figures), len(brief.claims), time.perf_counter() - started)


# --- drawing ------------------------------------------------------------------------------------


def _e(value: object) -> str:
    """Any value from the data, escaped for HTML text and attribute values (SVG inline included)."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL (so `javascript:` and the like never become links)."""
    if not url:
        return None
    url = url.strip()
    if any(ord(c) < 0x20 or c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _link(url: str | None, text: str) -> str:
    """A link to the URL with `text` (already escaped), or the text alone when the URL is not http(s)."""
    safe = safe_url(url)
    if safe is None:
        return text
    return f'<a href="{_e(safe)}" rel="noopener noreferrer" target="_blank">{text}</a>'


def _date_label(d: dt.date | None, precision: str | None) -> str:
    if d is None:
        return "undated"
    if precision == "year":
        return f"{d.year}"
    if precision == "month":
        return f"{d.year}-{d.month:02d}"
    return d.isoformat()


def _period_end(d: dt.date, precision: str | None) -> dt.date:
    """The last day a meeting dated `d` with this precision may have been on."""
    if precision == "year":
        return dt.date(d.year, 12, 31)
    if precision == "month":
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return d


def _add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def time_ticks(start: dt.date, end: dt.date, max_ticks: int = 10) -> list[tuple[dt.date, str]]:
    """Round dates between start and end for an axis: days, months or years, at most `max_ticks`."""
    span = (end - start).days
    if span <= 60:
        step = next(s for s in (1, 2, 7, 14, 30) if span / s <= max_ticks)
        return [(start + dt.timedelta(days=i), (start + dt.timedelta(days=i)).isoformat())
                for i in range(0, span + 1, step)]
    months = (end.year - start.year) * 12 + end.month - start.month
    if months <= 36:
        step = next(s for s in (1, 2, 3, 6, 12) if months / s <= max_ticks)
        first = _add_months(start, 0) if start.day == 1 else _add_months(start, 1)
        ticks, d = [], first
        while d <= end:
            ticks.append((d, f"{d.year}-{d.month:02d}"))
            d = _add_months(d, step)
        return ticks
    years = end.year - start.year
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if years / s <= max_ticks), 200)
    first_year = start.year + (start != dt.date(start.year, 1, 1))
    first_year += (-first_year) % step
    return [(dt.date(y, 1, 1), str(y)) for y in range(first_year, end.year + 1, step)]


class _TimeScale:
    def __init__(self, dates: Iterable[dt.date], x0: float, x1: float) -> None:
        ds = sorted(dates)
        start, end = ds[0], ds[-1]
        pad = max(7, (end - start).days // 20)
        self.start, self.end = start - dt.timedelta(days=pad), end + dt.timedelta(days=pad)
        self.x0, self.x1 = x0, x1

    def __call__(self, d: dt.date) -> float:
        span = (self.end - self.start).days or 1
        return self.x0 + (self.x1 - self.x0) * (d - self.start).days / span


def _axis(scale: _TimeScale, y: float, top: float, max_ticks: int) -> list[str]:
    parts = [f'<line x1="{scale.x0:.1f}" y1="{y:.1f}" x2="{scale.x1:.1f}" y2="{y:.1f}" stroke="#4a5568"/>']
    for d, label in time_ticks(scale.start, scale.end, max_ticks):
        x = scale(d)
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#e2e8f0"/>')
        parts.append(f'<text x="{x:.1f}" y="{y + 14:.1f}" class="tick" text-anchor="middle">{_e(label)}</text>')
    return parts


def _participant_names(meeting: Meeting) -> str:
    return ", ".join(p.name + (f" ({p.role})" if p.role != "participant" else "") for p in meeting.participants)


def _grade(grade: str, credibility: int) -> str:
    colour = CREDIBILITY_COLOURS.get(credibility, "#edf2f7")
    return f'<span class="grade" style="background:{colour}">{_e(grade)}</span>'


def _key(colour: str, label: str) -> str:
    """A legend key: a lighter swatch of the marks' colour, so only the charts' marks have it exactly
    (the screenshot test counts those pixels)."""
    return (f'<span class="key"><svg width="12" height="12"><circle cx="6" cy="6" r="6" fill="{colour}" '
            f'fill-opacity="0.6"/></svg> {_e(label)}</span>')


def _empty(text: str) -> str:
    return f'<p class="empty">{_e(text)}</p>'


def render_timeline(meetings: Sequence[Meeting], width: int = 1200) -> str:
    """The dated meetings on a time axis (one mark per meeting, numbered as in the table below it)."""
    dated = [(i, m, m.date) for i, m in enumerate(meetings, 1) if m.date is not None]
    if not dated:
        return ""
    scale = _TimeScale([x for _, m, d in dated for x in (d, _period_end(d, m.date_precision))], 40, width - 40)
    lane_height, lanes_end, crowded = 22, [-1e9], 0
    marks = []
    for number, m, date in dated:
        x0, x1 = scale(date), scale(_period_end(date, m.date_precision))
        label = str(number)
        right = max(x1, x0 + 6) + 4 + 7 * len(label)
        lane = next((k for k, end in enumerate(lanes_end) if end < x0 - 7), None)
        if lane is None and len(lanes_end) < MAX_TIMELINE_LANES:
            lanes_end.append(right)
            lane = len(lanes_end) - 1
        elif lane is None:  # crowded: on top of the lane that frees first
            lane = min(range(len(lanes_end)), key=lambda k: lanes_end[k])
            crowded += 1
        lanes_end[lane] = max(lanes_end[lane], right)
        marks.append((number, m, x0, x1, lane))
    top = 10
    axis_y = top + lane_height * len(lanes_end) + 10
    height = axis_y + 24
    parts = [f'<svg class="chart timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="meetings on a timeline">']
    parts += _axis(scale, axis_y, top, 12)
    for number, m, x0, x1, lane in marks:
        cy = top + lane * lane_height + lane_height / 2
        colour = STATUS_COLOURS.get(m.status, OTHER_STATUS_COLOUR)
        tip = (f"#{number} {_date_label(m.date, m.date_precision)} · {m.status} {m.meeting_type} · "
               f"{_participant_names(m) or 'participants not named'}" + (f" · {m.place}" if m.place else "") + f" · {m.grade}")
        parts.append(f'<g class="meeting"><title>{_e(tip)}</title>')
        if x1 - x0 > 8:  # a month or a year: the whole period the meeting may have been in
            parts.append(f'<rect x="{x0:.1f}" y="{cy - 6:.1f}" width="{x1 - x0:.1f}" height="12" rx="3" fill="{colour}"/>')
        else:
            parts.append(f'<circle cx="{x0:.1f}" cy="{cy:.1f}" r="7" fill="{colour}"/>')
        parts.append(f'<text x="{max(x1, x0 + 6) + 4:.1f}" y="{cy + 4:.1f}" class="label">{_e(number)}</text></g>')
    parts.append("</svg>")
    legend = " ".join(_key(c, s) for s, c in STATUS_COLOURS.items())
    note = " · a bar is a meeting known only to the month or year"
    if crowded:
        note += f" · {crowded} marks drawn over others where more than {MAX_TIMELINE_LANES} meetings fall close together"
    return "".join(parts) + f'<p class="legend">{legend}{_e(note)}</p>'


def _meeting_rows(numbered: Iterable[tuple[int, Meeting]], with_date: bool) -> str:
    rows = []
    for number, m in numbered:
        place = m.place or ""
        if m.country_code:
            place += f" ({m.country_code})"
        cells = [f"<td>{_e(number)}</td>"]
        if with_date:
            cells.append(f'<td class="nowrap">{_e(_date_label(m.date, m.date_precision))}</td>')
        cells += [
            f"<td>{_e(_participant_names(m)) or '<em>not named</em>'}</td>",
            f"<td>{_e(place)}</td>",
            f"<td>{_e(m.meeting_type)}</td>",
            f"<td>{_e(m.status)}</td>",
            f"<td>{_grade(m.grade, m.credibility)}</td>",
            f'<td class="num">{_e(m.source_count)}</td>',
            f"<td>{_e(m.agreement or '')}</td>",
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = ["#"] + (["date"] if with_date else []) + ["participants", "place", "type", "status", "grade", "reports", "agreement"]
    return ("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def render_meetings(meetings: Sequence[Meeting]) -> str:
    if not meetings:
        return _empty("No meetings in this publication (fct_meetings is empty).")
    numbered = list(enumerate(meetings, 1))
    dated = [(i, m) for i, m in numbered if m.date is not None]
    undated = [(i, m) for i, m in numbered if m.date is None]
    parts = []
    if dated:
        parts.append(render_timeline(meetings))
        parts.append(_meeting_rows(dated, with_date=True))
    else:
        parts.append(_empty("No meeting in this publication has a date; nothing to place on a timeline."))
    if undated:
        parts.append(f"<h3>Undated meetings ({len(undated)})</h3>"
                     "<p class=\"note\">No report gives their date; they are not placed on the timeline.</p>")
        parts.append(_meeting_rows(undated, with_date=False))
    return "".join(parts)


# --- the network --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Network:
    nodes: tuple[Participant, ...]  # role unused; actor_id, name, type
    meetings: dict[str, int]  # actor_id → held meetings
    edges: dict[tuple[str, str], int]  # (actor_id, actor_id) sorted → held meetings together
    positions: dict[str, tuple[float, float]]  # node centres on the canvas, in pixels
    width: int
    height: int
    omitted: int


def actor_network(
    meetings: Sequence[Meeting], max_nodes: int = MAX_NETWORK_NODES, seed: int = 7, width: int = 1200
) -> Network:
    """Who met whom at held meetings; the `max_nodes` actors with the most meetings, laid out deterministically."""
    actors: dict[str, Participant] = {}
    counts: Counter[str] = Counter()
    edges: Counter[tuple[str, str]] = Counter()
    for m in meetings:
        if m.status != "held":
            continue
        named = [p for p in m.participants if p.actor_type != "descriptor"]  # the network is of actors
        ids = sorted({p.actor_id for p in named})
        for p in named:
            actors.setdefault(p.actor_id, p)
        counts.update(ids)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                edges[(a, b)] += 1
    keep = sorted(actors, key=lambda a: (-counts[a], actors[a].name, a))[:max_nodes]
    kept = set(keep)
    kept_edges = {e: w for e, w in sorted(edges.items()) if e[0] in kept and e[1] in kept}
    nodes = tuple(actors[a] for a in sorted(keep))
    positions, height = pack_components([n.actor_id for n in nodes], kept_edges, width, seed)
    return Network(nodes, {a: counts[a] for a in kept}, kept_edges, positions, width, height, len(actors) - len(keep))


def components(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected groups of nodes, largest first (ties by their first id), each sorted."""
    parent = {v: v for v in nodes}

    def root(v: str) -> str:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for v in sorted(nodes):
        groups[root(v)].append(v)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


LABEL_ROOM = 170  # pixels right of a group for its nodes' names


def pack_components(
    nodes: Sequence[str], edges: dict[tuple[str, str], int], width: int, seed: int = 7
) -> tuple[dict[str, tuple[float, float]], int]:
    """Each connected group laid out on its own (force_layout) in a square sized to it, the squares
    placed in rows, largest first: a few pairs that met once do not squeeze the main group into a
    corner. Returns pixel positions and the height the rows take."""
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    pad = 24.0
    for group in components(nodes, edges):
        members = set(group)
        side = min(width - LABEL_ROOM - 2 * pad, max(40.0, 130 * math.sqrt(len(group)) - 90))
        cell_w, cell_h = side + LABEL_ROOM, side + 2 * pad
        if x > 0 and x + cell_w > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        local = force_layout(group, {e: w for e, w in edges.items() if e[0] in members}, seed)
        for v, (u, w) in local.items():
            positions[v] = (x + pad + u * side, y + pad + w * side)
        x += cell_w
        row_height = max(row_height, cell_h)
    return positions, math.ceil(y + row_height)


def force_layout(nodes: Sequence[str], edges: dict[tuple[str, str], int], seed: int = 7, iterations: int = 250) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold with gravity, from a circle jittered by a fixed seed: the same graph gives the
    same picture every time. Positions are stretched to fill [0, 1] × [0, 1] (a pair lies on the diagonal,
    where its two names do not overlap)."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.5, 0.5)}
    rng = random.Random(seed)
    pos = [[math.cos(2 * math.pi * i / n) + rng.uniform(-0.05, 0.05), math.sin(2 * math.pi * i / n) + rng.uniform(-0.05, 0.05)]
           for i in range(n)]
    index = {v: i for i, v in enumerate(nodes)}
    links = [(index[a], index[b], 1.0 + math.log(w)) for (a, b), w in edges.items()]
    k = 2.0 / math.sqrt(n)
    temperature = 0.2
    for step in range(iterations):
        disp = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            xi, yi = pos[i]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                d2 = dx * dx + dy * dy or 1e-9
                f = k * k / d2
                disp[i][0] += dx * f
                disp[i][1] += dy * f
                disp[j][0] -= dx * f
                disp[j][1] -= dy * f
        for i, j, w in links:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            d = math.hypot(dx, dy) or 1e-9
            f = w * d / k
            disp[i][0] -= dx * f
            disp[i][1] -= dy * f
            disp[j][0] += dx * f
            disp[j][1] += dy * f
        for i in range(n):  # gravity keeps separate groups on the page
            disp[i][0] -= 0.3 * k * pos[i][0] * n / 10
            disp[i][1] -= 0.3 * k * pos[i][1] * n / 10
        t = temperature * (1 - step / iterations) + 0.002
        for i in range(n):
            dx, dy = disp[i]
            d = math.hypot(dx, dy)
            if d > 0:
                pos[i][0] += dx / d * min(d, t)
                pos[i][1] += dy / d * min(d, t)
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    w, h = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {v: ((pos[i][0] - min(xs)) / w, (pos[i][1] - min(ys)) / h) for v, i in index.items()}


def render_network(meetings: Sequence[Meeting], width: int = 1200) -> str:
    if not meetings:
        return _empty("No meetings in this publication, so no network of who met whom.")
    net = actor_network(meetings, width=width)
    if not net.nodes:
        statuses = Counter(m.status for m in meetings)
        return _empty("No held meeting names its participants; nothing to draw ("
                      + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) + " meeting(s)).")
    height = net.height

    def xy(actor_id: str) -> tuple[float, float]:
        return net.positions[actor_id]

    names = {n.actor_id: n.name for n in net.nodes}
    parts = [f'<svg class="chart network" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="actor network of who met whom">']
    for (a, b), weight in net.edges.items():
        (x1, y1), (x2, y2) = xy(a), xy(b)
        tip = f"{names[a]} — {names[b]}: {weight} meeting(s)"
        parts.append(f'<g class="edge"><title>{_e(tip)}</title>'
                     f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{EDGE_COLOUR}" '
                     f'stroke-width="{1 + 1.5 * math.log2(weight) + (weight > 1):.1f}"/>')
        if weight > 1:
            parts.append(f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 3:.1f}" class="weight">{_e(weight)}</text>')
        parts.append("</g>")
    labels = []
    for node in net.nodes:
        x, y = xy(node.actor_id)
        count = net.meetings[node.actor_id]
        r = 6 + 3 * math.sqrt(count)
        colour = ACTOR_COLOURS.get(node.actor_type or "", OTHER_ACTOR_COLOUR)
        tip = f"{node.name} ({node.actor_type or 'actor'}): {count} held meeting(s)"
        parts.append(f'<g class="actor"><title>{_e(tip)}</title>'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" stroke="#fff" stroke-width="1.5"/></g>')
        labels.append(f'<text x="{x + r + 3:.1f}" y="{y + 4:.1f}" class="label halo">{_e(node.name)}</text>')
    parts += labels  # names over every node and line, each on a white halo
    parts.append("</svg>")
    legend = " ".join(_key(c, t) for t, c in ACTOR_COLOURS.items())
    not_held = sum(m.status != "held" for m in meetings)
    notes = [f"{len(net.nodes)} actors, {len(net.edges)} pairs; a line's width and number = held meetings together"]
    if net.omitted:
        notes.append(f"{net.omitted} actors with fewer meetings left out")
    if not_held:
        notes.append(f"{not_held} planned, postponed or cancelled meeting(s) not counted")
    return "".join(parts) + f'<p class="legend">{legend} · {_e("; ".join(notes))}</p>'


# --- trade figures ------------------------------------------------------------------------------


def _number(v: float) -> str:
    a = abs(v)
    for threshold, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if a >= threshold:
            return f"{v / threshold:.3g}{suffix}"
    return f"{v:.3g}"


def _unit(unit: str, per: str | None) -> str:
    label = {"percent": "%", "percentage_points": "pp"}.get(unit, unit)
    return label + (f" per {per}" if per else "")


def _figure_series(figures: Sequence[Figure]) -> list[tuple[tuple[Any, ...], list[Figure]]]:
    series: dict[tuple[Any, ...], list[Figure]] = defaultdict(list)
    for f in figures:
        series[(f.parties, f.metric, f.unit, f.per, f.is_change)].append(f)
    return sorted(series.items(), key=lambda kv: (-len(kv[1]), kv[0][0][0][1], kv[0][0][1][1], kv[0][1], kv[0][2]))


def _figure_date(f: Figure) -> dt.date | None:
    return f.period_end or f.reported_on


def render_figure_chart(key: tuple[Any, ...], figures: Sequence[Figure], width: int = 380, height: int = 210) -> str:
    (a, b), metric, unit, per, is_change = key
    title = f"{a[1]} – {b[1]}: {metric.replace('_', ' ')}{' (change)' if is_change else ''}"
    placed = [(f, d) for f in figures if (d := _figure_date(f)) is not None]
    parts = [f'<figure class="pair"><figcaption>{_e(title)} <span class="unit">{_e(_unit(unit, per))}</span></figcaption>']
    if placed:
        left, right, top, bottom = 58, width - 14, 12, height - 26
        scale = _TimeScale([d for _, d in placed], left, right)
        values = [v for f, _ in placed for v in (f.value, f.value_high) if v is not None]
        lo, hi = min([*values, 0.0]), max([*values, 0.0])
        if hi == lo:
            hi = lo + 1
        hi += (hi - lo) * 0.08

        def y(v: float) -> float:
            return bottom - (bottom - top) * (v - lo) / (hi - lo)

        parts.append(f'<svg class="chart figures" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
                     f'role="img" aria-label="{_e(title)}">')
        parts += _axis(scale, bottom, top, 4)
        for v in (lo, (lo + hi) / 2, hi):
            parts.append(f'<text x="{left - 4}" y="{y(v) + 4:.1f}" class="tick" text-anchor="end">{_e(_number(v))}</text>')
        if lo < 0 < hi:
            parts.append(f'<line x1="{left}" y1="{y(0):.1f}" x2="{right}" y2="{y(0):.1f}" stroke="#a0aec0" stroke-dasharray="3 3"/>')
        by_date: dict[dt.date, list[float]] = defaultdict(list)
        for f, d in placed:
            by_date[d].append(f.value)
        if len(by_date) > 1:  # the line runs through the median report of each date
            points = " ".join(f"{scale(d):.1f},{y(sorted(vs)[len(vs) // 2]):.1f}" for d, vs in sorted(by_date.items()))
            parts.append(f'<polyline points="{points}" fill="none" stroke="{FIGURE_COLOUR}" stroke-width="2"/>')
        for f, d in sorted(placed, key=lambda fd: (fd[1], fd[0].value, fd[0].figure_id)):
            x = scale(d)
            tip = (f"{_number(f.value)}" + (f"–{_number(f.value_high)}" if f.value_high is not None else "")
                   + f" {_unit(f.unit, f.per)} · " + (f.period_text or f"no period stated; first reported {d.isoformat()}")
                   + f" · {f.grade} · {f.source_text}")
            parts.append(f'<g class="figure"><title>{_e(tip)}</title>')
            if f.value_high is not None:
                parts.append(f'<line x1="{x:.1f}" y1="{y(f.value):.1f}" x2="{x:.1f}" y2="{y(f.value_high):.1f}" '
                             f'stroke="{FIGURE_COLOUR}" stroke-width="3"/>')
            fill = FIGURE_COLOUR if f.period_end is not None else "#fff"
            parts.append(f'<circle cx="{x:.1f}" cy="{y(f.value):.1f}" r="5" fill="{fill}" stroke="{FIGURE_COLOUR}" stroke-width="2"/></g>')
        parts.append("</svg>")
    unplaced = len(figures) - len(placed)
    items = []
    for f in sorted(figures, key=lambda f: (_figure_date(f) or dt.date.max, f.figure_id)):
        when = f.period_text or ("no period stated" + (f", reported {f.reported_on.isoformat()}" if f.reported_on else ""))
        items.append(f"<li>{_grade(f.grade, f.credibility)} {_link(f.source_url, _e(f.source_text))} "
                     f'<span class="muted">({_e(when)})</span></li>')
    note = f"{len(figures)} figure(s)" + (f", {unplaced} with neither a period nor a report date (not plotted)" if unplaced else "")
    parts.append(f"<details><summary>{_e(note)}</summary><ul>{''.join(items)}</ul></details></figure>")
    return "".join(parts)


def render_figures(figures: Sequence[Figure], max_charts: int = MAX_FIGURE_CHARTS) -> str:
    if not figures:
        return _empty("No trade figures about a pair of countries in this publication "
                      "(fct_trade_figures / bdg_figure_parties have none).")
    series = _figure_series(figures)
    charts = "".join(render_figure_chart(key, fs) for key, fs in series[:max_charts])
    more = f'<p class="note">{len(series) - max_charts} smaller series left out.</p>' if len(series) > max_charts else ""
    return (f'<p class="legend">Each point is one figure at the end of the period it covers; a hollow point has no '
            f"stated period and sits at its first report. A vertical bar is a range.</p>"
            f'<div class="pairs">{charts}</div>{more}')


# --- claims -------------------------------------------------------------------------------------


def render_claims(claims: Sequence[Claim], total: int) -> str:
    if not claims:
        if total:
            return _empty(f"{total} claims in this publication; none listed (the brief was asked for 0).")
        return _empty("No claims in this publication (fct_claims is empty).")
    rows = []
    for rank, c in enumerate(claims, 1):
        text = c.text if len(c.text) <= CLAIM_TEXT_CHARS else c.text[:CLAIM_TEXT_CHARS].rstrip() + "…"
        text_html = f"“{_e(text)}”" if c.is_direct_quote else _e(text)
        speaker = _e(c.speaker or "unnamed") + (f'<br><span class="muted">{_e(c.speaker_role)}</span>' if c.speaker_role else "")
        links = []
        for ev in c.evidence:
            title = ev.title if not ev.title or len(ev.title) <= 140 else ev.title[:140].rstrip() + "…"
            label = _e(ev.outlet) + (f" — {_e(title)}" if title else "")
            when = f' <span class="muted">{_e(ev.reported_at.date().isoformat())}</span>' if ev.reported_at else ""
            links.append(f'<li title="{_e(ev.text)}">{_link(ev.url, label)}{when}</li>')
        if c.evidence_total > len(c.evidence):
            links.append(f'<li class="muted">{c.evidence_total - len(c.evidence)} more report(s) in fct_evidence</li>')
        corroboration = (f"{c.source_count} report(s), {c.outlet_count} outlet(s), "
                         f"{c.independent_origins} independent origin(s)")
        first = c.first_reported_at.date().isoformat() if c.first_reported_at else "undated"
        rows.append(
            f'<tr><td class="num">{rank}</td><td>{_grade(c.grade, c.credibility)}</td><td>{speaker}</td>'
            f'<td class="claim">{text_html}<div class="muted">{_e(corroboration)} · first {_e(first)}</div></td>'
            f'<td class="evidence"><ul class="evidence">{"".join(links)}</ul></td></tr>'
        )
    return (f'<p class="note">The {len(claims)} best-graded of {total} claims: credibility first, then source '
            "reliability, then independent origins.</p>"
            "<table><thead><tr><th>#</th><th>grade</th><th>speaker</th><th>claim</th><th>evidence</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


# --- the page -----------------------------------------------------------------------------------

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a202c;margin:0;background:#fff}
header{background:#1a365d;color:#fff;padding:16px 32px}header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;color:#cbd5e0}nav a{color:#fff;margin-right:16px}
main{padding:8px 32px 48px;max-width:1240px}section{margin-top:24px}
h2{font-size:18px;border-bottom:2px solid #e2e8f0;padding-bottom:4px}h3{font-size:15px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid #e2e8f0;padding:4px 6px;
text-align:left;vertical-align:top}th{background:#f7fafc}td.num{text-align:right}.nowrap{white-space:nowrap}
.grade{display:inline-block;padding:0 6px;border-radius:4px;font-weight:600;font-family:monospace}
.empty{color:#744210;background:#fffff0;border:1px solid #f6e05e;padding:8px 12px;border-radius:4px}
.note,.legend,.muted{color:#4a5568;font-size:12px}.key{margin-right:10px;white-space:nowrap}
svg.chart{max-width:100%;height:auto;display:block}svg text{font:11px system-ui,sans-serif;fill:#2d3748}
svg text.tick{fill:#718096;font-size:10px}svg text.halo{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}svg text.weight{fill:#4a5568;font-size:10px}
.pairs{display:flex;flex-wrap:wrap;gap:12px}figure.pair{margin:0;width:380px;border:1px solid #e2e8f0;
border-radius:6px;padding:6px}figcaption{font-weight:600;font-size:13px}.unit{color:#718096;font-weight:400}
figure.pair details{font-size:12px}figure.pair ul{padding-left:16px;margin:4px 0}
ul.evidence{margin:0;padding-left:16px}td.claim{width:48%}td.evidence{width:30%}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def render_html(brief: Brief) -> str:
    """The whole page: self-contained, no script, every data value escaped."""
    meta = [f"generated {brief.generated_at.isoformat()}"]
    if brief.build_id:
        meta.insert(0, f"build {brief.build_id}")
    if brief.published_at:
        meta.insert(1, f"published {brief.published_at}")
    dated = sum(m.date is not None for m in brief.meetings)
    sections = [
        ("meetings", f"Meetings on a timeline ({dated} dated, {len(brief.meetings) - dated} undated)",
         render_meetings(brief.meetings)),
        ("network", "Who met whom", render_network(brief.meetings)),
        ("figures", f"Trade figures per country pair ({len(brief.figures)} figures)", render_figures(brief.figures)),
        ("claims", "Top claims with their grade and evidence", render_claims(brief.claims, brief.claim_total)),
    ]
    nav = "".join(f'<a href="#{sid}">{_e(title.split(" (")[0])}</a>' for sid, title, _ in sections)
    body = "".join(f'<section id="{sid}"><h2>{_e(title)}</h2>{content}</section>' for sid, title, content in sections)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>OSINT analyst brief</title><style>{_CSS}</style></head><body>"
        f"<header><h1>OSINT analyst brief</h1><p>{_e(' · '.join(meta))}</p>"
        "<p>Grades are Admiralty codes: source reliability A (completely reliable) … F (cannot be judged), "
        "information credibility 1 (confirmed) … 6 (cannot be judged).</p>"
        f"<nav>{nav}</nav></header><main>{body}</main></body></html>\n"
    )
