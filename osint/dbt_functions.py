"""The project's Python rules as DuckDB functions for dbt (a dbt-duckdb plugin, see dbt/profiles.yml).

A rule that both the extractor/connectors and the SQL models need has ONE owner, in Python; dbt
calls it through these functions instead of keeping a SQL copy that could drift:

    osint_name_normalized(name)   extraction.names.normalized_name
    osint_name_translit(name)     extraction.names.translit_key (of a normalized name)
    osint_url_comparable(url)     ingestion.urls.comparable_url
    osint_language_code(tag)      ingestion.language.normalize_language_code ('en-US' → 'en')
    osint_seed_list(cell)         extraction.seeds.seed_list ('a|b|c' → ['a', 'b', 'c'])
    osint_conflicting_given_names(forms, known)  extraction.names.conflicting_given_names (one actor, two
                                          people? `known`: the seed's own forms of it)
    osint_agreement_name_english(name)    extraction.russian.terms.agreement_name_english (Russian words
                                          of an agreement name in English, for the name-token rule)

The functions are pure (same input, same output), so DuckDB may cache and reorder them.
"""

from __future__ import annotations

import contextlib
from typing import Any

import duckdb
from duckdb.func import FunctionNullHandling
from duckdb.sqltypes import VARCHAR

from extraction.names import conflicting_given_names, normalized_name, translit_key
from extraction.russian.terms import agreement_name_english
from extraction.seeds import seed_list
from ingestion.language import normalize_language_code
from ingestion.urls import comparable_url

try:  # dbt-duckdb is only needed when dbt loads this module as a plugin
    from dbt.adapters.duckdb.plugins import BasePlugin
except ImportError:  # pragma: no cover - dbt-duckdb is a core dependency
    BasePlugin = object  # type: ignore[assignment,misc]

FUNCTIONS: dict[str, tuple[Any, list[Any], Any]] = {
    "osint_name_normalized": (normalized_name, [VARCHAR], VARCHAR),
    "osint_name_translit": (translit_key, [VARCHAR], VARCHAR),
    "osint_url_comparable": (comparable_url, [VARCHAR], VARCHAR),
    "osint_language_code": (normalize_language_code, [VARCHAR], VARCHAR),
    "osint_seed_list": (seed_list, [VARCHAR], duckdb.list_type(VARCHAR)),
    "osint_conflicting_given_names": (conflicting_given_names, [duckdb.list_type(VARCHAR), duckdb.list_type(VARCHAR)],
                                      duckdb.list_type(VARCHAR)),
    "osint_agreement_name_english": (agreement_name_english, [VARCHAR], VARCHAR),
}
# Functions that may return NULL for a non-NULL input (DuckDB then needs null_handling='special').
MAY_RETURN_NULL = frozenset({"osint_language_code"})


def register_functions(con: duckdb.DuckDBPyConnection) -> None:
    """Register every project function on a connection (idempotent)."""
    for name, (fn, params, returns) in FUNCTIONS.items():
        # already registered on this database instance: dbt's cursors share it
        with contextlib.suppress(duckdb.CatalogException, duckdb.NotImplementedException):
            con.create_function(
                name, fn, params, returns, side_effects=False,
                null_handling=FunctionNullHandling.SPECIAL if name in MAY_RETURN_NULL else FunctionNullHandling.DEFAULT,
            )


class Plugin(BasePlugin):
    """dbt-duckdb plugin: registers the functions on every connection dbt opens; with `ducklake: true` in
    its profile config (the `lake` target) it first loads the DuckLake extensions from the installed
    wheels, since dbt-duckdb attaches the lake after the plugins configured the connection."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self.ducklake = bool(plugin_config.get("ducklake"))

    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        if getattr(self, "ducklake", False):
            from osint.lake import load_extensions

            load_extensions(conn)
        register_functions(conn)
