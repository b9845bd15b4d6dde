"""Connectors: one module per source kind, each turning the outside world into DocumentRecords."""

from __future__ import annotations

import importlib
from typing import Any, Protocol

from ingestion.records import FetchResult
from ingestion.source_config import SourceConfig

# kind -> "module:Class"; imported lazily so a DAG or CLI only pays for the connectors it uses.
CONNECTORS: dict[str, str] = {
    "files": "ingestion.sources.files:FilesConnector",
    "telegram_web": "ingestion.sources.telegram_web:TelegramWebConnector",
    "telegram_export": "ingestion.sources.telegram_export:TelegramExportConnector",
    "telegram_api": "ingestion.sources.telegram_api:TelegramApiConnector",
    "rss": "ingestion.sources.rss:RssConnector",
    "web": "ingestion.sources.web:WebConnector",
}


class Connector(Protocol):
    def __init__(self, config: Any) -> None: ...

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        """Fetch everything newer than `cursor`; return records, rejects and the next cursor."""
        ...


def connector_for(source: SourceConfig) -> Connector:
    target = CONNECTORS.get(source.kind)
    if target is None:
        raise NotImplementedError(f"source kind {source.kind!r} has no connector yet")
    module_name, class_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(source)  # type: ignore[no-any-return,unused-ignore]
