"""Validation outcomes in a form the CLI, Airflow and the report share."""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass
class ExpectationOutcome:
    table: str
    expectation: str
    column: str | None
    success: bool
    observed: Any = None
    unexpected_count: int | None = None
    samples: list[Any] = field(default_factory=list)
    blocking: bool = True

    def describe(self) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        detail = f"{self.unexpected_count} bad rows" if self.unexpected_count else f"observed {self.observed!r}"
        sample = f", e.g. {self.samples[:3]}" if self.samples else ""
        return f"{where}: {self.expectation} failed ({detail}{sample})"


@dataclass
class GateResult:
    gate: str  # "marts" or "batch:<source>"
    success: bool
    outcomes: list[ExpectationOutcome]
    validated_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    row_counts: dict[str, int] = field(default_factory=dict)
    report_path: str | None = None
    seconds: float = 0.0

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.blocking]

    def summary(self) -> str:
        if self.success:
            return f"gate {self.gate}: passed {len(self.outcomes)} expectations"
        lines = "; ".join(f.describe() for f in self.failures[:5])
        more = f" (+{len(self.failures) - 5} more)" if len(self.failures) > 5 else ""
        return f"gate {self.gate}: {len(self.failures)} expectations failed: {lines}{more}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def write_report(result: GateResult, reports_dir: Path) -> Path:
    """A self-contained static HTML page of every expectation of one validation, plus its JSON."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    stamp = result.validated_at.replace(":", "").replace("-", "")
    base = reports_dir / f"{result.gate.replace(':', '_')}-{stamp}"
    rows = []
    for o in result.outcomes:
        status = "pass" if o.success else ("FAIL" if o.blocking else "warn")
        samples = html.escape(json.dumps(o.samples[:10], default=str)) if o.samples else ""
        rows.append(
            f"<tr class='{status.lower()}'><td>{status}</td><td>{html.escape(o.table)}</td>"
            f"<td>{html.escape(o.column or '')}</td><td>{html.escape(o.expectation)}</td>"
            f"<td>{html.escape(str(o.observed if o.observed is not None else ''))}</td>"
            f"<td>{o.unexpected_count if o.unexpected_count is not None else ''}</td><td><code>{samples}</code></td></tr>"
        )
    counts = "".join(f"<li>{html.escape(t)}: {n}</li>" for t, n in sorted(result.row_counts.items()))
    verdict = "PASSED" if result.success else "FAILED"
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>Gate {html.escape(result.gate)} {verdict}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left}}
tr.fail{{background:#fdd}}tr.warn{{background:#ffd}}tr.pass{{background:#efe}}</style></head><body>
<h1>Gate {html.escape(result.gate)}: {verdict}</h1><p>Validated {html.escape(result.validated_at)} in {result.seconds:.2f} s;
{len(result.outcomes)} expectations, {len(result.failures)} blocking failures.</p><h2>Row counts</h2><ul>{counts}</ul>
<table><tr><th>status</th><th>table</th><th>column</th><th>expectation</th><th>observed</th><th>bad rows</th><th>samples</th></tr>
{''.join(rows)}</table></body></html>"""
    html_path = base.with_suffix(".html")
    html_path.write_text(page, encoding="utf-8")
    result.report_path = str(html_path)
    base.with_suffix(".json").write_text(json.dumps(result.to_dict(), indent=1, default=str), encoding="utf-8")
    return html_path
