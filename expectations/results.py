"""Validation outcomes in a form the CLI, Airflow, the manifest and the HTML report share."""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

KEEP_REPORTS_PER_GATE = 100


@dataclass
class ExpectationOutcome:
    table: str
    expectation: str  # GX expectation type, e.g. expect_column_values_to_be_unique
    column: str | None
    success: bool
    observed: Any = None
    unexpected_count: int | None = None
    samples: list[Any] = field(default_factory=list)  # offending rows (dicts) or values
    blocking: bool = True
    check: str = ""  # what the expectation means here, e.g. "actor_id references dim_actors.actor_id"
    element_count: int | None = None

    @property
    def status(self) -> str:
        return "pass" if self.success else ("fail" if self.blocking else "warn")

    def brief(self) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        return f"{where}: {self.check or self.expectation}"

    def describe(self, samples: int = 3) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        what = f"{self.expectation} [{self.check}]" if self.check else self.expectation
        if self.unexpected_count:
            of = f" of {self.element_count}" if self.element_count is not None else ""
            detail = f"{self.unexpected_count}{of} rows"
        else:
            detail = f"observed {_short(self.observed)}"
        sample = f", e.g. {_short(self.samples[:samples], 400)}" if self.samples else ""
        return f"{where}: {what} failed ({detail}{sample})"


@dataclass
class GateResult:
    gate: str  # "marts" or "batch:<source>"
    success: bool
    outcomes: list[ExpectationOutcome]
    validated_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="microseconds"))
    row_counts: dict[str, int] = field(default_factory=dict)
    report_path: str | None = None
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.blocking]

    @property
    def warnings(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and not o.blocking]

    def summary(self, limit: int = 5) -> str:
        """One line for the CLI and the manifest: every blocking failure with samples, warnings in brief."""
        warn = ""
        if self.warnings:
            shown = "; ".join(w.brief() for w in self.warnings[:3])
            more = f"; +{len(self.warnings) - 3} more" if len(self.warnings) > 3 else ""
            warn = f"; {len(self.warnings)} warnings ({shown}{more})"
        if self.success:
            return f"gate {self.gate}: passed {len(self.outcomes) - len(self.warnings)} of {len(self.outcomes)} expectations{warn}"
        lines = "; ".join(f.describe() for f in self.failures[:limit])
        more = f" (+{len(self.failures) - limit} more)" if len(self.failures) > limit else ""
        return f"gate {self.gate}: {len(self.failures)} expectations failed: {lines}{more}{warn}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _short(value: Any, limit: int = 200) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _slug(gate: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", gate)


_CSS = """body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:1.5em}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}
tr.fail{background:#fdd}tr.warn{background:#ffd}tr.pass{background:#efe}.verdict-fail{color:#b00}
.verdict-pass{color:#070}table.rows td{font-size:90%;padding:2px 4px}code{font-size:90%}"""


def _samples_html(samples: list[Any]) -> str:
    if not samples:
        return ""
    if all(isinstance(s, dict) for s in samples):
        cols = list(dict.fromkeys(k for s in samples for k in s))
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in cols)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(s.get(c)))}</td>" for c in cols) + "</tr>" for s in samples
        )
        return f"<table class='rows'><tr>{head}</tr>{body}</table>"
    return f"<code>{html.escape(json.dumps(samples, default=str, ensure_ascii=False))}</code>"


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 160 else text[:159] + "…"


def render_report(result: GateResult) -> str:
    """A self-contained static HTML page: verdict, row counts, then every expectation by table."""
    verdict = "PASSED" if result.success else "FAILED"
    by_table: dict[str, list[ExpectationOutcome]] = {}
    for o in result.outcomes:
        by_table.setdefault(o.table, []).append(o)
    order = {"fail": 0, "warn": 1, "pass": 2}
    sections = []
    for table, outcomes in by_table.items():
        rows = []
        for o in sorted(outcomes, key=lambda x: order[x.status]):
            observed = "" if o.observed is None else _short(o.observed, 300)
            bad = "" if o.unexpected_count is None else f"{o.unexpected_count}" + (
                f" / {o.element_count}" if o.element_count is not None else ""
            )
            rows.append(
                f"<tr class='{o.status}'><td>{o.status.upper()}</td><td>{html.escape(o.column or '')}</td>"
                f"<td>{html.escape(o.check)}</td><td><code>{html.escape(o.expectation)}</code></td>"
                f"<td>{html.escape(observed)}</td><td>{bad}</td><td>{_samples_html(o.samples[:10])}</td></tr>"
            )
        n_fail = sum(o.status == "fail" for o in outcomes)
        n_warn = sum(o.status == "warn" for o in outcomes)
        rows_note = f", {result.row_counts[table]:,} rows" if table in result.row_counts else ""
        sections.append(
            f"<h2 id='{html.escape(table)}'>{html.escape(table)}</h2><p>{len(outcomes)} expectations, "
            f"{n_fail} failed, {n_warn} warnings{rows_note}</p><table><tr><th>status</th><th>column</th>"
            f"<th>check</th><th>expectation</th><th>observed</th><th>bad rows</th><th>sample offending rows</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    failures = "".join(f"<li>{html.escape(f.describe())}</li>" for f in result.failures)
    warnings = "".join(f"<li>{html.escape(w.describe())}</li>" for w in result.warnings)
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in result.notes)
    counts = "".join(
        f"<li><a href='#{html.escape(t)}'>{html.escape(t)}</a>: {n:,}</li>" for t, n in sorted(result.row_counts.items())
    )
    klass = "verdict-pass" if result.success else "verdict-fail"
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Gate {html.escape(result.gate)} {verdict}</title>
<style>{_CSS}</style></head><body><p><a href="index.html">all reports</a></p>
<h1>Gate {html.escape(result.gate)}: <span class="{klass}">{verdict}</span></h1>
<p>Validated {html.escape(result.validated_at)} in {result.seconds:.2f} s: {len(result.outcomes)} expectations,
{len(result.failures)} blocking failures, {len(result.warnings)} warnings.</p>
{f"<h2>Blocking failures</h2><ul>{failures}</ul>" if failures else ""}
{f"<h2>Warnings</h2><ul>{warnings}</ul>" if warnings else ""}
{f"<h2>Notes</h2><ul>{notes}</ul>" if notes else ""}
<h2>Row counts</h2><ul>{counts}</ul>
{"".join(sections)}</body></html>"""


def write_report(result: GateResult, reports_dir: Path) -> Path:
    """Write the HTML page and its JSON next to it, keep the newest reports, refresh index.html."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    stamp = re.sub(r"[^0-9T]", "", result.validated_at.split("+")[0])
    base = reports_dir / f"{_slug(result.gate)}-{stamp}"
    html_path = base.with_suffix(".html")
    result.report_path = str(html_path)
    html_path.write_text(render_report(result), encoding="utf-8")
    base.with_suffix(".json").write_text(json.dumps(result.to_dict(), indent=1, default=str), encoding="utf-8")
    _prune(reports_dir, _slug(result.gate))
    entry = {
        "gate": result.gate,
        "validated_at": result.validated_at,
        "page": html_path.name,
        "success": result.success,
        "expectations": len(result.outcomes),
        "failed": len(result.failures),
        "warnings": len(result.warnings),
        "seconds": round(result.seconds, 3),
    }
    write_index(reports_dir, entry)
    return html_path


def _prune(reports_dir: Path, slug: str) -> None:
    pages = sorted(reports_dir.glob(f"{slug}-*.html"), key=lambda p: p.name)
    for old in pages[:-KEEP_REPORTS_PER_GATE]:
        old.unlink(missing_ok=True)
        old.with_suffix(".json").unlink(missing_ok=True)


def write_index(reports_dir: Path, new_entry: dict[str, Any] | None = None) -> Path:
    """index.html (and index.json, its data): every report still on disk, newest first.

    The index is kept incrementally so a batch gate does not re-read every older report.
    """
    data_path = reports_dir / "index.json"
    entries: list[dict[str, Any]] = []
    if data_path.is_file():
        try:
            loaded = json.loads(data_path.read_text(encoding="utf-8"))
            entries = [e for e in loaded if isinstance(e, dict)] if isinstance(loaded, list) else []
        except (OSError, ValueError):
            entries = []
    if new_entry:
        entries.append(new_entry)
    entries = [e for e in entries if (reports_dir / str(e.get("page"))).is_file()]
    entries.sort(key=lambda e: str(e.get("validated_at")), reverse=True)
    tmp = data_path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(entries, indent=0), encoding="utf-8")
    tmp.replace(data_path)
    rows = "".join(
        f"<tr class='{'pass' if e.get('success') else 'fail'}'><td>{html.escape(str(e.get('validated_at')))}</td>"
        f"<td><a href='{html.escape(str(e.get('page')))}'>{html.escape(str(e.get('gate')))}</a></td>"
        f"<td>{'PASSED' if e.get('success') else 'FAILED'}</td><td>{e.get('expectations')}</td>"
        f"<td>{e.get('failed')}</td><td>{e.get('warnings')}</td><td>{e.get('seconds')}</td></tr>"
        for e in entries
    )
    index = reports_dir / "index.html"
    index.write_text(
        f"""<!doctype html><html><head><meta charset="utf-8"><title>Data-quality reports</title><style>{_CSS}</style></head>
<body><h1>Data-quality reports</h1><p>Every batch and mart validation, newest first.</p>
<table><tr><th>validated at</th><th>gate</th><th>verdict</th><th>expectations</th><th>failed</th><th>warnings</th>
<th>seconds</th></tr>{rows}</table></body></html>""",
        encoding="utf-8",
    )
    return index
