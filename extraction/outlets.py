"""The outlet registry (dbt/seeds/outlet_registry.csv) compiled into name, handle and domain lookups."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from extraction.seeds import seed_list, seed_path


@dataclass(frozen=True, slots=True)
class Outlet:
    outlet_id: str
    name: str
    platform: str
    handles: tuple[str, ...]
    domains: tuple[str, ...]
    aliases: tuple[str, ...]
    country_code: str | None


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(seed_list(value))


class OutletRegistry:
    def __init__(self, outlets: list[Outlet]):
        self.outlets = {o.outlet_id: o for o in outlets}
        self._by_name: dict[str, Outlet] = {}
        self._by_handle: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        for o in outlets:
            for n in (o.name, *o.aliases):
                # Two-letter aliases ("AP", "AA") are too ambiguous in running text to match alone.
                if len(n) >= 3:
                    self._by_name.setdefault(n, o)
            for h in o.handles:
                self._by_handle.setdefault(h.casefold(), o)
            for d in o.domains:
                self._by_domain.setdefault(d.casefold().removeprefix("www."), o)
        domains = sorted(self._by_domain, key=len, reverse=True)
        # A registry domain written without a scheme ("en.mfa.ir"), optionally with a path.
        self._domain_pattern = (
            re.compile(
                r"(?<![\w./@-])(?:"
                + "|".join(re.escape(d) for d in domains)
                + r")(?:/[^\s<>\"'“”()]*)?(?![\w-])",
                re.I,
            )
            if domains
            else None
        )
        names = sorted(self._by_name, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w./@])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
            if names
            else None
        )

    def find_names(self, text: str) -> list[tuple[int, int, Outlet]]:
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self._by_name[m.group(0)]) for m in self._pattern.finditer(text)]

    def find_domains(self, text: str) -> list[tuple[int, int, Outlet]]:
        if self._domain_pattern is None:
            return []
        out = []
        for m in self._domain_pattern.finditer(text):
            raw = m.group(0).rstrip(".,;:!?)]")
            outlet = self.by_url(raw)
            if outlet:
                out.append((m.start(), m.start() + len(raw), outlet))
        return out

    def by_handle(self, handle: str) -> Outlet | None:
        return self._by_handle.get(handle.casefold())

    def by_url(self, url: str) -> Outlet | None:
        host = (
            (urlsplit(url if "://" in url else f"https://{url}").hostname or "")
            .casefold()
            .removeprefix("www.")
        )
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.partition(".")[2] if host.count(".") > 1 else ""
        return None

    def by_name(self, name: str) -> Outlet | None:
        return self._by_name.get(name)


def read_outlet_seed(path: Path | None = None) -> list[Outlet]:
    with (path or seed_path("outlet_registry")).open(encoding="utf-8", newline="") as fh:
        return [
            Outlet(
                outlet_id=row["outlet_id"],
                name=row["name"],
                platform=row.get("platform") or "unknown",
                handles=_split(row.get("handles")),
                domains=_split(row.get("domains")),
                aliases=_split(row.get("aliases")),
                country_code=row.get("country_code") or None,
            )
            for row in csv.DictReader(fh)
        ]


@lru_cache(maxsize=4)
def load_outlets(path: Path | None = None) -> OutletRegistry:
    return OutletRegistry(read_outlet_seed(path))
