"""Builders for source fixtures in their real formats (t.me/s pages, Desktop exports)."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
BASE_DATE = datetime(2025, 1, 10, 9, 0, tzinfo=UTC)


def tme_post(message_id: int, text: str, views: str = "1.2K", edited: bool = False, extra: str = "",
             date: datetime | None = None) -> str:
    template = (FIXTURES / "tme_post.html").read_text(encoding="utf-8")
    when = date or BASE_DATE + timedelta(hours=message_id)
    return template.format(id=message_id, text=text, views=views, extra=extra,
                           edited="edited &nbsp;" if edited else "", date=when.isoformat())


def tme_page(posts: list[str], subscribers: str = "48.3K") -> str:
    template = (FIXTURES / "tme_template.html").read_text(encoding="utf-8")
    return template.replace("{subscribers}", subscribers).replace("{posts}", "\n".join(posts))


def tme_channel(ids: range, edits: dict[int, str] | None = None) -> dict[int, str]:
    """Text of each post of the fixture channel (diplomatic news, one line each)."""
    texts = {i: html.escape(f"Bulletin {i}: foreign ministers of Russia and Iran met in Moscow to review the "
                            f"partnership treaty, item {i}.") for i in ids}
    texts.update(edits or {})
    return texts


def desktop_export(messages: list[dict[str, Any]], name: str = "Caspian Monitor", chat_id: int = 1555000111) -> str:
    return json.dumps({"name": name, "type": "public_channel", "id": chat_id, "messages": messages},
                      ensure_ascii=False, indent=1)


def export_message(message_id: int, text: str | list[Any], when: datetime | None = None, **fields: Any) -> dict[str, Any]:
    when = when or BASE_DATE + timedelta(minutes=message_id)
    message: dict[str, Any] = {
        "id": message_id, "type": "message",
        "date": when.replace(tzinfo=None).isoformat(timespec="seconds"),
        "date_unixtime": str(int(when.timestamp())),
        "from": "Caspian Monitor", "from_id": "channel1555000111",
        "text": text,
        "text_entities": [{"type": "plain", "text": text}] if isinstance(text, str) else
        [p if isinstance(p, dict) else {"type": "plain", "text": p} for p in text],
    }
    message.update(fields)
    return message
