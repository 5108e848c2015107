"""Events on real reports: ACLED event notes and UCDP GED headlines, scored end to end.

Each record's text goes through the whole pipeline (sentences, gazetteer, events) with its
date as ``published``, and the FeatureCollection is scored against the record's gold:

ACLED (``acled_dev.jsonl``), per record:
- located@10/50/161 km: some event position within that distance of ACLED's point;
- type / sub-type: the ACLED type of the nearest event (among the events within 1 km of the
  nearest one, one with ACLED's type is taken if there is one); a confusion table by type;
- deaths exact: the sum of ``casualties.killed`` over all events equals ACLED's fatalities,
  on records where ACLED counts deaths; "no deaths" is reported apart where ACLED has none;
- date: the nearest event's date equals ACLED's event date;
- empty: no event at all.

The project's own annotated articles (``tests/articles``, every batch, and the seed), as
(event type, place) pairs: an expected event is found when a predicted event of its type
lies within 50 km of the annotated place (hand-resolved coordinates); precision over the
predicted events of the annotated kinds; tolls: the matched event's killed equals the
annotated count.

UCDP (``ucdp_dev.jsonl``), per record:
- placed: where the geoparser finds a place within 50 km of UCDP's point, some event within
  50 km of it;
- deaths in range: where the headline states a number in UCDP's [low, high], the sum of
  ``killed`` lies in that range;
- located@50 over every record, and empty.

The corpora are read from the shared evaluation folder beside the checkout and never copied
into the project. Usage: ``python -m bench.events_real [--limit N] [--errors FILE]``;
``--errors`` writes the failing records (id, text, gold, events) as JSONL for reading.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import gazetteer
from core.geojson import feature_collection
from core.pipeline import Pipeline
from events.stages import standard_pipeline

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
DISTANCES_KM = (10, 50, 161)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "dozen": 12, "hundred": 100,
}  # fmt: skip
_NUMBER = re.compile(r"\b(\d{1,5}|" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in km between two (lon, lat) points in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _positions(geometry: dict[str, Any] | None) -> Iterator[tuple[float, float]]:
    if not geometry:
        return
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        yield coords[0], coords[1]
    elif kind in ("MultiPoint", "LineString"):
        # A path counts by its ends: the launch site and the target.
        points = coords if kind == "MultiPoint" else [coords[0], coords[-1]]
        yield from ((lon, lat) for lon, lat in points)
    elif kind == "MultiLineString":
        yield coords[0][0][0], coords[0][0][1]
        yield coords[-1][-1][0], coords[-1][-1][1]


@dataclass(slots=True)
class Scored:
    """One event with its distance to the gold point (km; inf without a geometry)."""

    props: dict[str, Any]
    km: float


def score_events(features: list[dict[str, Any]], lon: float, lat: float) -> list[Scored]:
    """The event features with their nearest distance to (lon, lat), nearest first."""
    scored = []
    for f in features:
        if f["properties"].get("kind") != "event":
            continue
        km = min(
            (haversine_km(x, y, lon, lat) for x, y in _positions(f["geometry"])),
            default=math.inf,
        )
        scored.append(Scored(f["properties"], km))
    return sorted(scored, key=lambda s: s.km)


def nearest(scored: list[Scored], acled_type: str | None = None) -> Scored | None:
    """The nearest event; among those within 1 km of it, one of ``acled_type`` if any."""
    if not scored:
        return None
    close = [s for s in scored if s.km <= scored[0].km + 1.0]
    for s in close:
        if acled_type and s.props.get("acled_event_type") == acled_type:
            return s
    return close[0]


def deaths(scored: list[Scored]) -> int:
    """The sum of ``casualties.killed`` over the events."""
    return sum((s.props.get("casualties") or {}).get("killed") or 0 for s in scored)


def stated_numbers(text: str) -> set[int]:
    """Numbers written in the text as digits or simple words ("five", "a dozen")."""
    found = set()
    for m in _NUMBER.finditer(text):
        word = m.group(1).lower()
        found.add(int(word) if word.isdigit() else _NUMBER_WORDS[word])
    return found


@dataclass(slots=True)
class Tally:
    """Counts of one measure: ``hits`` out of ``total``."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += hit
        self.total += 1

    def share(self) -> float:
        return self.hits / self.total if self.total else math.nan


@dataclass(slots=True)
class Report:
    """The measures of one event set."""

    name: str
    tallies: dict[str, Tally] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    seconds: float = 0.0
    records: int = 0

    def add(self, measure: str, hit: bool) -> None:
        self.tallies.setdefault(measure, Tally()).add(hit)


def read_jsonl(path: Path, limit: int | None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    return records[:limit] if limit else records


def analyse(pipeline: Pipeline, record: dict[str, Any]) -> dict[str, Any]:
    published = date.fromisoformat(record["published"]) if record.get("published") else None
    return feature_collection(pipeline(record["text"], published=published))


def score_acled(report: Report, record: dict[str, Any], fc: dict[str, Any]) -> bool:
    """Add one ACLED record's measures to ``report``; True when it failed any."""
    gold = record["gold"]
    scored = score_events(fc["features"], gold["lon"], gold["lat"])
    ok = True
    report.add("empty", not scored)
    for km in DISTANCES_KM:
        report.add(f"located@{km}", bool(scored) and scored[0].km <= km)
    ok &= bool(scored) and scored[0].km <= 50
    best = nearest(scored, gold["event_type"])
    got_type = (best.props.get("acled_event_type") if best else None) or "(none)"
    report.confusion[(gold["event_type"], got_type)] += 1
    report.add("type", got_type == gold["event_type"])
    ok &= got_type == gold["event_type"]
    report.add(
        "sub_type", bool(best) and best.props.get("acled_sub_event_type") == gold["sub_event_type"]
    )  # type: ignore[union-attr]
    killed = deaths(scored)
    if gold["fatalities"]:
        report.add("deaths exact", killed == gold["fatalities"])
        ok &= killed == gold["fatalities"]
    else:
        report.add("no deaths where none", killed == 0)
    report.add("date", bool(best) and best.props.get("date") == gold["event_date"])  # type: ignore[union-attr]
    add_place_measures(report, fc, gold["lon"], gold["lat"], gold["country_code"])
    return not ok


def place_found(fc: dict[str, Any], lon: float, lat: float, km: float = 50) -> bool:
    return any(haversine_km(t["lon"], t["lat"], lon, lat) <= km for t in fc.get("toponyms", []))


def add_place_measures(
    report: Report, fc: dict[str, Any], lon: float, lat: float, country: str
) -> None:
    """The geoparser's share: some place within 10 / 50 km of the true point, and the
    nearest place in the true country."""
    kms = sorted(
        (haversine_km(t["lon"], t["lat"], lon, lat), t["country_code"]) for t in fc["toponyms"]
    )
    for km in (10, 50):
        report.add(f"place within {km} km", bool(kms) and kms[0][0] <= km)
    report.add("nearest place in the right country", bool(kms) and kms[0][1] == country)


def score_ucdp(report: Report, record: dict[str, Any], fc: dict[str, Any]) -> bool:
    """Add one UCDP record's measures to ``report``; True when it failed any."""
    gold = record["gold"]
    scored = score_events(fc["features"], gold["lon"], gold["lat"])
    located = bool(scored) and scored[0].km <= 50
    ok = True
    report.add("empty", not scored)
    report.add("located@50", located)
    if place_found(fc, gold["lon"], gold["lat"]):
        report.add("placed where the text names the place", located)
        ok &= located
    add_place_measures(report, fc, gold["lon"], gold["lat"], gold["country_code"])
    low, high = gold["deaths_low"], gold["deaths_high"]
    if any(low <= n <= high for n in stated_numbers(record["text"])) and high > 0:
        killed = deaths(scored)
        report.add("deaths in range where stated", low <= killed <= high)
        ok &= low <= killed <= high
    return not ok


def run(
    pipeline: Pipeline, name: str, records: Iterable[dict[str, Any]], errors: Any | None
) -> Report:
    report = Report(name)
    score = score_acled if name == "acled" else score_ucdp
    started = time.perf_counter()
    for record in records:
        report.records += 1
        fc = analyse(pipeline, record)
        failed = score(report, record, fc)
        if failed and errors is not None:
            events = [
                {
                    k: f["properties"].get(k)
                    for k in (
                        "event_type",
                        "place",
                        "acled_event_type",
                        "acled_sub_event_type",
                        "date",
                        "casualties",
                        "trigger",
                    )
                }
                | {"geometry": f["geometry"]}
                for f in fc["features"]
                if f["properties"].get("kind") == "event"
            ]
            toponyms = [
                (t["mention"], t["name"], t["country_code"], t["feature_class"], t["lon"], t["lat"])
                for t in fc["toponyms"]
            ]
            errors.write(
                json.dumps(
                    {
                        "set": name,
                        "id": record["id"],
                        "text": record["text"],
                        "gold": record["gold"],
                        "events": events,
                        "toponyms": toponyms,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    report.seconds = time.perf_counter() - started
    return report


def score_articles(pipeline: Pipeline) -> Report:
    """Type + place within 50 km on the project's annotated articles, and their tolls."""
    from bench.events import ARTICLES, BATCHES, load_articles

    report = Report("articles (tests/articles, all batches, seed)")
    started = time.perf_counter()
    articles = load_articles(ARTICLES) + [a for b in BATCHES for a in load_articles(b, False)]
    for article in articles:
        where = {p["name"].casefold(): p for p in article.places}
        where.update({p["mention"].casefold(): p for p in article.places})
        doc = pipeline(article.text, published=article.published)
        fc = feature_collection(doc)
        predicted = [f for f in fc["features"] if f["properties"].get("kind") == "event"]
        kinds = {e["event_type"] for e in article.events}
        used: set[int] = set()
        for expected in article.events:
            names = expected.get("place")
            names = names if isinstance(names, list) else [names]
            points = [where[n.casefold()] for n in names if n and n.casefold() in where]
            if not points:
                continue
            hit = next(
                (
                    i
                    for i, f in enumerate(predicted)
                    if i not in used
                    and f["properties"]["event_type"] == expected["event_type"]
                    and any(score_events([f], p["lon"], p["lat"])[0].km <= 50 for p in points)
                ),
                None,
            )
            report.add("recall: type + place within 50 km", hit is not None)
            if hit is not None:
                used.add(hit)
                if expected.get("killed") is not None:
                    got = (predicted[hit]["properties"].get("casualties") or {}).get("killed")
                    report.add("tolls right", got == expected["killed"])
        for i, f in enumerate(predicted):
            if f["properties"]["event_type"] in kinds:
                report.add("precision: type + place within 50 km", i in used)
    report.records = len(articles)
    report.seconds = time.perf_counter() - started
    return report


def print_report(report: Report) -> None:
    n = report.records
    print(f"\n## {report.name} ({n} records, {n / report.seconds:.0f} records/s)\n")
    print("| measure | share | hits / records |\n|---|---|---|")
    for measure, t in report.tallies.items():
        print(f"| {measure} | {t.share():.3f} | {t.hits} / {t.total} |")
    if report.confusion:
        got = sorted({g for _, g in report.confusion})
        gold = sorted({g for g, _ in report.confusion})
        print("\nConfusion (rows: ACLED's type; columns: the nearest event's type)\n")
        print("| ACLED \\ eventmap | " + " | ".join(got) + " |")
        print("|---" * (len(got) + 1) + "|")
        for g in gold:
            print(f"| {g} | " + " | ".join(str(report.confusion[(g, x)]) for x in got) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", default=str(ROOT / "var" / "gazetteer"))
    parser.add_argument("--corpora", default=str(CORPORA))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sets", default="acled,ucdp,articles")
    parser.add_argument("--errors", default=None, help="write failing records here (JSONL)")
    args = parser.parse_args()
    pipeline = standard_pipeline(gazetteer.load(args.data_dir))
    errors = open(args.errors, "w", encoding="utf-8") if args.errors else None  # noqa: SIM115
    try:
        for name in args.sets.split(","):
            if name == "articles":
                print_report(score_articles(pipeline))
                continue
            path = Path(args.corpora) / f"{name}_dev.jsonl"
            if not path.exists():
                print(f"{path} is missing: the shared corpora sit beside the checkout")
                continue
            print_report(run(pipeline, name, read_jsonl(path, args.limit), errors))
    finally:
        if errors is not None:
            errors.close()


if __name__ == "__main__":
    main()
