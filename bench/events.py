"""Precision and recall of events, as (event type, place) pairs, on annotated articles.

Articles are ``tests/articles/NAME.txt`` with ``NAME.json`` beside it: ``published``, the
hand-resolved ``places`` (mention, name, lat, lon, country_code, feature_class, geonameid),
the expected ``events`` and the ``absent`` ones (must not appear). The seed article of the
shared fixtures is added when it is there. ``tests/articles/heldout`` to ``heldout12`` hold
batches of articles annotated before the extractor was run on them (their first-look scores,
in each folder's README.md, are what tells how the rules do on unseen text; the rules were
improved on them afterwards, so the scores printed now are optimistic).

Usage: ``python -m bench.events [--places gold|gazetteer] [--repeat N] [--show]``. With ``gold``
every mention of a listed place is a toponym (extraction measured alone); with
``gazetteer`` the toponyms come from ``var/gazetteer`` (the whole pipeline). Also prints the
extraction speed in documents per second. ``--show`` lists each article's missed and
spurious (type, place) pairs.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from core.document import Document, Event
from core.toponym import Toponym
from events.context import canonical_actor
from events.extract import extract_events
from events.report import add_report_events
from events.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
HELD_OUT = ARTICLES / "heldout"
# Later batches, each annotated before the extractor was run on it (see main()).
BATCHES = tuple(
    ARTICLES / name
    for name in (
        "heldout",
        "heldout2",
        "heldout3",
        "heldout4",
        "heldout5",
        "heldout6",
        "heldout7",
        "heldout8",
        "heldout9",
        "heldout10",
        "heldout11",
        "heldout12",
    )
)
SEED = ROOT / "tests" / "fixtures" / "seed-article.txt"
SEED_PLACES = ARTICLES / "seed.places.json"


@dataclass(slots=True)
class Article:
    """One annotated article."""

    name: str
    text: str
    published: date | None
    places: list[dict[str, Any]]
    events: list[dict[str, Any]]
    absent: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def norm(name: str) -> str:
    """Case- and accent-insensitive form of a place or actor name."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"^the\s+", "", stripped.casefold().strip())


def _gold_places(event: dict[str, Any]) -> list[str]:
    if "origin" in event:
        return [event["origin"], event["target"]]
    place = event["place"]
    return place if isinstance(place, list) else [place]


def load_articles(folder: Path = ARTICLES, include_seed: bool = True) -> list[Article]:
    """Every article in ``folder`` (and the seed article when available)."""
    articles = []
    for path in sorted(folder.glob("*.txt")):
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        articles.append(
            Article(
                name=path.stem,
                text=path.read_text(encoding="utf-8"),
                published=date.fromisoformat(meta["published"]) if meta.get("published") else None,
                places=meta["places"],
                events=meta["events"],
                absent=meta.get("absent", []),
                extra={k: v for k, v in meta.items() if k not in {"places", "events", "absent"}},
            )
        )
    if include_seed and SEED.exists() and SEED_PLACES.exists() and folder == ARTICLES:
        expected = json.loads(SEED.with_suffix(".expected.json").read_text(encoding="utf-8"))
        articles.append(
            Article(
                name="seed",
                text=SEED.read_text(encoding="utf-8"),
                published=date.fromisoformat(expected["published"]),
                places=json.loads(SEED_PLACES.read_text(encoding="utf-8")),
                events=expected["events"],
                extra={"body_end_before": "This website has updated its privacy policy"},
            )
        )
    return articles


def gold_toponyms(article: Article) -> list[Toponym]:
    """Toponyms at every whole-word occurrence of each hand-resolved place's mention."""
    found: list[Toponym] = []
    for p in article.places:
        pattern = r"(?<!\w)" + re.escape(p["mention"]) + r"(?!\w)"
        for m in re.finditer(pattern, article.text):
            found.append(
                Toponym(
                    start=m.start(),
                    end=m.end(),
                    mention=p["mention"],
                    name=p["name"],
                    lat=p["lat"],
                    lon=p["lon"],
                    country_code=p.get("country_code"),
                    feature_class=p["feature_class"],
                    geonameid=p.get("geonameid"),
                    source=p.get("source", "geonames" if p.get("geonameid") else "supplement"),
                    confidence=p.get("confidence", 0.9),
                )
            )
    found.sort(key=lambda t: (t.start, -t.end))
    kept: list[Toponym] = []
    for t in found:  # "Gaza City" wins over a "Gaza" inside it
        if not kept or t.start >= kept[-1].end:
            kept.append(t)
    return kept


def analyse(article: Article, toponyms: list[Toponym]) -> Document:
    """Run sentence splitting and event extraction on ``article`` with ``toponyms``."""
    doc = Document(text=article.text, published=article.published)
    split_sentences(doc)
    doc.toponyms = toponyms
    extract_events(doc)
    add_report_events(doc)
    return doc


def aliases(t: Toponym) -> set[str]:
    """Names under which an expected event may refer to a predicted place."""
    return {norm(t.name), norm(t.mention)}


def places_match(event: Event, expected: dict[str, Any]) -> bool:
    """Same type and the same places (each expected place by name or mention)."""
    if event.event_type != expected["event_type"]:
        return False
    wanted = [norm(p) for p in _gold_places(expected)]
    if len(wanted) != len(event.places):
        return False
    return all(any(w in aliases(p) for p in event.places) for w in wanted)


def attribute_errors(event: Event, expected: dict[str, Any]) -> list[str]:
    """What differs between a matched event and its expectation (empty when all agree)."""
    errors = []
    got: dict[str, Any] = {
        "actor": event.actor,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "claimed_by": event.claimed_by,
        "geo_precision": event.geo_precision,
        "ucdp_where_prec": event.ucdp_where_prec,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "count": event.count,
    }
    if event.casualties is not None:
        got |= {
            "killed": event.casualties.killed,
            "injured": event.casualties.injured,
            "qualifier": event.casualties.qualifier,
            "victims": event.casualties.victims,
        }
    for key, want in expected.items():
        if key in {"event_type", "place", "origin", "target", "note", "stated_distance_km"}:
            continue
        if key == "overflies_include":
            flown = event.path.overflies if event.path else []
            if not set(want) <= set(flown):
                errors.append(f"overflies {flown} lacks {want}")
            continue
        have = got.get(key)
        if key == "actor" and isinstance(want, str):  # "US" and "United States" are one
            want = canonical_actor(want)
            if isinstance(have, str):  # "Al Shabaab" and "al-Shabaab" are one
                want, have = want.replace("-", " "), have.replace("-", " ")
        if isinstance(want, str) and isinstance(have, str):
            if norm(want) != norm(have):
                errors.append(f"{key}: {have!r} != {want!r}")
        elif have != want:
            errors.append(f"{key}: {have!r} != {want!r}")
    return errors


def pairs_score(doc: Document, article: Article) -> tuple[int, int, int, int]:
    """(matched predicted, predicted, matched expected, expected) (type, place) pairs."""
    gold = {(e["event_type"], norm(p)) for e in article.events for p in _gold_places(e)}
    predicted = [(e.event_type, p) for e in doc.events for p in e.places]
    hit_predicted = sum(1 for kind, p in predicted if any((kind, a) in gold for a in aliases(p)))
    hit_gold = sum(
        1 for kind, g in gold if any(kind == k and g in aliases(p) for k, p in predicted)
    )
    return hit_predicted, len(predicted), hit_gold, len(gold)


def _toponyms_for(article: Article, mode: str, geoparser: Any) -> list[Toponym]:
    if mode == "gold":
        return gold_toponyms(article)
    return geoparser.geoparse(article.text)


def _show(doc: Document, article: Article) -> str:
    """The expected pairs not found and the predicted pairs not expected."""
    gold = {(e["event_type"], norm(p)) for e in article.events for p in _gold_places(e)}
    predicted = {(e.event_type, p) for e in doc.events for p in e.places}
    missed = sorted(
        (k, g) for k, g in gold if not any(k == kind and g in aliases(p) for kind, p in predicted)
    )
    spurious = sorted(
        {(k, p.mention) for k, p in predicted if not any((k, a) in gold for a in aliases(p))}
    )
    return f"  {article.name}: missed {missed} spurious {spurious}" if missed or spurious else ""


def _table(
    title: str, articles: list[Article], mode: str, geoparser: Any, show: bool = False
) -> tuple[int, float]:
    """Print the per-article and per-type tables; return (runs, seconds) for the speed."""
    rows = []
    totals = [0, 0, 0, 0]
    by_type: dict[str, list[int]] = {}
    runs, elapsed = 0, 0.0
    notes: list[str] = []
    for article in articles:
        toponyms = _toponyms_for(article, mode, geoparser)
        started = time.perf_counter()
        doc = analyse(article, toponyms)
        elapsed += time.perf_counter() - started
        runs += 1
        score = pairs_score(doc, article)
        if show:
            notes.append(_show(doc, article))
        totals = [a + b for a, b in zip(totals, score, strict=True)]
        rows.append((article.name, *score))
        gold = {(e["event_type"], norm(p)) for e in article.events for p in _gold_places(e)}
        for kind, _ in gold:
            by_type.setdefault(kind, [0, 0, 0, 0])[3] += 1
        for event in doc.events:
            for p in event.places:
                cell = by_type.setdefault(event.event_type, [0, 0, 0, 0])
                cell[1] += 1
                cell[0] += any((event.event_type, a) in gold for a in aliases(p))
        for kind, g in gold:
            by_type[kind][2] += any(
                e.event_type == kind and any(g in aliases(p) for p in e.places) for e in doc.events
            )

    def ratio(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "n/a"

    print(f"\n## {title} (places: {mode})")
    print(f"{'article':<22}{'precision':>10}{'recall':>10}{'pred':>6}{'gold':>6}")
    for name, hp, p, hg, g in rows:
        print(f"{name:<22}{ratio(hp, p):>10}{ratio(hg, g):>10}{p:>6}{g:>6}")
    hp, p, hg, g = totals
    print(f"{'ALL':<22}{ratio(hp, p):>10}{ratio(hg, g):>10}{p:>6}{g:>6}")
    print(f"{'event type':<22}{'precision':>10}{'recall':>10}{'pred':>6}{'gold':>6}")
    for kind, (hp, p, hg, g) in sorted(by_type.items()):
        print(f"{kind:<22}{ratio(hp, p):>10}{ratio(hg, g):>10}{p:>6}{g:>6}")
    for note in filter(None, notes):
        print(note)
    return runs, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", choices=["gold", "gazetteer"], default="gold")
    parser.add_argument("--repeat", type=int, default=20, help="passes over the articles")
    parser.add_argument("--show", action="store_true", help="list missed and spurious pairs")
    args = parser.parse_args()
    geoparser = None
    if args.places == "gazetteer":
        import gazetteer

        geoparser = gazetteer.load(ROOT / "var" / "gazetteer")
    dev = load_articles()
    _table("development articles (tuned on these)", dev, args.places, geoparser, args.show)
    everything = list(dev)
    for folder in BATCHES:
        batch = load_articles(folder) if folder.is_dir() else []
        if batch:
            title = f"{folder.name}: annotated blind, rules fixed afterwards"
            _table(title, batch, args.places, geoparser, args.show)
            everything += batch
    prepared = [(a, _toponyms_for(a, args.places, geoparser)) for a in everything]
    started = time.perf_counter()
    for _ in range(args.repeat):
        for article, toponyms in prepared:
            analyse(article, toponyms)
    runs = len(prepared) * args.repeat
    rate = runs / (time.perf_counter() - started)
    print(f"\nsentences + events: {rate:.0f} documents/s ({runs} runs, one core)")


if __name__ == "__main__":
    main()
