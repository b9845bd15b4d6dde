"""Draw the blind Russian gold sample: a fixed-seed, stratified choice of Russian channel posts.

    python -m tests.eval.blind_sample_ru              # (re)write tests/eval/gold/blind_ru/sample.yaml
    python -m tests.eval.blind_sample_ru --texts DIR  # also write each post's landed text to DIR

The sample is 150 posts of the shared Russian news channels (`../shared/corpora/telegram/
ru_news_channels`, landed through the telegram_api connector exactly as the pipeline lands them):
half drawn from posts matching diplomacy/economy vocabulary, half from all posts, each half taken
round-robin across channels so every channel is represented. Each stratum is split alternately into
a `dev` half, which may be studied, and a `test` half, whose errors nobody reads.

A third stratum, `telegram-ru-contacts` (CONTACT_POSTS posts, drawn after the first two and
annotated later, before the extractor's output on them was read), takes posts that name a
diplomatic contact or an agreement (CONTACTS): the first 150 held one gold meeting and one gold
agreement per half, too few to measure either. It is drawn from outside the precision audit's
`ru-channels` corpus, which leaves out only the first two strata (BASE_STRATA), so the audit
corpus is the same with or without it.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from tests.eval.blind_sample import _round_robin, _split
from tests.eval.corpora import RU_CHANNELS

SEED = 20261203
POSTS_PER_STRATUM = 75
MIN_CHARS = 80
MAX_CHARS = 4_000
SAMPLE_FILE = Path(__file__).parent / "gold" / "blind_ru" / "sample.yaml"

# Diplomacy / economy vocabulary (stems, case-insensitive): the facts this warehouse extracts.
KEYWORDS = re.compile(
    r"встреч|встрети|переговор|визит|саммит|телефонн\w+ разговор|договор|соглашени|меморандум|подписа"
    r"|ратифиц|товарооборот|экспорт|импорт|санкци|млрд|млн|трлн|процент|%|министр|посол|дипломат"
    r"|заявил|сообщил|по словам|президент|премьер",
    re.I,
)


# Contacts and agreements (stems): a meeting, talks, a visit, a call, a summit, a signing.
CONTACTS = re.compile(
    r"встретил|встретят|встреча|переговор|визит|телефонн\w+ разговор|саммит|подписал|подпишут|договор[аеуо ]"
    r"|соглашени|меморандум",
    re.I,
)
CONTACT_POSTS = 60
BASE_STRATA = ("telegram-ru-keyword", "telegram-ru-random")


def land_posts() -> dict[str, Any]:
    """doc key (`tg:<external id>`) → the telegram_api connector's record, for every Russian post."""
    from ingestion.source_config import TelegramApiSourceConfig
    from ingestion.sources.telegram_api import TelegramApiConnector

    config = TelegramApiSourceConfig(kind="telegram_api", name="blind_ru", dump_path=RU_CHANNELS)
    fetched = TelegramApiConnector(config).fetch(None)
    return {f"tg:{r.external_id}": r for r in fetched.records}


def landed_texts(docs: list[dict[str, Any]]) -> dict[str, Any]:
    wanted = {d["doc"] for d in docs}
    return {k: r for k, r in land_posts().items() if k in wanted}


def draw() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    everything: dict[str, list[str]] = defaultdict(list)
    keyword: dict[str, list[str]] = defaultdict(list)
    posts = land_posts()
    for key, record in sorted(posts.items()):
        body = record.body or ""
        if record.language != "ru" or not MIN_CHARS <= len(body) <= MAX_CHARS:
            continue
        channel = key.split(":", 1)[1].rsplit("/", 1)[0]
        everything[channel].append(key)
        if KEYWORDS.search(body):
            keyword[channel].append(key)
    chosen_kw = _round_robin(keyword, POSTS_PER_STRATUM, rng)
    taken = {k for _, k in chosen_kw}
    chosen_any = _round_robin({c: [k for k in v if k not in taken] for c, v in everything.items()},
                              POSTS_PER_STRATUM, rng)
    docs: list[dict[str, Any]] = []
    for stratum, chosen in (("telegram-ru-keyword", chosen_kw), ("telegram-ru-random", chosen_any)):
        docs += _split(stratum, [{"doc": key, "feed": channel} for channel, key in chosen])
    from tests.eval.audit import ru_audit_keys  # imported here: the audit reads this module's sample

    excluded = {d["doc"] for d in docs} | ru_audit_keys({d["doc"] for d in docs}, posts)
    contacts: dict[str, list[str]] = defaultdict(list)
    for channel, keys in sorted(everything.items()):
        contacts[channel] = [k for k in keys if k not in excluded and CONTACTS.search(posts[k].body or "")]
    chosen_contacts = _round_robin(contacts, CONTACT_POSTS, rng)
    docs += _split("telegram-ru-contacts", [{"doc": key, "feed": channel} for channel, key in chosen_contacts])
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, help="write each post's landed text here (not in the repo)")
    args = parser.parse_args(argv)
    if not RU_CHANNELS.is_dir():
        print(f"skipped: {RU_CHANNELS} is absent", file=sys.stderr)
        return 0
    docs = draw()
    header = (
        "# Blind Russian gold: the posts (ids only; texts stay in ../shared). Drawn by\n"
        f"# tests/eval/blind_sample_ru.py with seed {SEED}. split: dev may be studied; test is scored only.\n"
    )
    SAMPLE_FILE.parent.mkdir(parents=True, exist_ok=True)
    SAMPLE_FILE.write_text(header + yaml.safe_dump({"seed": SEED, "documents": docs}, sort_keys=False,
                                                    allow_unicode=True), encoding="utf-8")
    print(f"{len(docs)} documents → {SAMPLE_FILE}")
    if args.texts:
        args.texts.mkdir(parents=True, exist_ok=True)
        for key, record in landed_texts(docs).items():
            name = key.replace(":", "_").replace("/", "_")
            meta = f"# doc: {key}\n# published_at: {record.published_at}\n# url: {record.url}\n"
            (args.texts / f"{name}.txt").write_text(meta + record.body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
