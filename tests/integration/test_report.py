"""`osint report`: the analyst brief, checked as HTML and as a real browser draws it.

The drawing is tested on hand-made briefs (hostile text in every field, empty marts, undated
meetings); the whole command on the session's publications of the bundled samples and, when
../shared is present, of the five shared articles, with every count cross-checked in SQL. The
browser tests render the page in Debian's headless Chromium (`make browser`), take a screenshot and
find each chart's own colours in it; they skip when chromium is absent.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import itertools
import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest

from osint import report
from osint.report import (
    ACTOR_COLOURS,
    FIGURE_COLOUR,
    STATUS_COLOURS,
    Brief,
    Claim,
    Evidence,
    Figure,
    Meeting,
    Participant,
    actor_network,
    render_html,
    safe_url,
    write_report,
)

OSINT = str(Path(sys.executable).with_name("osint"))
CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (`make browser`)")
NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)

# Markup that must come out as text: each would add an element, a handler or a script if it were not escaped.
HOSTILE = [
    '<script>document.title="pwned"</script>',
    '"><img src=x onerror="document.title=\'pwned\'">',
    "</td></tr></table><b id=\"pwned\">x</b>",
    "<svg onload=alert(1)><style>body{display:none}</style>",
    "' onmouseover='alert(1)",
    "&lt;already escaped&gt; & <!-- comment",
]
HOSTILE_URL = 'https://example.org/"><b/id="pwned">'


# --- reading the page ---------------------------------------------------------------------------


class Page(HTMLParser):
    """Every element with its attributes and enclosing section, the text per section, and <title>s of marks."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None], str | None]] = []
        self.text: Counter[str] = Counter()
        self.texts: dict[str, list[str]] = {}
        self.titles: list[tuple[str | None, str]] = []  # (class of the enclosing <g>, title text)
        self._section: str | None = None
        self._stack: list[tuple[str, str | None]] = []
        self._in_title = False
        self.style = ""
        self._in_style = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section":
            self._section = a.get("id")
        self.elements.append((tag, a, self._section))
        if tag not in ("meta", "br", "line", "circle", "rect", "polyline"):
            self._stack.append((tag, a.get("class")))
        self._in_title = tag == "title"
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break
        self._in_title = self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
            return
        self.texts.setdefault(self._section or "", []).append(data)
        if self._in_title:
            group = next((cls for tag, cls in reversed(self._stack) if tag == "g"), None)
            self.titles.append((group, data))

    def count(self, tag: str, cls: str | None = None, section: str | None = None) -> int:
        return sum(1 for t, a, s in self.elements if t == tag and (cls is None or a.get("class") == cls)
                   and (section is None or s == section))

    def section_text(self, section: str) -> str:
        return "".join(self.texts.get(section, []))

    def hrefs(self, section: str) -> list[str]:
        return [a["href"] or "" for t, a, s in self.elements if t == "a" and s == section and a.get("href")]


def assert_no_injected_markup(page: Page) -> None:
    tags = Counter(t for t, _, _ in page.elements)
    assert tags["script"] == 0 and tags["img"] == 0 and tags["iframe"] == 0, tags
    assert tags["style"] == 1 and tags["b"] == 0, tags  # the page's own stylesheet only
    for tag, attrs, _ in page.elements:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert attrs.get("id") != "pwned", (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("http://", "https://", "#")), (tag, attrs)


def assert_self_contained(page: Page) -> None:
    """Nothing the browser would fetch: no script, stylesheet, image, font or frame from anywhere."""
    fetching = {"script", "link", "img", "iframe", "object", "embed", "image", "use", "video", "audio", "source"}
    assert not [t for t, _, _ in page.elements if t in fetching]
    assert not [(t, a) for t, a, _ in page.elements if {"src", "srcset", "xlink:href", "background"} & set(a)]
    assert "@import" not in page.style and "url(" not in page.style and "@font-face" not in page.style
    csp = [a.get("content") or "" for t, a, _ in page.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(csp) == 1 and "default-src 'none'" in csp[0] and "script-src" not in csp[0]


# --- hand-made briefs ---------------------------------------------------------------------------


def _meeting(mid: str, date: dt.date | None, people: list[tuple[str, str]], status: str = "held", **kw: Any) -> Meeting:
    fields: dict[str, Any] = {
        "meeting_id": mid, "date": date, "date_precision": "day" if date else "unknown", "place": "Lviv",
        "country_code": "UKR", "meeting_type": "talks", "status": status, "grade": "B2", "credibility": 2,
        "source_count": 2, "agreement": None,
        "participants": tuple(Participant(a, n, "person", "participant") for a, n in people),
    }
    fields.update(kw)
    return Meeting(**fields)


def _figure(fid: str, end: dt.date | None, value: float, **kw: Any) -> Figure:
    fields: dict[str, Any] = {
        "figure_id": fid, "parties": (("country-aaa", "Arcadia"), ("country-bbb", "Borduria")), "metric": "trade_volume",
        "unit": "USD", "per": None, "is_change": False, "value": value, "value_high": None, "qualifier": None,
        "period_end": end, "period_text": f"in {end.year}" if end else None, "reported_on": dt.date(2025, 5, 1),
        "grade": "C3", "credibility": 3, "source_text": f"${value / 1e9:g} billion", "source_url": "https://example.org/a",
    }
    fields.update(kw)
    return Figure(**fields)


def _claim(cid: str, text: str, **kw: Any) -> Claim:
    fields: dict[str, Any] = {
        "claim_id": cid, "speaker": "Maria Kovalenko", "speaker_role": "trade minister", "text": text,
        "is_direct_quote": True, "grade": "A1", "credibility": 1, "source_count": 3, "outlet_count": 2,
        "independent_origins": 2, "first_reported_at": dt.datetime(2025, 3, 1, 9),
        "evidence": (Evidence("Example Wire", "Talks end", "https://example.org/talks", "she said", dt.datetime(2025, 3, 1)),),
        "evidence_total": 1,
    }
    fields.update(kw)
    return Claim(**fields)


def _brief(**kw: Any) -> Brief:
    fields: dict[str, Any] = {"meetings": (), "figures": (), "claims": (), "claim_total": 0, "generated_at": NOW}
    fields.update(kw)
    return Brief(**fields)


def test_hostile_text_in_every_field_stays_text() -> None:
    h = HOSTILE
    brief = _brief(
        meetings=(
            _meeting(h[0], dt.date(2025, 1, 17), [("person-a", h[0]), ("person-b", h[1])], place=h[2], country_code=h[3],
                     meeting_type=h[4], grade=h[5], agreement=h[1]),
            _meeting("m2", None, [("person-a", h[0]), ("person-c", h[2])], place=h[3]),
            _meeting("m3", dt.date(2025, 2, 1), [("person-a", h[0]), ("person-b", h[1])], status=h[2]),
        ),
        figures=(
            _figure("f1", dt.date(2024, 12, 31), 4e9, parties=(("country-x", h[0]), ("country-y", h[1])), metric=h[2],
                    unit=h[3], per=h[4], period_text=h[5], grade=h[0], source_text=h[1], source_url=f"javascript:{h[0]}"),
            _figure("f2", None, 5e9, parties=(("country-x", h[0]), ("country-y", h[1])), metric=h[2], unit=h[3], per=h[4],
                    source_url="https://example.org/?q=\"><img/src=x/onerror=alert(1)>"),
        ),
        claims=(_claim(h[0], h[1], speaker=h[2], speaker_role=h[3], grade=h[4], evidence=(
            Evidence(h[0], h[1], "javascript:alert(1)", h[2], None),
            Evidence(h[3], h[4], "https://example.org/\"><b/id=pwned>", h[5], None),
            Evidence(h[5], None, "java\nscript:alert(1)", h[0], None),
        ), evidence_total=3),),
        claim_total=1, build_id=h[0], published_at=h[1],
    )
    html = render_html(brief)
    page = Page(html)
    assert_no_injected_markup(page)
    assert_self_contained(page)
    text = "".join("".join(v) for v in page.texts.values())
    for hostile in HOSTILE:  # shown to the analyst as written, not dropped
        assert hostile in text or hostile in "".join(t for _, t in page.titles), hostile
    # the only links are the two http(s) ones, escaped inside the attribute
    links = [a.get("href") or "" for t, a, _ in page.elements if "href" in a]
    assert len([h for h in links if not h.startswith("#")]) == 2, links
    assert "https://example.org/\"><b/id=pwned>" in [a.get("href") for t, a, _ in page.elements if t == "a"]


def test_only_absolute_http_urls_become_links() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url(" http://example.org ") == "http://example.org"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>", "vbscript:x", "/relative",
                "//example.org/x", "java\tscript:alert(1)", "https://exa mple.org", "file:///etc/passwd", "", None):
        assert safe_url(bad) is None, bad


def test_an_empty_publication_says_so_in_each_view() -> None:
    page = Page(render_html(_brief()))
    assert "No meetings in this publication" in page.section_text("meetings")
    assert "no network of who met whom" in page.section_text("network")
    assert "No trade figures about a pair of countries" in page.section_text("figures")
    assert "No claims in this publication" in page.section_text("claims")
    assert page.count("svg", "chart timeline") == page.count("svg", "chart network") == 0


def test_undated_meetings_are_listed_apart_and_never_placed_on_the_timeline() -> None:
    meetings = (
        _meeting("m1", dt.date(2025, 1, 17), [("person-a", "Maria Kovalenko"), ("person-b", "Ivan Petrenko")]),
        _meeting("m2", dt.date(2024, 6, 1), [("person-a", "Maria Kovalenko")], date_precision="month"),
        _meeting("m3", None, [("person-b", "Ivan Petrenko"), ("person-c", "Olena Shevchuk")], place="Odesa"),
    )
    page = Page(render_html(_brief(meetings=meetings)))
    assert page.count("g", "meeting") == 2  # two marks, the undated one is not among them
    tips = [t for cls, t in page.titles if cls == "meeting"]
    assert any(t.startswith("#1 2025-01-17") for t in tips) and any(t.startswith("#2 2024-06 ") for t in tips), tips
    assert not any("Olena Shevchuk" in t for t in tips)
    text = page.section_text("meetings")
    assert "Undated meetings (1)" in text and "Olena Shevchuk" in text.split("Undated meetings (1)")[1]
    assert page.count("rect", section="meetings") == 1  # the month-precision meeting is a bar over its month
    # a publication whose meetings are all undated: no timeline, a sentence, the table
    page = Page(render_html(_brief(meetings=meetings[2:])))
    assert page.count("svg", "chart timeline") == 0 and "nothing to place on a timeline" in page.section_text("meetings")


def test_a_crowded_day_does_not_make_the_timeline_endless() -> None:
    day = dt.date(2025, 1, 17)
    meetings = tuple(_meeting(f"m{i:03d}", day, [("person-a", "Maria Kovalenko"), (f"person-{i}", f"Guest {i}")])
                     for i in range(100))
    html = render_html(_brief(meetings=meetings))
    height = int(re.search(r'<svg class="chart timeline" viewBox="0 0 \d+ (\d+)"', html).group(1))  # type: ignore[union-attr]
    assert height <= 10 + 22 * report.MAX_TIMELINE_LANES + 10 + 24
    page = Page(html)
    assert page.count("g", "meeting") == 100  # every meeting still has its mark (and its row)
    assert f"76 marks drawn over others where more than {report.MAX_TIMELINE_LANES} meetings" in page.section_text("meetings")


def test_the_network_weighs_held_meetings_and_lays_out_the_same_way_every_time() -> None:
    a, b, c, d = ("person-a", "Maria Kovalenko"), ("person-b", "Ivan Petrenko"), ("person-c", "Olena Shevchuk"), ("org-d", "Acme Council")
    meetings = [
        _meeting("m1", dt.date(2025, 1, 1), [a, b]),
        _meeting("m2", None, [a, b, c]),
        _meeting("m3", dt.date(2025, 2, 1), [a, d], status="planned"),
        _meeting("m4", dt.date(2025, 3, 1), [c, d], status="cancelled"),
    ]
    net = actor_network(meetings)
    assert net.edges == {("person-a", "person-b"): 2, ("person-a", "person-c"): 1, ("person-b", "person-c"): 1}
    assert net.meetings == {"person-a": 2, "person-b": 2, "person-c": 1}
    assert [n.actor_id for n in net.nodes] == ["person-a", "person-b", "person-c"]
    again = actor_network(list(reversed(meetings)))
    assert again.positions == net.positions
    points = list(net.positions.values())
    assert all(0 <= x <= net.width and 0 <= y <= net.height for x, y in points)
    assert min(abs(p[0] - q[0]) + abs(p[1] - q[1]) for i, p in enumerate(points) for q in points[i + 1:]) > 30
    page = Page(render_html(_brief(meetings=tuple(meetings))))
    assert page.count("g", "actor") == 3 and page.count("g", "edge") == 3
    assert "Maria Kovalenko — Ivan Petrenko: 2 meeting(s)" in [t for cls, t in page.titles if cls == "edge"]
    assert "2 planned, postponed or cancelled meeting(s) not counted" in page.section_text("network")


def test_a_large_network_keeps_the_most_connected_actors() -> None:
    hub = ("person-hub", "Maria Kovalenko")
    meetings = [_meeting(f"m{i}", None, [hub, (f"person-{i:03d}", f"Guest {i:03d}")]) for i in range(80)]
    meetings.append(_meeting("again", None, [hub, ("person-079", "Guest 079")]))
    net = actor_network(meetings, max_nodes=10)
    ids = {n.actor_id for n in net.nodes}
    assert len(ids) == 10 and {"person-hub", "person-079"} <= ids and net.omitted == 71
    assert net.edges[("person-079", "person-hub")] == 2


def test_separate_groups_each_get_their_own_place() -> None:
    """Pairs that met only each other sit in rows of their own, not on top of the main group."""
    main = [("person-a", "Maria Kovalenko"), ("person-b", "Ivan Petrenko"), ("person-c", "Olena Shevchuk")]
    meetings = [_meeting("m0", None, main)] + [
        _meeting(f"p{i}", None, [(f"person-x{i}", f"Guest X{i}"), (f"person-y{i}", f"Guest Y{i}")]) for i in range(8)
    ]
    net = actor_network(meetings, width=1200)
    groups = report.components([n.actor_id for n in net.nodes], net.edges)
    assert [len(g) for g in groups] == [3] + [2] * 8
    boxes = []
    for group in groups:
        xs, ys = [net.positions[v][0] for v in group], [net.positions[v][1] for v in group]
        boxes.append((min(xs), min(ys), max(xs) + report.LABEL_ROOM, max(ys)))
        assert max(xs) + report.LABEL_ROOM <= net.width + 1 and max(ys) <= net.height
    for i, a in enumerate(boxes):  # no two groups' boxes (names included) overlap
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] < b[1] or b[3] < a[1], (a, b)


def test_figures_get_one_chart_per_pair_and_metric() -> None:
    figures = (
        _figure("f1", dt.date(2022, 12, 31), 4e9),
        _figure("f2", dt.date(2023, 12, 31), 4.8e9, value_high=5.2e9),
        _figure("f3", None, 6e9),  # no period: a hollow point at its first report
        _figure("f4", dt.date(2023, 12, 31), 12.0, metric="growth_rate", unit="percent", is_change=True),
        _figure("f5", None, 1.0, reported_on=None, metric="growth_rate", unit="percent", is_change=True),
        _figure("f6", dt.date(2023, 12, 31), 2e9, parties=(("country-aaa", "Arcadia"), ("country-ccc", "Carpania"))),
    )
    html = render_html(_brief(figures=figures))
    page = Page(html)
    captions = [html_lib.unescape(c) for c in re.findall(r"<figcaption>(.*?)<span", html)]
    assert captions == ["Arcadia – Borduria: trade volume ", "Arcadia – Borduria: growth rate (change) ",
                        "Arcadia – Carpania: trade volume "], captions
    assert page.count("svg", "chart figures") == 3
    assert page.count("g", "figure") == 5  # f5 has neither a period nor a report date: listed, not plotted
    assert page.count("polyline") == 1  # only Arcadia–Borduria trade has more than one date
    assert "1 with neither a period nor a report date (not plotted)" in page.section_text("figures")
    hollow = [a for t, a, s in page.elements if t == "circle" and s == "figures" and a.get("fill") == "#fff"]
    assert len(hollow) == 1


def test_claims_show_grade_speaker_and_evidence_links() -> None:
    evidence = tuple(Evidence(f"Outlet {i}", f"Report {i}", f"https://example.org/{i}", "text", None) for i in range(5))
    claims = (
        _claim("c1", "x" * 700),
        _claim("c2", "Trade will grow.", is_direct_quote=False, grade="F6", credibility=6, evidence=evidence, evidence_total=9),
    )
    page = Page(render_html(_brief(claims=claims, claim_total=40)))
    text = page.section_text("claims")
    assert "The 2 best-graded of 40 claims" in text
    assert "“" + "x" * 600 + "…”" in text and "Trade will grow." in text and "“Trade will grow.”" not in text
    assert page.hrefs("claims") == ["https://example.org/talks"] + [f"https://example.org/{i}" for i in range(5)]
    assert "4 more report(s) in fct_evidence" in text
    assert page.count("span", "grade", section="claims") == 2
    # asked for none: it says how many there are, not that there are none
    assert "40 claims in this publication; none listed" in Page(render_html(_brief(claim_total=40))).section_text("claims")


# --- the command on real publications -----------------------------------------------------------


def _report(publication: Path, out: Path, *extra: str) -> str:
    config = publication.parents[2] / "osint.yml"
    done = subprocess.run([OSINT, "--config", str(config), "report", "--out", str(out), *extra],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"analyst brief: {out}" in done.stdout
    return out.read_text(encoding="utf-8")


def _check_against_marts(html: str, publication: Path) -> Page:
    """Every view shows what the marts hold (counted in SQL here, not by the report's code)."""
    page = Page(html)
    assert_no_injected_markup(page)
    assert_self_contained(page)
    con = duckdb.connect(str(publication), read_only=True)
    try:
        dated, undated = con.execute(
            "select count(meeting_date), count(*) - count(meeting_date) from fct_meetings").fetchone() or (0, 0)
        assert page.count("g", "meeting") == dated
        assert f"({dated} dated, {undated} undated)" in page.section_text("meetings")
        weights = sorted(w for (w,) in con.execute(
            """select count(distinct a.meeting_id) from bdg_meeting_participants a
               join bdg_meeting_participants b on a.meeting_id = b.meeting_id and a.actor_id < b.actor_id
               join fct_meetings m on m.meeting_id = a.meeting_id and m.status = 'held'
               group by a.actor_id, b.actor_id""").fetchall())
        actors = con.execute(
            """select count(distinct p.actor_id) from bdg_meeting_participants p
               join fct_meetings m on m.meeting_id = p.meeting_id and m.status = 'held'""").fetchone()
        assert actors is not None and page.count("g", "actor") == min(actors[0], report.MAX_NETWORK_NODES)
        if actors[0] <= report.MAX_NETWORK_NODES:
            shown = sorted(int(re.search(r": (\d+) meeting", t).group(1)) for cls, t in page.titles if cls == "edge")  # type: ignore[union-attr]
            assert shown == weights
        pair_figures = con.execute(
            """select count(*) from (select figure_id from bdg_figure_parties where role in ('subject', 'partner')
               group by figure_id having count(distinct actor_id) = 2)""").fetchone()
        assert pair_figures is not None
        assert f"({pair_figures[0]} figures)" in page.section_text("figures")
        claims = (con.execute("select count(*) from fct_claims").fetchone() or (0,))[0]
        assert page.count("tr", section="claims") == min(claims, report.DEFAULT_CLAIMS) + (1 if claims else 0)
        urls = {u for (u,) in con.execute(
            """select coalesce(d.url, e.source_url) from fct_evidence e left join dim_documents d using (doc_id)
               where e.fact_type = 'claim'""").fetchall() if safe_url(u)}
        assert set(page.hrefs("claims")) <= urls
        if urls and claims <= report.DEFAULT_CLAIMS:
            assert page.hrefs("claims")
    finally:
        con.close()
    return page


def test_report_of_the_bundled_samples(samples_publication: Path, tmp_path: Path) -> None:
    page = _check_against_marts(_report(samples_publication, tmp_path / "brief.html"), samples_publication)
    # the samples have every view: a timeline, a network, pair figures and claims
    assert page.count("svg", "chart timeline") == 1 and page.count("svg", "chart network") == 1
    assert page.count("svg", "chart figures") >= 1 and page.count("tr", section="claims") > 1


def test_report_of_the_shared_articles(articles_publication: Path, tmp_path: Path) -> None:
    page = _check_against_marts(_report(articles_publication, tmp_path / "brief.html"), articles_publication)
    assert page.count("g", "meeting") >= 1 and page.count("g", "actor") >= 2 and page.count("tr", section="claims") > 1


def test_default_path_and_a_clear_error_without_publication(samples_publication: Path, tmp_path: Path) -> None:
    config = tmp_path / "osint.yml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\nsources: []\n", encoding="utf-8")
    done = subprocess.run([OSINT, "--config", str(config), "report"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no publication at" in done.stderr and "osint run" in done.stderr
    assert "Traceback" not in done.stderr
    _copy_publication(samples_publication, tmp_path / "data")  # now there is one: the page goes under data/report/
    done = subprocess.run([OSINT, "report", "--config", str(config), "--claims", "3"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    page = Page((tmp_path / "data" / "report" / "brief.html").read_text(encoding="utf-8"))
    assert page.count("tr", section="claims") == 3 + 1


def _copy_publication(publication: Path, tmp_path: Path, empty: bool = False) -> Path:
    """A private copy of a publication to change (the session's publications are never written to)."""
    target = tmp_path / "published" / "osint.duckdb"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not empty:
        shutil.copyfile(publication, target)
        return target
    con = duckdb.connect(str(target))
    try:
        con.execute(f"attach '{publication}' as src (read_only)")
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_catalog = 'src' and table_schema = 'main'").fetchall()]
        assert "fct_meetings" in tables
        for table in tables:
            con.execute(f"create table main.{table} as select * from src.main.{table} limit 0")
    finally:
        con.close()
    return target


def test_empty_marts_give_a_page_that_says_so(samples_publication: Path, tmp_path: Path) -> None:
    db = _copy_publication(samples_publication, tmp_path, empty=True)
    result = write_report(db, tmp_path / "brief.html")
    assert (result.meetings, result.figures, result.claims) == (0, 0, 0)
    page = Page(result.path.read_text(encoding="utf-8"))
    for section, sentence in [("meetings", "No meetings in this publication"), ("network", "no network of who met whom"),
                              ("figures", "No trade figures"), ("claims", "No claims in this publication")]:
        assert sentence in page.section_text(section)


def _poison(db: Path) -> None:
    """Hostile text where the extractor or a source could put it: names, places, claims, titles, URLs."""
    con = duckdb.connect(str(db))
    try:
        con.execute("update dim_actors set canonical_name = ? || canonical_name", [HOSTILE[0]])
        con.execute("update fct_meetings set location_name = ?, meeting_type = ?", [HOSTILE[1], HOSTILE[4]])
        con.execute("update dim_agreements set name = ?", [HOSTILE[3]])
        con.execute("update fct_claims set claim_text = ? || claim_text, speaker_name = ?, speaker_role = ?",
                    [HOSTILE[2], HOSTILE[0], HOSTILE[5]])
        con.execute("update fct_trade_figures set source_text = ?, period_text = ?, source_url = 'javascript:alert(1)'",
                    [HOSTILE[3], HOSTILE[1]])
        con.execute("update dim_documents set title = ?, url = ?", [HOSTILE[1], HOSTILE_URL])
        con.execute("update dim_outlets set name = ?", [HOSTILE[2]])
        con.execute("update fct_evidence set source_url = 'javascript:document.title=1'")
    finally:
        con.close()


def test_hostile_text_in_the_marts_cannot_inject_markup(samples_publication: Path, tmp_path: Path) -> None:
    db = _copy_publication(samples_publication, tmp_path)
    _poison(db)
    html = write_report(db, tmp_path / "brief.html").path.read_text(encoding="utf-8")
    page = Page(html)
    assert_no_injected_markup(page)
    text = "".join("".join(v) for v in page.texts.values())
    assert HOSTILE[0] in text and HOSTILE[2] in text  # names and claims shown as written
    assert page.hrefs("claims") and set(page.hrefs("claims")) == {HOSTILE_URL}
    if CHROMIUM:  # and the browser's own DOM agrees: nothing was injected, the title is the page's
        dom = _dump_dom(tmp_path / "brief.html", tmp_path)
        assert "<title>OSINT analyst brief</title>" in dom
        assert not re.search(r"<(script|img|b)[\s/>]", dom), re.search(r".{80}<(script|img|b)[\s/>].{80}", dom)


# --- in a real browser --------------------------------------------------------------------------


def _chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM is not None
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
         "--force-color-profile=srgb", "--force-device-scale-factor=1", f"--user-data-dir={profile}", *args],
        capture_output=True, timeout=180, check=False,
    )


def _dump_dom(page: Path, tmp_path: Path) -> str:
    done = _chromium(["--dump-dom", page.resolve().as_uri()], tmp_path)
    assert done.returncode == 0 and done.stdout, done.stderr[-2000:]
    return done.stdout.decode("utf-8")


def _screenshot(page: Path, tmp_path: Path, size: tuple[int, int]) -> np.ndarray:
    png = tmp_path / "brief.png"
    done = _chromium([f"--screenshot={png}", f"--window-size={size[0]},{size[1]}", page.resolve().as_uri()], tmp_path)
    assert done.returncode == 0 and png.is_file(), done.stderr[-2000:]
    image = decode_png(png.read_bytes())
    assert image.shape[:2] == (size[1], size[0])
    return image


def decode_png(data: bytes) -> np.ndarray:
    """An 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) as a (height, width, 3) array."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = np.frombuffer(zlib.decompress(b"".join(chunks)), np.uint8).reshape(height, stride + 1)
    out = np.zeros((height, stride), np.uint8)
    prev = np.zeros(stride, np.int64)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int64)
        if kind == 0:
            cur = line
        elif kind == 1:  # Sub: a running sum per channel
            cur = np.cumsum(line.reshape(width, bpp), axis=0).reshape(stride) % 256
        elif kind == 2:  # Up
            cur = (line + prev) % 256
        else:  # Average and Paeth depend on the byte just decoded: byte by byte
            row, up = line.tolist(), prev.tolist()
            for i in range(stride):
                left = row[i - bpp] if i >= bpp else 0
                if kind == 3:
                    row[i] = (row[i] + (left + up[i]) // 2) % 256
                else:
                    upleft = up[i - bpp] if i >= bpp else 0
                    p = left + up[i] - upleft
                    pa, pb, pc = abs(p - left), abs(p - up[i]), abs(p - upleft)
                    pred = left if pa <= pb and pa <= pc else up[i] if pb <= pc else upleft
                    row[i] = (row[i] + pred) % 256
            cur = np.array(row, np.int64)
        out[y] = cur
        prev = cur
    return out.reshape(height, width, bpp)[:, :, :3]


def _pixels_of(image: np.ndarray, colours: list[str]) -> np.ndarray:
    """The (y, x) of every pixel drawn in exactly one of the colours (what a mark's fill gives)."""
    mask = np.zeros(image.shape[:2], bool)
    for colour in colours:
        rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
        mask |= np.all(np.abs(image.astype(np.int16) - np.array(rgb, np.int16)) <= 2, axis=2)
    return np.argwhere(mask)


def _check_in_browser(page_path: Path, tmp_path: Path) -> None:
    """Chromium draws each chart with marks: its own colours are on screen, in the order of the views."""
    html = page_path.read_text(encoding="utf-8")
    page = Page(html)
    dom = _dump_dom(page_path, tmp_path)
    # after load the DOM still has every chart and mark (the browser parsed the SVG as SVG)
    assert dom.count("<svg class=\"chart timeline\"") == page.count("svg", "chart timeline")
    assert dom.count('<g class="meeting">') == page.count("g", "meeting")
    assert dom.count('<g class="actor">') == page.count("g", "actor")
    assert dom.count('<g class="figure">') == page.count("g", "figure")
    image = _screenshot(page_path, tmp_path, (1280, 3200))
    assert (image < 250).any(axis=2).mean() > 0.02, "the page is (almost) blank"
    views = [("timeline", "meeting", list(STATUS_COLOURS.values())), ("network", "actor", list(ACTOR_COLOURS.values())),
             ("figures", "figure", [FIGURE_COLOUR])]
    bottoms: list[tuple[str, int, int]] = []
    for name, mark, colours in views:
        marks = page.count("g", mark)
        if not marks:
            continue
        where = _pixels_of(image, colours)
        # every mark is at least a filled circle of radius 5 (~ 60 pixels inside its antialiased edge)
        assert len(where) >= 40 * marks, f"{name}: {len(where)} pixels of its colours for {marks} marks"
        bottoms.append((name, int(where[:, 0].min()), int(where[:, 0].max())))
    for (first, _, first_bottom), (second, second_top, _) in itertools.pairwise(bottoms):
        assert first_bottom < second_top, f"{first} marks run into the {second} view: {bottoms}"


@needs_chromium
def test_chromium_draws_the_charts_of_the_bundled_samples(samples_publication: Path, tmp_path: Path) -> None:
    path = tmp_path / "brief.html"
    _report(samples_publication, path)
    _check_in_browser(path, tmp_path)


@needs_chromium
def test_chromium_draws_the_charts_of_the_shared_articles(articles_publication: Path, tmp_path: Path) -> None:
    path = tmp_path / "brief.html"
    _report(articles_publication, path)
    _check_in_browser(path, tmp_path)


@needs_chromium
def test_the_screenshot_check_fails_on_a_page_without_marks(samples_publication: Path, tmp_path: Path) -> None:
    """The pixel check can fail: the same page with its marks' colours taken away does not pass."""
    path = tmp_path / "brief.html"
    html = _report(samples_publication, path)
    for colour in [*STATUS_COLOURS.values(), *ACTOR_COLOURS.values(), FIGURE_COLOUR]:
        html = html.replace(f'fill="{colour}"', 'fill="#ffffff"').replace(f'stroke="{colour}"', 'stroke="#ffffff"')
    path.write_text(html, encoding="utf-8")
    with pytest.raises(AssertionError, match="pixels of its colours"):
        _check_in_browser(path, tmp_path)
