"""The curated supplement in ``gazetteer/data`` (this project, MIT).

Contributes seas, gulfs, rivers, straits, lakes, islands and named regions
(``supplement.json``), country short forms and points that override countryinfo's,
admin-1 abbreviations ("Tex.", "TX"), demonyms (``demonyms.json``) and word lists with
international given names (``wordlists.json``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gazetteer.normalize import norm_name
from gazetteer.schema import FeatureClass, SourceCode
from gazetteer.sources.places import Places, Point

DATA_DIR = Path(__file__).parent.parent / "data"
CREDIT = {
    "name": "eventmap supplement",
    "licence": "MIT (this project)",
    "what": "curated seas, gulfs, rivers, straits, lakes, islands, named regions, former "
    "names of renamed regions, country short forms, demonyms and international given names "
    "(gazetteer/data)",
}


def read(name: str) -> dict[str, Any]:
    """A data file of the supplement: ``read("supplement")`` is ``data/supplement.json``."""
    return json.loads((DATA_DIR / f"{name}.json").read_text())


def country_points(supplement: dict[str, Any]) -> dict[str, Point]:
    """ISO alpha-2 -> (lat, lon) of the countries whose point the supplement sets."""
    return {cc: (v[0], v[1]) for cc, v in supplement["country_points"].items() if cc != "about"}


def add_places(places: Places, supplement: dict[str, Any]) -> None:
    """The curated places of ``data/supplement.json``."""
    for p in supplement["places"]:
        idx = places.add(
            p["name"],
            p["lat"],
            p["lon"],
            p.get("country_code"),
            p["feature_class"],
            "supplement",
            0,
            p.get("geonameid"),
            None,
            p.get("aliases", []),
        )
        if p.get("bbox"):
            min_lon, min_lat, max_lon, max_lat = p["bbox"]
            places.bbox[idx] = (min_lon, min_lat, max_lon, max_lat)


def add_former_names(
    places: Places, supplement: dict[str, Any], admin1_idx: dict[str, int]
) -> None:
    """Key each admin-1 region by the former names news archives still give it ("Arakan
    State" for Rakhine, "Orissa" for Odisha, "NWFP" for Khyber Pakhtunkhwa)."""
    for code, names in supplement["admin1_former_names"].items():
        if code in admin1_idx:
            places.add_aliases(admin1_idx[code], names)


def state_abbreviations(
    supplement: dict[str, Any], admin1_idx: dict[str, int]
) -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    """Postal codes ("tx") and dotted abbreviations ("calif") of admin-1 regions -> row,
    and the dotted forms as written ("calif.")."""
    postal: dict[str, int] = {}
    dotted: dict[str, int] = {}
    dotted_forms: set[str] = set()
    for code, forms in supplement["admin1_abbreviations"].items():
        if code in admin1_idx:
            for form in forms:
                key = "".join(ch for ch in form if ch.isalpha()).lower()
                (dotted if "." in form else postal)[key] = admin1_idx[code]
                if "." in form:
                    dotted_forms.add(form.replace(" ", "").lower())
    return postal, dotted, frozenset(dotted_forms)


def demonym_keys(
    places: Places, demonym_data: dict[str, Any], country_idx: dict[str, int]
) -> dict[str, int]:
    """Demonym key ("syrian") -> its country, or its region: a curated region, else the
    admin-1 region of that name ("England")."""
    keys: dict[str, int] = {}
    for cc, forms in demonym_data["countries"].items():
        if cc in country_idx:
            for form in forms:
                keys[norm_name(form)] = country_idx[cc]
    for region, forms in demonym_data["regions"].items():
        idx = next(
            i
            for i in sorted(
                places.names[norm_name(region)],
                key=lambda i: (
                    places.source[i] != SourceCode.SUPPLEMENT,
                    places.fclass[i] != FeatureClass.ADMIN1,
                ),
            )
            if places.source[i] == SourceCode.SUPPLEMENT or places.fclass[i] == FeatureClass.ADMIN1
        )
        for form in forms:
            keys[norm_name(form)] = idx
    return keys
