"""Thresholds of the gates, in one place; every value can be overridden from the environment.

The pipeline config (osint/config.py) has no `gates:` section yet, so deployments tune the
gates with OSINT_GATE_* variables (Airflow: the worker's environment) or by passing a GateSettings
to the gate functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ingestion.errors import ConfigError

# Documents older than this are not news but broken date parsing (epoch 0, two-digit years).
OLDEST_DOCUMENT = datetime(1990, 1, 1)
# Facts (treaties, meetings, trade periods) may be historical, but not before modern diplomacy records.
OLDEST_FACT = datetime(1900, 1, 1)


@dataclass(frozen=True)
class GateSettings:
    # batch gate
    future_skew_hours: float = 24.0  # feeds with a wrong time zone run up to ~14 h ahead; allow a day
    max_bad_fraction: float = 0.5  # more failing rows than this: the batch is broken, not its rows
    min_bad_rows: int = 5  # ... but only once at least this many rows failed (tiny batches quarantine)
    max_body_chars: int = 2_000_000
    max_telegram_body_chars: int = 100_000  # Telegram caps a post at 4,096; leave room for previews
    # mart gate
    max_shrink: float = 0.5  # a mart losing more than this fraction of its published rows blocks
    freshness_hours: float = 7 * 24.0  # newest document fetched within this window
    freshness_blocking: bool = False  # stale data warns unless a deployment makes it block
    planned_fact_years: int = 10  # planned meetings / agreements: at most this far ahead
    period_years: int = 50  # trade targets ("by 2050"): period ends at most this far ahead

    @property
    def future_skew(self) -> timedelta:
        return timedelta(hours=self.future_skew_hours)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> GateSettings:
        """Defaults overridden by OSINT_GATE_<FIELD> (e.g. OSINT_GATE_MAX_SHRINK=0.3), read by osint.settings."""
        from osint.settings import gate_settings

        return gate_settings(environ)

    def validated(self) -> GateSettings:
        if not 0.0 < self.max_bad_fraction <= 1.0:
            raise ConfigError(f"OSINT_GATE_MAX_BAD_FRACTION must be in (0, 1], got {self.max_bad_fraction}")
        if not 0.0 <= self.max_shrink <= 1.0:
            raise ConfigError(f"OSINT_GATE_MAX_SHRINK must be in [0, 1], got {self.max_shrink}")
        return self
