"""Work bounds for hostile input, shared by every connector.

A record from outside may be nested 100k levels deep, be one 10 GB line, carry bytes that are not
text, or have a name that is not UTF-8. Each check here is linear in the input and never recurses,
so a bad record costs bounded time and memory and becomes one quarantine row; the rest of its
source still lands. A rejected payload is kept as its first bytes plus its size and SHA-256
(`payload_excerpt`), so the row stays small and the original can still be identified.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

PAYLOAD_HEAD_BYTES = 64 * 1024  # what raw.quarantine keeps of a rejected payload that is larger
MAX_JSON_DEPTH = 128  # real exports, feed items and dumps nest < 20 levels
MAX_HTML_DEPTH = 512  # what browsers build at most (Chromium and html5ever stop nesting at 512)

_SURROGATE = re.compile("[\ud800-\udfff]")
_PRINTABLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202f\u2060\ufeff]")


# -- text ------------------------------------------------------------------------------------------

def has_surrogates(text: str) -> bool:
    """True when `text` holds lone surrogates: undecodable file-name bytes, or a JSON "\\ud800" escape."""
    return _SURROGATE.search(text) is not None


def clean_text(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD, so it can be written as UTF-8 (Parquet, DuckDB)."""
    return _SURROGATE.sub("\ufffd", text) if has_surrogates(text) else text


def shown_name(name: str) -> str:
    """A file name for messages and record refs: undecodable bytes shown as \\xff escapes."""
    try:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return clean_text(name)


def has_printable_text(text: str) -> bool:
    """False for text made only of whitespace, control characters (NUL…) and invisible marks."""
    return _PRINTABLE.search(text) is not None


def binary_text_reason(text: str) -> str | None:
    """Why decoded `text` is binary data rather than text (NUL characters), else None."""
    nul = text.count("\x00")
    if nul:
        return f"contains {nul} NUL bytes: binary data (or UTF-16/32 text), not UTF-8 text"
    return None


# -- rejected payloads -------------------------------------------------------------------------------

def payload_excerpt(data: bytes | str, total_bytes: int | None = None, sha256: str | None = None,
                    limit: int = PAYLOAD_HEAD_BYTES) -> tuple[str, str]:
    """(the first `limit` bytes of a rejected payload as text, a note with its size and SHA-256).

    `data` is the whole payload, or only its head when `total_bytes` (and `sha256`, when the whole
    was hashed while it streamed past) describe the whole. The note goes at the end of the reason.
    """
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    if not raw and not total_bytes:
        return "", ""
    total = len(raw) if total_bytes is None else max(total_bytes, len(raw))
    head = raw[:limit]
    text = clean_text(head.decode("utf-8", "replace"))
    if sha256 is not None:
        digest = f"sha256 {sha256}"
    elif total > len(raw):
        digest = f"sha256 of the first {len(raw):,} bytes {hashlib.sha256(raw).hexdigest()}"
    else:
        digest = f"sha256 {hashlib.sha256(raw).hexdigest()}"
    size = f"{total:,} bytes" + (f", first {len(head):,} kept" if len(head) < total else "")
    return text, f"[payload {size}; {digest}]"


# -- JSON ----------------------------------------------------------------------------------------------

# One match per bracket outside strings: strings and other characters are skipped inside the regex
# engine (possessive, so no backtracking; an unterminated string runs to the end), so the Python
# loop runs once per bracket, and every match succeeds (the last one at the end of the text).
_JSON_BRACKET = re.compile(r'(?:"[^"\\]*+(?:\\.[^"\\]*+)*+(?:"|\\?\Z)|[^"\[\]{}]++)*+([\[\]{}]|\Z)', re.DOTALL)
TOO_DEEP_MARK = "\x00osint:nested-too-deep"
_TOO_DEEP_IN_JSON = "\\u0000osint:nested-too-deep"  # the mark as json.dumps writes it


class TooDeep(ValueError):
    """JSON or HTML nested deeper than the bound."""


def json_depth_exceeded(text: str, limit: int = MAX_JSON_DEPTH) -> int | None:
    """Offset of the bracket where JSON `text` first nests deeper than `limit`, else None (linear)."""
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for match in _JSON_BRACKET.finditer(text):
        bracket = match.group(1)
        if not bracket:
            break
        if bracket in "[{":
            depth += 1
            if depth > limit:
                return match.start(1)
        elif depth:
            depth -= 1
    return None


def too_deep_reason(limit: int = MAX_JSON_DEPTH, offset: int | None = None) -> str:
    where = f" (at character {offset:,})" if offset is not None else ""
    return f"JSON nested deeper than {limit} levels{where}; refused before parsing"


def loads_bounded(text: str, limit: int = MAX_JSON_DEPTH) -> Any:
    """json.loads that refuses (TooDeep) input nested deeper than `limit` instead of recursing into it."""
    import json

    offset = json_depth_exceeded(text, limit)
    if offset is not None:
        raise TooDeep(too_deep_reason(limit, offset))
    return json.loads(text)


def cut_deep_json(text: str, limit: int = MAX_JSON_DEPTH) -> tuple[str, int]:
    """`text` with each value nested deeper than `limit` replaced by a marker string; (text, cuts).

    The marker names the cut value's size, SHA-256 and first characters. The result parses without
    deep recursion, and the records (messages) that contain a marker are quarantined one by one
    (`contains_cut`) while the rest of the document still reads. Linear in the text.
    """
    import json

    if json_depth_exceeded(text, limit) is None:
        return text, 0
    pieces: list[str] = []
    last = depth = cuts = 0
    cut_start: int | None = None

    def marker(span: str) -> str:
        digest = hashlib.sha256(span.encode("utf-8", "surrogatepass")).hexdigest()
        return json.dumps(f"{TOO_DEEP_MARK} {len(span):,} characters, sha256 {digest}, starts {clean_text(span[:64])!r}")

    for match in _JSON_BRACKET.finditer(text):
        bracket = match.group(1)
        if not bracket:
            break
        at = match.start(1)
        if bracket in "[{":
            depth += 1
            if depth == limit + 1:
                cut_start = at
        else:
            if depth == limit + 1 and cut_start is not None:
                pieces += [text[last:cut_start], marker(text[cut_start : at + 1])]
                last, cut_start = at + 1, None
                cuts += 1
            if depth:
                depth -= 1
    if cut_start is not None:  # never closed (a truncated file): cut to the end
        pieces += [text[last:cut_start], marker(text[cut_start:])]
        last = len(text)
        cuts += 1
    pieces.append(text[last:])
    return "".join(pieces), cuts


def contains_cut(dumped: str) -> bool:
    """True when a json.dumps'ed record holds a value that `cut_deep_json` cut out."""
    return _TOO_DEEP_IN_JSON in dumped


# -- HTML ----------------------------------------------------------------------------------------------

# Comments and raw-text elements are skipped whole (a "<div>" in a script is not markup); every
# alternative matches up to the end of the text when unterminated, so the scan stays linear.
_HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript)\b[^>]*+>.*?(?:</(?:script|style|textarea"
    r"|title|xmp|iframe|noembed|noframes|noscript)\s*>|\Z)"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*+)[^>]*+(?:>|\Z)",
    re.DOTALL | re.IGNORECASE,
)
_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "bgsound", "command", "frame", "image", "isindex", "menuitem",
))
# end tags a parser infers (a new <p> closes the open one): not counted, so sloppy markup is not "deep"
_IMPLIED_END = frozenset((
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
    "caption", "rb", "rt", "rp", "rtc", "html", "head", "body",
))


def html_depth_exceeded(html: str, limit: int = MAX_HTML_DEPTH) -> int | None:
    """How deep HTML (or XML) `html` nests once that exceeds `limit` (an estimate from its tags), else None.

    Linear and stops early, so a 200k-deep file costs milliseconds; the HTML parsers used here
    take time growing with the square of the depth, so deep markup is refused before parsing.
    """
    if html.count("<") <= limit:
        return None
    depth = 0
    for match in _HTML_TOKEN.finditer(html):
        name = match.group(2)
        if name is None:
            continue  # a comment or a raw-text element
        name = name.lower()
        if name in _VOID or name in _IMPLIED_END:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        elif not match.group(0).endswith("/>"):
            depth += 1
            if depth > limit:
                return depth + _remaining_depth(html, match.end())
    return None


def _remaining_depth(html: str, start: int) -> int:
    """Cheap lower bound on how much deeper the markup goes (for the message only)."""
    run = re.match(r"(?:\s*<[a-zA-Z][^>/]*>)*", html[start : start + 16 * 1024 * 1024])
    return run.group(0).count("<") if run else 0


_TAG_OR_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)|<[^>]*+(?:>|\Z)", re.DOTALL)


def html_flat_text(html: str) -> str:
    """Text of markup without parsing it: tags dropped, entities decoded (for markup too deep to parse)."""
    import html as html_lib

    text = _TAG_OR_COMMENT.sub(" ", html)
    return html_lib.unescape(" ".join(text.split()))


# -- lines of a (decompressed) stream ---------------------------------------------------------------

@dataclass
class Line:
    number: int
    data: bytes  # the whole line (stripped), or its first bytes when `overlong`
    overlong: bool = False
    size: int = 0  # bytes of the whole line (as far as it was read)
    sha256: str | None = None  # of the whole line (as far as it was read), when overlong
    cap_reached: bool = False  # the stream passed its decompressed-size cap inside this line: nothing after is read


class DecompressedTooLarge(ValueError):
    """The stream expanded beyond its cap: the rest of it is not read."""

    def __init__(self, cap: int, lines: int):
        super().__init__(f"expands beyond max_decompressed_bytes={cap} after line {lines}; the rest is not read")
        self.cap = cap
        self.lines = lines


def bounded_lines(handle: BinaryIO, max_line_bytes: int, max_total_bytes: int, chunk: int = 1 << 20) -> Iterator[Line]:
    """Non-empty lines of a binary stream (e.g. a GzipFile), never holding more than `max_line_bytes`.

    A longer line is yielded as its head with `overlong` set (the rest is read past and hashed, not
    kept). Reading stops once `max_total_bytes` have streamed past: inside an overlong line that line
    comes with `cap_reached`; otherwise DecompressedTooLarge is raised. So a gzip bomb costs at most
    `max_total_bytes` of inflating and `max_line_bytes` of memory.
    """
    total = 0
    number = 0
    while True:
        data = handle.readline(max_line_bytes + 1)
        if not data:
            return
        number += 1
        total += len(data)
        if len(data) <= max_line_bytes or data.endswith(b"\n"):
            if total > max_total_bytes:
                raise DecompressedTooLarge(max_total_bytes, number - 1)
            data = data.strip()
            if data:
                yield Line(number, data, size=len(data))
            continue
        digest = hashlib.sha256(data)
        size = len(data)
        cap_reached = total > max_total_bytes
        while not cap_reached:
            rest = handle.readline(chunk)
            if not rest:
                break
            total += len(rest)
            size += len(rest)
            digest.update(rest)
            if rest.endswith(b"\n"):
                break
            cap_reached = total > max_total_bytes
        yield Line(number, data[:PAYLOAD_HEAD_BYTES], overlong=True, size=size, sha256=digest.hexdigest(),
                   cap_reached=cap_reached)
        if cap_reached:
            return
