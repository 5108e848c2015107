"""Merge GeoNames dumps and a user's own places into a built index (``eventmap gazetteer
import FILE... [--data-dir DIR]``).

Accepted files, told apart by name and extension:

- GeoNames geoname tables: a country file (``SY.txt``), ``allCountries.txt`` or either
  zipped as downloaded (``SY.zip``): 19 tab-separated columns, no header. Populated places
  (feature class P, but for historical, abandoned and destroyed ones: PPLH, PPLQ, PPLW,
  PPLCH) become "city" (population 5,000 or more) or "village"; administrative divisions
  ADM1 become "admin1", ADM2 to ADM5 and ADMD "admin2" (placed by their own point and
  weighed like a village, as the build does with units no town lies in). Other feature
  classes (streams, hills, spots, areas...) are skipped: their names repeat the villages'
  and a stream read for a village misplaces an event by kilometres.
- ``admin1CodesASCII.txt`` / ``admin2Codes.txt`` (code, name, ASCII name, geonameid): an
  ADM1 or ADM2 unit that neither the index nor the dumps hold gets a place at the middle of
  its imported towns (when it has any), under the table's name; a code the tables do not
  know is a normal case (old dumps), counted, not an error.
- ``hierarchy.txt`` (parent id, child id, type): a place without an admin-1 code gets the
  code of its ADM1 ancestor.
- A CSV of the user's own places (``.csv``, UTF-8) with the header
  ``name,lat,lon,country,kind,aliases`` (an optional ``population`` column too): aliases
  separated by ``|``, kind one of the index's feature classes but "country" (country an ISO
  alpha-2 code, optional for water, region and other). Its places get source "user".

Merging: a GeoNames row whose geonameid the index has is skipped, and so is a place of the
same normalised name within DUPLICATE_KM of one the index has (a user row adds its new
aliases to that place instead), so importing twice changes nothing (the file is not even
rewritten). The index keeps its
schema and version (the same ``gazetteer.build`` code adds the places) and a ``sources``
entry naming the imported files. Every file is read and checked before anything is
written; the index is then written to a temporary file and renamed over the old one, so a
bad line (reported with its file, line and field) leaves the index as it was.
"""

from __future__ import annotations

import csv
import io
import math
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from core.toponym import haversine_km
from gazetteer.build import _admin_skeletons, name_prefixes, place_columns
from gazetteer.normalize import norm_name
from gazetteer.schema import FEATURE_CLASSES, FeatureClass, Index, read_index, write_index
from gazetteer.sources.geonames import CITY_POPULATION, add_town
from gazetteer.sources.places import Places, add_admin_unit

# A place of the same normalised name this near one the index has is the same place.
DUPLICATE_KM = 1.0
GEONAMES_COLUMNS = 19
SKIPPED_PLACE_CODES = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH"})
ADMIN_CODES = {
    "ADM1": "admin1",
    "ADM2": "admin2",
    "ADM3": "admin2",
    "ADM4": "admin2",
    "ADM5": "admin2",
    "ADMD": "admin2",
}
CSV_COLUMNS = ("name", "lat", "lon", "country", "kind", "aliases")
CSV_KINDS = tuple(k for k in FEATURE_CLASSES if k != "country")
# Kinds a user place may have without a country.
NO_COUNTRY_KINDS = frozenset({"water", "region", "other"})


class ImportFileError(ValueError):
    """A file the importer cannot read: names the file, line and field."""

    def __init__(
        self, path: Path | str, line: int | None, field_name: str | None, message: str
    ) -> None:
        where = f"{path}" + (f", line {line}" if line is not None else "")
        what = f"field {field_name!r}: " if field_name else ""
        super().__init__(f"{where}: {what}{message}")
        self.path, self.line, self.field = str(path), line, field_name


@dataclass(frozen=True, slots=True)
class NewPlace:
    """One place read from an input file, before merging."""

    name: str
    lat: float
    lon: float
    country_code: str | None
    feature_class: str
    population: int
    geonameid: int | None
    admin1: str | None
    aliases: tuple[str, ...]
    source: str
    # GeoNames admin-2 code ("BF.49.4455"), to place admin-2 units named only in a table.
    admin2: str | None = None


@dataclass(slots=True)
class ImportReport:
    """What an import did (printed by the command)."""

    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    added: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    aliases_added: int = 0
    skipped_feature_classes: Counter[str] = field(default_factory=Counter)
    unresolved_admin1: int = 0
    unresolved_admin2: int = 0
    places_before: int = 0
    places_after: int = 0
    names_before: int = 0
    names_after: int = 0
    bytes_before: int = 0
    bytes_after: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        added = ", ".join(f"{n:,} {k}" for k, n in sorted(self.added.items())) or "nothing"
        skipped = sum(self.skipped_feature_classes.values())
        return (
            f"read {self.rows_read:,} rows from {len(self.files)} file(s); added {added}; "
            f"{self.duplicates:,} already in the index; {self.aliases_added:,} aliases added "
            f"to known places; {skipped:,} rows of other feature classes skipped; "
            f"admin codes not in the tables: {self.unresolved_admin1:,} admin-1, "
            f"{self.unresolved_admin2:,} admin-2\n"
            f"index: {self.places_before:,} -> {self.places_after:,} places, "
            f"{self.names_before:,} -> {self.names_after:,} names, "
            f"{self.bytes_before / 1e6:.1f} -> {self.bytes_after / 1e6:.1f} MB "
            f"({self.seconds:.1f} s)"
        )


def _coordinate(value: str, path: Path | str, line: int, name: str, limit: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ImportFileError(path, line, name, f"not a number: {value!r}") from None
    if not -limit <= number <= limit or math.isnan(number):
        raise ImportFileError(path, line, name, f"{value} is outside -{limit:g}..{limit:g}")
    return number


def _integer(value: str, path: Path | str, line: int, name: str) -> int:
    if not value.strip():
        return 0
    try:
        number = int(value)
    except ValueError:
        raise ImportFileError(path, line, name, f"not a whole number: {value!r}") from None
    if number < 0:
        raise ImportFileError(path, line, name, f"negative: {value}")
    return number


def _country(value: str, path: Path | str, line: int, name: str) -> str | None:
    code = value.strip().upper()
    if not code:
        return None
    if len(code) != 2 or not code.isalpha() or not code.isascii():
        raise ImportFileError(path, line, name, f"not an ISO 3166 alpha-2 country code: {value!r}")
    return code


# ----------------------------------------------------------------- readers


def _open_text(path: Path) -> Iterator[TextIO]:
    """The text streams of ``path``: the file itself, or the .txt members of a zip."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [
                m
                for m in zf.namelist()
                if m.lower().endswith(".txt") and not m.lower().endswith("readme.txt")
            ]
            if not members:
                raise ImportFileError(path, None, None, "the zip holds no .txt table")
            for member in members:
                with zf.open(member) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8", newline="")
    else:
        with path.open(encoding="utf-8", newline="") as fh:
            yield fh


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line without its end) of a UTF-8 file, naming the line that is not."""
    for fh in _open_text(path):
        line_no = 0
        try:
            for line_no, line in enumerate(fh, start=1):
                yield line_no, line.rstrip("\r\n")
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                path, line_no + 1, None, f"not UTF-8 text ({exc.reason})"
            ) from None


def read_geonames(path: Path, report: ImportReport) -> Iterator[NewPlace]:
    """The populated places and admin divisions of a GeoNames geoname table."""
    for line_no, line in _lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != GEONAMES_COLUMNS:
            raise ImportFileError(
                path,
                line_no,
                None,
                f"expected {GEONAMES_COLUMNS} tab-separated fields (the GeoNames geoname "
                f"table), found {len(f)}",
            )
        report.rows_read += 1
        gid = _integer(f[0], path, line_no, "geonameid")
        if gid <= 0:
            raise ImportFileError(path, line_no, "geonameid", f"not a positive id: {f[0]!r}")
        if not f[1].strip():
            raise ImportFileError(path, line_no, "name", "empty")
        lat = _coordinate(f[4], path, line_no, "latitude", 90.0)
        lon = _coordinate(f[5], path, line_no, "longitude", 180.0)
        cc = _country(f[8], path, line_no, "country code")
        pop = _integer(f[14], path, line_no, "population")
        fcl, code = f[6], f[7]
        if fcl == "P" and code not in SKIPPED_PLACE_CODES:
            kind = "city" if pop >= CITY_POPULATION else "village"
        elif fcl == "A" and code in ADMIN_CODES and cc:
            kind = ADMIN_CODES[code]
        else:
            report.skipped_feature_classes[f"{fcl}.{code}"] += 1
            continue
        names = [f[1], f[2], *f[3].split(",")]
        aliases = tuple(dict.fromkeys(a.strip() for a in names[1:] if a.strip() and a != f[1]))
        admin1 = f"{cc}.{f[10]}" if cc and f[10] and f[10] != "00" else None
        admin2 = f"{admin1}.{f[11]}" if admin1 and f[11] else None
        yield NewPlace(
            f[1].strip(), lat, lon, cc, kind, pop, gid, admin1, aliases, "geonames", admin2
        )


def read_admin_codes(path: Path) -> dict[str, tuple[str, int | None]]:
    """``admin1CodesASCII.txt`` / ``admin2Codes.txt``: code -> (name, geonameid)."""
    out: dict[str, tuple[str, int | None]] = {}
    for line_no, line in _lines(path):
        if not line.strip():
            continue
        f = line.split("\t")
        if len(f) != 4:
            raise ImportFileError(
                path,
                line_no,
                None,
                f"expected 4 tab-separated fields (code, name, ASCII name, "
                f"geonameid), found {len(f)}",
            )
        if f[0].count(".") not in (1, 2):
            raise ImportFileError(path, line_no, "code", f"not an admin code: {f[0]!r}")
        gid = _integer(f[3], path, line_no, "geonameid") or None
        out[f[0]] = (f[1] or f[2], gid)
    return out


def read_hierarchy(path: Path) -> dict[int, int]:
    """``hierarchy.txt``: child geonameid -> parent geonameid (administrative links)."""
    out: dict[int, int] = {}
    for line_no, line in _lines(path):
        if not line.strip():
            continue
        f = line.split("\t")
        if len(f) < 2:
            raise ImportFileError(
                path, line_no, None, f"expected parent and child ids, found {len(f)} field(s)"
            )
        parent = _integer(f[0], path, line_no, "parentId")
        child = _integer(f[1], path, line_no, "childId")
        if len(f) < 3 or f[2] in ("", "ADM"):
            out.setdefault(child, parent)
    return out


def read_user_csv(path: Path, report: ImportReport) -> Iterator[NewPlace]:
    """A CSV of the user's own places (see the module docstring)."""
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportFileError(path, None, None, f"cannot read: {exc.strerror}") from None
    with fh:
        reader = csv.reader(fh)
        try:
            header = [h.strip().lower() for h in next(reader, [])]
        except UnicodeDecodeError as exc:
            raise ImportFileError(path, 1, None, f"not UTF-8 text ({exc.reason})") from None
        missing = [c for c in CSV_COLUMNS if c not in header]
        if missing:
            raise ImportFileError(
                path,
                1,
                None,
                f"header lacks {', '.join(missing)} (expected "
                f"{','.join(CSV_COLUMNS)}[,population])",
            )
        col = {c: header.index(c) for c in (*CSV_COLUMNS, "population") if c in header}
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError as exc:
                raise ImportFileError(
                    path, reader.line_num + 1, None, f"not UTF-8 text ({exc.reason})"
                ) from None
            except csv.Error as exc:
                raise ImportFileError(path, reader.line_num, None, str(exc)) from None
            line_no = reader.line_num
            if not any(v.strip() for v in row):
                continue
            if len(row) != len(header):
                raise ImportFileError(
                    path, line_no, None, f"expected {len(header)} fields, found {len(row)}"
                )
            report.rows_read += 1
            name = row[col["name"]].strip()
            if not name:
                raise ImportFileError(path, line_no, "name", "empty")
            lat = _coordinate(row[col["lat"]], path, line_no, "lat", 90.0)
            lon = _coordinate(row[col["lon"]], path, line_no, "lon", 180.0)
            kind = row[col["kind"]].strip().lower()
            if kind not in CSV_KINDS:
                raise ImportFileError(
                    path, line_no, "kind", f"{kind!r} is not one of {', '.join(CSV_KINDS)}"
                )
            cc = _country(row[col["country"]], path, line_no, "country")
            if cc is None and kind not in NO_COUNTRY_KINDS:
                raise ImportFileError(
                    path, line_no, "country", f"empty (required for kind {kind!r})"
                )
            pop = (
                _integer(row[col["population"]], path, line_no, "population")
                if "population" in col
                else 0
            )
            aliases = tuple(a.strip() for a in row[col["aliases"]].split("|") if a.strip())
            yield NewPlace(name, lat, lon, cc, kind, pop, None, None, aliases, "user")


# ----------------------------------------------------------------- merging


def _kind_of(path: Path) -> str:
    lower = path.name.lower()
    if lower.startswith("admin1codes") and lower.endswith(".txt"):
        return "admin1"
    if lower.startswith("admin2codes") and lower.endswith(".txt"):
        return "admin2"
    if lower.startswith("hierarchy") and lower.endswith((".txt", ".zip")):
        return "hierarchy"
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".txt", ".zip")):
        return "geonames"
    raise ImportFileError(
        path,
        None,
        None,
        "unknown kind of file: expected a GeoNames table (.txt or .zip), "
        "admin1CodesASCII.txt, admin2Codes.txt, hierarchy.txt or a .csv",
    )


class _Merger:
    """Adds places to the columns of an index, skipping those it already has."""

    def __init__(self, index: Index, report: ImportReport) -> None:
        self.index = index
        self.places = Places.from_index(index)
        self.report = report
        self.gids = {g for g in self.places.gid if g > 0}
        self.sparse = set(index.get("sparse_admin2", ()))
        self.name_words = index["vocab_nouns"] | index["vocab_other"] | index["given_names"]
        self.admin1_codes = {
            a
            for i, a in enumerate(self.places.admin1)
            if a and self.places.fclass[i] == FeatureClass.ADMIN1
        }

    def duplicate(self, p: NewPlace) -> int | None:
        """The index's place that ``p`` is (-1 for a known geonameid), or None."""
        if p.geonameid is not None and p.geonameid in self.gids:
            return -1
        for i in self.places.names.get(norm_name(p.name), ()):
            if haversine_km(p.lat, p.lon, self.places.lat[i], self.places.lon[i]) <= DUPLICATE_KM:
                return i
        return None

    def add(self, p: NewPlace) -> None:
        known = self.duplicate(p)
        if known is not None:
            self.report.duplicates += 1
            if known >= 0 and p.source == "user":
                self._add_aliases(known, p.aliases)
            return
        places = self.places
        if p.feature_class in ("city", "village") and p.source == "geonames":
            add_town(
                places,
                p.name,
                p.lat,
                p.lon,
                p.country_code,
                p.population,
                p.geonameid,
                p.admin1,
                p.aliases,
                self.name_words,
            )
        elif p.feature_class in ("admin1", "admin2") and p.country_code:
            idx = add_admin_unit(
                places,
                p.name,
                p.lat,
                p.lon,
                p.country_code,
                p.feature_class,
                p.geonameid,
                p.admin1,
                p.aliases,
                p.source,
            )
            if p.feature_class == "admin2":
                self.sparse.add(idx)
        else:
            places.add(
                p.name,
                p.lat,
                p.lon,
                p.country_code,
                p.feature_class,
                p.source,
                p.population,
                p.geonameid,
                p.admin1,
                p.aliases,
            )
        if p.geonameid is not None:
            self.gids.add(p.geonameid)
        self.report.added[p.feature_class] += 1

    def _add_aliases(self, idx: int, aliases: Sequence[str]) -> None:
        for alias in aliases:
            key = norm_name(alias)
            if key and key.isascii() and idx not in self.places.names.get(key, ()):
                self.places.names[key].append(idx)
                self.report.aliases_added += 1

    def finish(self, credits: list[dict[str, str]]) -> Index:
        """The merged index (same schema and version), derived keys recomputed."""
        places, index = self.places, self.index.copy()
        index.update(place_columns(places))
        index["prefixes"] = name_prefixes((*index["names"], *index["demonyms"]))
        index["codes"] = frozenset((index["codes"] | places.code_keys) - places.word_keys)
        index["sparse_admin2"] = frozenset(self.sparse)
        index["admin_skeletons"] = _admin_skeletons(places)
        index["sources"] = _merge_credits(index["sources"], credits)
        return index


def _merge_credits(old: list[dict[str, str]], new: list[dict[str, str]]) -> list[dict[str, str]]:
    """The index's credits with an entry per imported kind of data, naming the files."""
    out = [dict(c) for c in old]
    for credit in new:
        same = next((c for c in out if c["name"] == credit["name"]), None)
        if same is None:
            out.append(dict(credit))
            continue
        files = sorted({*same.get("files", "").split(", "), *credit["files"].split(", ")} - {""})
        same["files"] = ", ".join(files)
        same["what"] = credit["what"].split(": ")[0] + ": " + same["files"]
    return out


def _credits(geonames_files: list[str], user_files: list[str]) -> list[dict[str, str]]:
    out = []
    if geonames_files:
        files = ", ".join(sorted(geonames_files))
        out.append(
            {
                "name": "GeoNames (imported dumps)",
                "licence": "CC BY 4.0",
                "what": f"populated places and admin divisions imported with `eventmap "
                f"gazetteer import` from: {files}",
                "files": files,
            }
        )
    if user_files:
        files = ", ".join(sorted(user_files))
        out.append(
            {
                "name": "User places (imported CSV)",
                "licence": "as given by the user",
                "what": f"places imported with `eventmap gazetteer import` from: {files}",
                "files": files,
            }
        )
    return out


def _table_units(
    pending: list[NewPlace],
    tables: dict[str, dict[str, tuple[str, int | None]]],
    merger: _Merger,
    report: ImportReport,
) -> list[NewPlace]:
    """Admin units named in the code tables that neither the index nor the dumps hold,
    placed at the middle of their imported towns; counts the codes the tables lack."""
    a1_table, a2_table = tables.get("admin1", {}), tables.get("admin2", {})
    towns: dict[tuple[str, str], list[tuple[float, float, str | None]]] = defaultdict(list)
    for p in pending:
        if p.feature_class not in ("city", "village"):
            continue
        if p.admin1:
            if a1_table and p.admin1 not in a1_table:
                report.unresolved_admin1 += 1
            towns[("admin1", p.admin1)].append((p.lat, p.lon, p.country_code))
        if p.admin2:
            if a2_table and p.admin2 not in a2_table:
                report.unresolved_admin2 += 1
            towns[("admin2", p.admin2)].append((p.lat, p.lon, p.country_code))
    have_codes = merger.admin1_codes | {
        p.admin1 for p in pending if p.feature_class == "admin1" and p.admin1
    }
    out: list[NewPlace] = []
    for (level, code), pts in sorted(towns.items()):
        table = a1_table if level == "admin1" else a2_table
        if code not in table or (level == "admin1" and code in have_codes):
            continue
        name, gid = table[code]
        if gid is not None and (gid in merger.gids or any(p.geonameid == gid for p in pending)):
            continue
        lat = (min(p[0] for p in pts) + max(p[0] for p in pts)) / 2
        lon = (min(p[1] for p in pts) + max(p[1] for p in pts)) / 2
        admin1 = ".".join(code.split(".")[:2])
        out.append(NewPlace(name, lat, lon, pts[0][2], level, 0, gid, admin1, (), "geonames"))
    return out


def import_files(paths: Sequence[Path], data_dir: Path) -> ImportReport:
    """Merge ``paths`` into ``data_dir/index.pkl`` (see the module docstring).

    Raises :class:`ImportFileError` for a file that cannot be read and
    ``FileNotFoundError`` when the index is missing or from another version; in both cases
    the index is left unchanged.
    """
    t0 = time.perf_counter()
    target = Path(data_dir) / "index.pkl"
    if not target.is_file():
        raise FileNotFoundError(
            f"gazetteer index not found at {target}: run `make install` "
            f"(or `python -m gazetteer.build --out {data_dir}`) first"
        )
    report = ImportReport(files=[str(p) for p in paths])
    kinds: dict[str, list[Path]] = defaultdict(list)
    for path in paths:
        if not path.is_file():
            raise ImportFileError(path, None, None, "no such file")
        kinds[_kind_of(path)].append(path)
    if not kinds.get("geonames") and not kinds.get("csv"):
        raise ImportFileError(
            paths[0] if paths else "(none)",
            None,
            None,
            "no places to import: give a GeoNames table or a CSV",
        )

    # Read and check everything before touching the index.
    tables = {
        level: {k: v for p in kinds.get(level, []) for k, v in read_admin_codes(p).items()}
        for level in ("admin1", "admin2")
    }
    hierarchy: dict[int, int] = {}
    for p in kinds.get("hierarchy", []):
        hierarchy.update(read_hierarchy(p))
    pending: list[NewPlace] = []
    for p in kinds.get("geonames", []):
        pending.extend(read_geonames(p, report))
    for p in kinds.get("csv", []):
        pending.extend(read_user_csv(p, report))

    index = read_index(Path(data_dir))
    report.bytes_before = target.stat().st_size
    report.places_before, report.names_before = len(index["name"]), len(index["names"])
    merger = _Merger(index, report)

    if hierarchy:
        pending = _with_hierarchy(pending, hierarchy, merger)
    pending.extend(_table_units(pending, tables, merger, report))
    # Admin units first, then towns by population: a duplicate keeps the bigger reading.
    order = {"admin1": 0, "admin2": 1}
    for place in sorted(pending, key=lambda p: (order.get(p.feature_class, 2), -p.population)):
        merger.add(place)

    credits = _credits(
        [Path(p).name for p in kinds.get("geonames", [])],
        [Path(p).name for p in kinds.get("csv", [])],
    )
    merged = merger.finish(credits)
    if sum(report.added.values()) or report.aliases_added or merged["sources"] != index["sources"]:
        write_index(merged, Path(data_dir))
    report.places_after, report.names_after = len(merged["name"]), len(merged["names"])
    report.bytes_after = target.stat().st_size
    report.seconds = time.perf_counter() - t0
    return report


def _with_hierarchy(
    pending: list[NewPlace], hierarchy: dict[int, int], merger: _Merger
) -> list[NewPlace]:
    """Places without an admin-1 code get their ADM1 ancestor's code."""
    admin1_by_gid: dict[int, str] = {}
    a1 = FeatureClass.ADMIN1
    for i, g in enumerate(merger.places.gid):
        if g > 0 and merger.places.fclass[i] == a1 and merger.places.admin1[i]:
            admin1_by_gid[g] = merger.places.admin1[i]  # type: ignore[assignment]
    for p in pending:
        if p.feature_class == "admin1" and p.geonameid and p.admin1:
            admin1_by_gid[p.geonameid] = p.admin1
    out: list[NewPlace] = []
    for p in pending:
        if p.admin1 is None and p.geonameid is not None:
            node, seen = p.geonameid, 0
            while node in hierarchy and seen < 10 and node not in admin1_by_gid:
                node, seen = hierarchy[node], seen + 1
            code = admin1_by_gid.get(node) if node != p.geonameid else None
            if code:
                p = NewPlace(
                    p.name,
                    p.lat,
                    p.lon,
                    p.country_code,
                    p.feature_class,
                    p.population,
                    p.geonameid,
                    code,
                    p.aliases,
                    p.source,
                    p.admin2,
                )
        out.append(p)
    return out
