"""The column store the sources add their places to, and the helpers they share."""

from __future__ import annotations

import importlib.util
import re
from array import array
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from gazetteer.normalize import ARABIC_ARTICLE_COUNTRIES, is_latin_key, norm_name, split_name
from gazetteer.schema import FeatureClass, Index, SourceCode

Point = tuple[float, float]
# "Golfe Prefecture", "Daman District": the unit is also named without its kind.
ADMIN2_SUFFIX_RE = re.compile(
    r"\s+(?:District|Province|Region|County|Municipality|Prefecture|Department|Division|"
    r"Local Government Area|LGA|Sub-County|Subcounty|Commune|Woreda|Zone|Rayon|Raion|"
    r"Municipal District|Municipal Council|Regency)$",
    re.IGNORECASE,
)

# "Türkistan oblysy", "Qinghai Sheng", "Tatarstan, Respublika", "Ostān-e Tehrān": an admin-1
# region is also named without its kind in the country's language (English kinds stay: news
# writes "Free State" and "Eastern Province" whole)
ADMIN1_NATIVE_KIND_RE = re.compile(
    r",?\s+(?:oblysy|oblasty|oblast['ʹ’]?|sheng|respublika|kraj|kray|krai|okrug|novads|län"
    r"|županija|viloyati|vilayeti|wilayah)$"
    r"|^(?:ostān-e|ostan-e|muḩāfaz̧at|muhafazat|wilāyat|wilayat|viloyati)\s+",
    re.IGNORECASE,
)


class Places:
    """Column store of places being built (one row per place)."""

    def __init__(self) -> None:
        self.name: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.cc: list[str | None] = []
        self.fclass = bytearray()
        self.source = bytearray()
        self.pop = array("q")
        self.gid = array("q")
        self.admin1: list[str | None] = []
        self.bbox: dict[int, tuple[float, float, float, float]] = {}
        self.names: dict[str, list[int]] = defaultdict(list)
        # Keys by which only a code names a country or region ("CAR", "UK"): matched only
        # where the text writes them in capitals ("car" is a word).
        self.code_keys: set[str] = set()
        self.word_keys: set[str] = set()

    @classmethod
    def from_index(cls, index: Index) -> Places:
        """The columns of a built index, to add places to (``gazetteer.importer``); the
        code and word keys of its countries and regions are not recovered (the index
        keeps only their difference, ``codes``)."""
        places = cls()
        places.name = list(index["name"])
        places.lat = array("d", index["lat"])
        places.lon = array("d", index["lon"])
        places.cc = list(index["cc"])
        places.fclass = bytearray(index["fclass"])
        places.source = bytearray(index["source"])
        places.pop = array("q", index["pop"])
        places.gid = array("q", index["gid"])
        places.admin1 = list(index["admin1"])
        places.bbox = dict(index["bbox"])
        places.names = defaultdict(list, {k: list(v) for k, v in index["names"].items()})
        return places

    def add(
        self,
        name: str,
        lat: float,
        lon: float,
        cc: str | None,
        fclass: str,
        source: str,
        pop: int = 0,
        gid: int | None = None,
        admin1: str | None = None,
        aliases: list[str] | tuple[str, ...] = (),
        closed: bool = False,
        keys_into: dict[str, list[int]] | None = None,
    ) -> int:
        """Add a place; its own name is keyed with apostrophes closed up ("Nan'an" ->
        "nanan", as the matcher reads the text), its aliases too when ``closed``, and
        always with apostrophes as word breaks. ``keys_into``: key the names there instead
        of ``names`` (places read only in some stories: ``story_names``)."""
        target = self.names if keys_into is None else keys_into
        idx = len(self.name)
        self.name.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.cc.append(cc)
        self.fclass.append(FeatureClass.of(fclass))
        self.source.append(SourceCode.of(source))
        self.pop.append(max(0, int(pop or 0)))
        self.gid.append(gid if gid else -1)
        self.admin1.append(admin1)
        self._key(idx, (name, *aliases), fclass, closed, target)
        return idx

    def add_aliases(self, idx: int, aliases: Sequence[str]) -> None:
        """Key place ``idx`` by more names (closed up as well: "Arakan State")."""
        self._key(idx, aliases, FeatureClass(self.fclass[idx]).label, True, self.names)

    def _key(
        self,
        idx: int,
        names: Sequence[str],
        fclass: str,
        closed: bool,
        target: dict[str, list[int]],
    ) -> None:
        """Key ``idx`` by ``names``: the first (its own name) also closed up, all of them
        when ``closed``."""
        seen: set[str] = set()
        for k, alias in enumerate(names):
            keys = {split_name(alias)}
            if k == 0 or closed:
                keys.add(norm_name(alias))
            for key in keys - seen:
                if is_latin_key(key) and len(key) >= 2 and idx not in target[key]:
                    seen.add(key)
                    target[key].append(idx)
            key = norm_name(alias)
            if fclass in ("country", "admin1"):
                letters = alias.replace(".", "").replace(" ", "")
                code = letters.isupper() and len(letters) <= 5
                (self.code_keys if code else self.word_keys).add(key)


def site_file(module: str, *parts: str) -> Path:
    """A file of an installed package, found without importing the package."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"package {module!r} is not installed: run `make install`")
    return Path(spec.origin).parent.joinpath(*parts)


def extent_centre(pts: list[Point]) -> Point:
    """Midpoint (lat, lon) of the extent of ``pts``, unwrapping across the antimeridian."""
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon


def keep_alias(alias: str) -> bool:
    """Drop codes ("LAX", "NYC" style all-capital short forms) and short alternate names
    ("Ole" for Auray), which match words far more often than the town."""
    stripped = alias.replace(".", "").replace(" ", "")
    return not (stripped.isupper() and len(stripped) <= 3) and len(stripped) >= 4


def final_h_variants(names: list[str]) -> list[str]:
    """Arabic names ending in "-ah" also written with "-a" ("Shabwah" -> "Shabwa",
    "Qalqīlyah" -> "Qalqīlya"): the ta marbuta, transliterated either way. Only for own
    names of towns: alternate names would add words ("Naftah", for Nefta, -> "NAFTA")."""
    return [name[:-1] for name in names if name.endswith("ah") and len(name) >= 6]


def add_admin_unit(
    places: Places,
    name: str,
    lat: float,
    lon: float,
    cc: str,
    fclass: str,
    gid: int | None,
    admin1: str | None,
    alternates: list[str] | tuple[str, ...],
    source: str = "geonames",
) -> int:
    """Add an admin-1 or admin-2 unit placed by its own point (an imported ADM row, a
    geoBoundaries unit): also named without its kind ("Daman District" -> "Daman"), short
    alternates dropped."""
    aliases = [a for a in alternates if keep_alias(a)]
    short = ADMIN2_SUFFIX_RE.sub("", name)
    if short != name and len(short) >= 4:
        aliases.append(short)
    arabic = cc in ARABIC_ARTICLE_COUNTRIES
    if arabic:
        aliases += final_h_variants([name, *aliases])
    return places.add(name, lat, lon, cc, fclass, source, 0, gid, admin1, aliases, arabic)
