"""A deterministic synthetic news corpus for the benchmark: English wire-style articles built from
templates and the actor gazetteer, with the length and fact density of real coverage.

Real articles in ../shared/samples/articles are 2-9k characters; each carries a handful of facts
(a meeting held or planned, quoted and reported statements, an agreement, trade figures, dates)
inside much more background prose. The generator mirrors that mix so the extraction stage sees the
work it sees in production: most sentences are filler it must read and discard, a few carry facts.

Output is a `files` source folder of JSON item lists (`part-00000.json`, ...), the format the files
connector reads, so the benchmark runs the real connector and landing code on it.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = REPO_ROOT / "dbt" / "seeds" / "actor_gazetteer.csv"
OUTLETS = REPO_ROOT / "dbt" / "seeds" / "outlet_registry.csv"

# Cities used as meeting venues; countries without an entry meet in their capital's name stand-in.
CITIES = {
    "RUS": ["Moscow", "St. Petersburg", "Sochi", "Kazan", "Vladivostok"],
    "IRN": ["Tehran", "Isfahan", "Mashhad"],
    "CHN": ["Beijing", "Shanghai", "Xi'an"],
    "USA": ["Washington", "New York"],
    "IND": ["New Delhi", "Mumbai"],
    "TUR": ["Ankara", "Istanbul"],
    "ISR": ["Jerusalem", "Tel Aviv"],
    "UKR": ["Kyiv", "Lviv"],
    "BLR": ["Minsk"],
    "PRK": ["Pyongyang"],
    "SAU": ["Riyadh", "Jeddah"],
    "ARE": ["Abu Dhabi", "Dubai"],
    "QAT": ["Doha"],
    "EGY": ["Cairo"],
    "DEU": ["Berlin"],
    "FRA": ["Paris"],
    "GBR": ["London"],
    "BRA": ["Brasilia"],
    "ZAF": ["Pretoria", "Johannesburg"],
    "KAZ": ["Astana"],
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS = [
    "energy cooperation",
    "the North-South transport corridor",
    "regional security",
    "nuclear power",
    "grain supplies",
    "payments in national currencies",
    "sanctions relief",
    "the situation in Syria",
    "arms control",
    "gas pipelines",
    "the Caspian Sea",
    "banking links",
    "air defence systems",
    "the war in Ukraine",
    "shipping in the Red Sea",
    "a free trade zone",
    "space cooperation",
    "tourism and visas",
    "oil output quotas",
    "the BRICS summit agenda",
    "satellite launches",
]
AGREEMENT_KINDS = [
    ("Comprehensive Strategic Partnership Treaty", "treaty"),
    ("Memorandum of Understanding on {topic}", "memorandum"),
    ("Agreement on {topic}", "agreement"),
    ("Joint Statement on {topic}", "statement"),
    ("Roadmap for {topic}", "agreement"),
    ("Treaty on Good-Neighbourliness", "treaty"),
    ("Intergovernmental Agreement on {topic}", "agreement"),
    ("Free Trade Agreement", "agreement"),
]
QUOTE_SUBJECTS = [
    "Our cooperation",
    "This partnership",
    "The relationship between our countries",
    "Our trade",
    "The agreement we signed today",
    "Dialogue between our governments",
    "Our joint work",
    "The sanctions policy of the West",
    "Regional security",
    "The transport corridor",
]
QUOTE_PREDICATES = [
    "has reached an unprecedented level",
    "will only deepen in the coming years",
    "is not directed against any third country",
    "serves the interests of both our peoples",
    "cannot be stopped by outside pressure",
    "is entering a new stage",
    "must be based on mutual respect",
    "has become a pillar of stability in the region",
    "will open new opportunities for business",
    "shows that unilateral sanctions have failed",
]
REPORTED = [
    "the two sides had agreed to expand {topic}",
    "talks on {topic} had been constructive",
    "{country} was ready to increase deliveries",
    "new projects in {topic} would be announced soon",
    "the Western sanctions had not slowed cooperation",
    "a further round of talks was planned for later this year",
    "the sides had discussed {topic} in detail",
    "both governments remained committed to {topic}",
]
FILLER = [
    "Analysts said the talks reflected a broader shift in {topic}.",
    "The meeting came amid heightened tension over {topic}.",
    "Officials did not disclose further details of the discussions.",
    "Diplomats familiar with the negotiations described them as difficult but productive.",
    "The visit had been planned for several months, according to people familiar with the preparations.",
    "Observers noted that relations between the two countries have grown steadily over the past decade.",
    "Critics argue that the partnership is driven more by shared isolation than by common interests.",
    "The issue of {topic} has been on the agenda of bilateral talks since at least {year}.",
    "Markets reacted cautiously to the news, with the national currency little changed.",
    "Both governments have faced mounting pressure from Western sanctions since {year}.",
    "Independent experts cautioned that many previous announcements had not been implemented.",
    "The two delegations also discussed {topic} and the situation in the wider region.",
    "Security was tight across the city, with several streets closed to traffic.",
    "Local media broadcast images of the motorcade arriving at the venue.",
    "The talks were held behind closed doors and lasted for more than three hours.",
    "Business leaders from both countries attended a forum on the sidelines of the visit.",
    "A spokesperson for the foreign ministry declined to comment on the reports.",
    "The agenda also included {topic}, which has stalled in recent months.",
    "Several agreements prepared by the working groups are still awaiting approval.",
    "The head of the central bank is expected to brief lawmakers on the outcome next week.",
    "The announcement follows months of speculation in the regional press.",
    "It was not immediately clear how the plans would be financed.",
    "Earlier this year, negotiators met in a third country to narrow their differences on {topic}.",
    "Public opinion in both countries remains divided over the pace of rapprochement.",
    "The ministry said it would publish the full text of the documents in due course.",
    "Trade officials have set up a joint commission to oversee {topic}.",
    "Energy prices have been volatile since {year}, complicating long-term planning.",
    "The opposition accused the government of making concessions without parliamentary approval.",
    "A joint press conference had been scheduled but was later cancelled without explanation.",
    "Customs procedures at the border remain a frequent complaint of exporters.",
    "Several airlines have resumed direct flights between the two capitals.",
    "Defence cooperation was not mentioned in the official readout.",
    "The central banks of both countries have been working to link their payment systems since {year}.",
    "Questions remain over the financing of large infrastructure projects, including {topic}.",
    "The two leaders also exchanged views on the situation in the Middle East.",
    "Human rights groups have criticised the deepening ties.",
    "The European Union said it was following the developments closely.",
    "Washington has warned that it would respond to any breach of existing sanctions.",
    "Relations have been described by officials in {country} as the best in decades.",
    "The negotiations on {topic} are expected to resume after the summer break.",
]
# Background sentences that mention actors: real coverage names people and countries throughout.
BACKGROUND = [
    "{country} has been one of the closest partners of {other} since {year}.",
    "{surname} has repeatedly called for closer cooperation on {topic}.",
    "{surname} last met {other_surname} in {city} in {month} {year}.",
    "{other} has so far not commented on the talks.",
    "Speaking on state television, {surname} described the visit as a success.",
    "{country} and {other} have held several rounds of consultations on {topic} since {year}.",
]
DEMONYMS = {
    "RUS": "Russian",
    "IRN": "Iranian",
    "CHN": "Chinese",
    "USA": "U.S.",
    "TUR": "Turkish",
    "IND": "Indian",
    "ISR": "Israeli",
    "UKR": "Ukrainian",
    "BLR": "Belarusian",
    "PRK": "North Korean",
    "SAU": "Saudi",
    "FRA": "French",
    "DEU": "German",
    "GBR": "British",
    "EGY": "Egyptian",
    "QAT": "Qatari",
    "BRA": "Brazilian",
}


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    country: str
    role: str


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str


def _load_actors() -> tuple[list[Person], dict[str, str]]:
    people: list[Person] = []
    countries: dict[str, str] = {}
    with GAZETTEER.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = (row.get("country_code") or "").strip()
            if row["actor_type"] == "country" and code:
                countries.setdefault(code, row["canonical_name"])
            elif row["actor_type"] == "person" and code:
                role = (row.get("role") or "").split("(")[0].strip() or "official"
                # "Foreign Minister of Iran" reads "Iranian Foreign Minister" in news copy.
                head, _, of = role.partition(" of ")
                if of:
                    role = DEMONYMS.get(code, of + "'s") + " " + head
                name = row["canonical_name"]
                people.append(Person(name, name.split()[-1], code, role))
    people = [p for p in people if p.country in countries]
    return people, countries


def _load_outlets() -> list[Outlet]:
    outlets = []
    with OUTLETS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            domains = [d for d in (row.get("domains") or "").split("|") if d]
            outlets.append(Outlet(row["name"], domains[0] if domains else "example.org"))
    # Unregistered outlets exist in real feeds too: the pipeline must cope with unknown names.
    outlets += [Outlet(f"Regional Herald {i}", f"herald{i}.example.org") for i in range(8)]
    return outlets


def _long_date(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


class ArticleWriter:
    """Writes one article at a time from a seeded random generator (same seed, same corpus)."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.people, self.countries = _load_actors()
        self.outlets = _load_outlets()
        # Real coverage concentrates on a few dyads; weight the well-covered countries.
        self.by_country: dict[str, list[Person]] = {}
        for p in self.people:
            self.by_country.setdefault(p.country, []).append(p)
        self.hot = [
            c for c in ("RUS", "IRN", "CHN", "USA", "TUR", "IND", "ISR", "UKR") if c in self.by_country
        ]

    def _pair(self) -> tuple[Person, Person]:
        rng = self.rng
        pool = list(self.by_country)
        a_c = rng.choice(self.hot) if rng.random() < 0.7 else rng.choice(pool)
        b_c = a_c
        while b_c == a_c:
            b_c = rng.choice(self.hot) if rng.random() < 0.6 else rng.choice(pool)
        return rng.choice(self.by_country[a_c]), rng.choice(self.by_country[b_c])

    def _city(self, country: str) -> str:
        return self.rng.choice(CITIES.get(country) or [self.countries[country]])

    def _ref(self, p: Person, first: bool) -> str:
        """First mention: role and full name; later: surname (as wire copy does)."""
        if first:
            return f"{p.role} {p.name}" if self.rng.random() < 0.7 else p.name
        return p.surname

    def _quote(self) -> str:
        return f"{self.rng.choice(QUOTE_SUBJECTS)} {self.rng.choice(QUOTE_PREDICATES)}"

    def _fill(self, template: str, a: Person, b: Person, year: int) -> str:
        one, other = (a, b) if self.rng.random() < 0.5 else (b, a)
        return template.format(
            topic=self.rng.choice(TOPICS),
            year=year - self.rng.randint(1, 8),
            country=self.countries[one.country],
            other=self.countries[other.country],
            surname=one.surname,
            other_surname=other.surname,
            city=self._city(other.country),
            month=self.rng.choice(MONTHS),
        )

    def article(self, index: int, id_prefix: str, start: date, days: int) -> dict[str, Any]:
        rng = self.rng
        published = start + timedelta(days=rng.randrange(days))
        a, b = self._pair()
        ca, cb = self.countries[a.country], self.countries[b.country]
        host = rng.choice((a, b))
        guest = b if host is a else a
        city = self._city(host.country)
        event = published - timedelta(days=rng.randint(0, 3))
        planned = rng.random() < 0.25
        topic = rng.choice(TOPICS)
        year = published.year
        facts: list[str] = []

        if planned:
            when = event + timedelta(days=rng.randint(5, 40))
            facts.append(
                rng.choice(
                    [
                        f"{self._ref(guest, True)} is set to visit {city} on {_long_date(when)} to meet {self._ref(host, True)}.",
                        f"{self._ref(guest, True)} will travel to {self.countries[host.country]} next month for talks with "
                        f"{self._ref(host, True)} on {topic}, officials said.",
                    ]
                )
            )
        else:
            facts.append(
                rng.choice(
                    [
                        f"{self._ref(guest, True)} met {self._ref(host, True)} in {city} on {_long_date(event)} to discuss {topic}.",
                        f"{self._ref(guest, True)} arrived in {city} on {WEEKDAYS[event.weekday()]} for a "
                        f"{rng.randint(1, 3)}-day official visit and held talks with {self._ref(host, True)}.",
                        f"{self._ref(host, True)} held a phone call with {self._ref(guest, True)} on {_long_date(event)}, "
                        f"the {'Kremlin' if host.country == 'RUS' else rng.choice(('foreign ministry', 'presidential office'))} said.",
                    ]
                )
            )
        for _ in range(rng.choice((1, 2, 2, 3, 4))):
            speaker = rng.choice((a, b))
            facts.append(
                rng.choice(
                    [
                        f'"{self._quote()}," {self._ref(speaker, False)} said.',
                        f'"{self._quote()}," {self._ref(speaker, False)} told reporters in {city}.',
                        f"{self._ref(speaker, False)} said that {self._fill(rng.choice(REPORTED), a, b, year)}.",
                        f"According to {self._ref(speaker, False)}, {self._fill(rng.choice(REPORTED), a, b, year)}.",
                    ]
                )
            )
        if rng.random() < 0.35:
            name, _kind = rng.choice(AGREEMENT_KINDS)
            name = name.format(topic=topic)
            if planned:
                facts.append(f"{ca} and {cb} are expected to sign a {name} during the visit.")
            else:
                facts.append(
                    rng.choice(
                        [
                            f"The two sides signed a {name} on {_long_date(event)}.",
                            f"The {rng.choice((10, 20, 25))}-year {name}, which contains {rng.randint(12, 60)} articles, "
                            f"was signed by {a.surname} and {b.surname} in {city}.",
                        ]
                    )
                )
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            facts.append(
                rng.choice(
                    [
                        f"Trade between {ca} and {cb} reached ${rng.randint(2, 240)} billion in {year - 1}, "
                        f"{self._ref(rng.choice((a, b)), False)} said.",
                        f"Over {rng.randint(40, 95)} percent of transactions between the two countries are now settled "
                        "in national currencies.",
                        f"The two countries aim to raise bilateral trade to ${rng.randint(5, 300)} billion annually by "
                        f"{year + rng.randint(1, 6)}.",
                        f"{rng.choice((ca, cb))} exported {rng.randint(1, 60)} million tonnes of grain in {year - 1}.",
                        f"Bilateral trade grew {rng.randint(2, 45)} percent year on year in the first half of {year}.",
                    ]
                )
            )
        if rng.random() < 0.2:
            facts.append(f"The report was first carried by {rng.choice(self.outlets).name}.")
        if rng.random() < 0.1:
            facts.append(
                f"The statement was also posted on Telegram: https://t.me/{rng.choice(('rian_ru', 'tass_agency', 'irna_en', 'mfa_russia'))}/{rng.randint(1000, 99999)}"
            )

        # Filler to a realistic length: 1.2k-9k characters, median about 3.5k.
        target = int(min(9000, max(1200, rng.lognormvariate(8.15, 0.45))))
        sentences = list(facts)
        length = sum(len(s) + 1 for s in sentences)
        # Draw filler without replacement (then reshuffle) so an article rarely repeats itself.
        pool: list[str] = []
        while length < target:
            if not pool:
                pool = FILLER + BACKGROUND * 2
                rng.shuffle(pool)
            s = self._fill(pool.pop(), a, b, year)
            sentences.append(s)
            length += len(s) + 1
        # The lead fact stays first; the others scatter through the body.
        rest = sentences[1:]
        rng.shuffle(rest)
        ordered = [sentences[0], *rest]
        paragraphs, i = [], 0
        while i < len(ordered):
            n = rng.randint(2, 4)
            paragraphs.append(" ".join(ordered[i : i + n]))
            i += n
        outlet = rng.choice(self.outlets)
        slug = f"{a.surname}-{b.surname}-{topic.split()[0]}".lower().replace("'", "")
        stamp = datetime.combine(published, datetime.min.time()) + timedelta(minutes=rng.randrange(24 * 60))
        title = rng.choice(
            [
                f"{a.surname} and {b.surname} discuss {topic}",
                f"{ca} and {cb} step up {topic}",
                f"{guest.surname} {'to visit' if planned else 'visits'} {city}",
            ]
        )
        return {
            "id": f"{id_prefix}-{index:07d}",
            "title": title,
            "url": f"https://{outlet.domain}/{published:%Y/%m/%d}/{slug}-{index}",
            "outlet": outlet.name,
            "published_at": stamp.isoformat() + "Z",
            "language": "en",
            "body": "\n".join(paragraphs),
        }


def iter_articles(count: int, seed: int = 20250117, id_prefix: str = "syn") -> Iterator[dict[str, Any]]:
    writer = ArticleWriter(seed)
    for i in range(count):
        yield writer.article(i, id_prefix, date(2021, 1, 1), 5 * 365)


def write_corpus(
    folder: Path, count: int, seed: int = 20250117, id_prefix: str = "syn", per_file: int = 1000
) -> dict[str, Any]:
    """Write `count` articles as JSON lists of `per_file` items; returns counts and sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    chunk: list[dict[str, Any]] = []
    files = chars = 0
    for item in iter_articles(count, seed, id_prefix):
        chunk.append(item)
        chars += len(item["body"])
        if len(chunk) == per_file:
            _dump(folder / f"part-{files:05d}.json", chunk)
            files, chunk = files + 1, []
    if chunk:
        _dump(folder / f"part-{files:05d}.json", chunk)
        files += 1
    return {
        "documents": count,
        "files": files,
        "body_chars": chars,
        "mean_body_chars": round(chars / count) if count else 0,
        "bytes": sum(p.stat().st_size for p in folder.glob("*.json")),
        "seed": seed,
    }


def _dump(path: Path, items: list[dict[str, Any]]) -> None:
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
