"""The layout of the gazetteer index (``index.pkl``), in one place.

``gazetteer.build`` and ``gazetteer.importer`` write the index with :func:`write_index`;
``gazetteer.load`` and the importer read it with :func:`read_index`. The index is a pickled
dict (:class:`Index`) of per-place columns (row ``i`` is one place) and lookup tables keyed
by normalised names (``gazetteer.normalize.norm_name``). Coordinates are WGS 84 degrees,
kept as separate ``lat`` and ``lon`` columns; bounding boxes are
``(min_lon, min_lat, max_lon, max_lat)``.

Bump :data:`INDEX_VERSION` whenever the layout or the meaning of a field changes: the
readers then refuse an older index with a message telling to rebuild it (``make install``
does, since the Makefile's index rule depends on ``gazetteer/*.py``).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from enum import IntEnum
from pathlib import Path
from typing import Any, TypedDict, cast

from core.toponym import FeatureClass as FeatureClassName
from core.toponym import Source as SourceName
from gazetteer.nametable import NameTable

INDEX_VERSION = 8
INDEX_FILE = "index.pkl"


class FeatureClass(IntEnum):
    """A place's feature class as the ``fclass`` column stores it (one byte per place).

    The order is part of the format; ``label`` is the contract's name of the class
    (``core.toponym.FeatureClass``).
    """

    COUNTRY = 0
    ADMIN1 = 1
    ADMIN2 = 2
    CITY = 3
    VILLAGE = 4
    WATER = 5
    REGION = 6
    OTHER = 7

    @property
    def label(self) -> FeatureClassName:
        """The contract's name ("country", "admin1", ...)."""
        return cast(FeatureClassName, self.name.lower())

    @classmethod
    def of(cls, label: str) -> FeatureClass:
        """The class named ``label`` ("city"); ``KeyError`` for another word."""
        return cls[label.upper()]


class SourceCode(IntEnum):
    """A place's data source as the ``source`` column stores it (one byte per place).

    Appended only: an index keeps the names in this order as ``source_names``, and an
    importer may add places to an index built with fewer sources.
    """

    GEONAMES = 0
    NATURALEARTH = 1
    SUPPLEMENT = 2
    INFERRED = 3
    AIRPORTSDATA = 4
    USER = 5
    GEOBOUNDARIES = 6
    KATOTTG = 7

    @property
    def label(self) -> SourceName:
        """The contract's name ("geonames", "supplement", ...)."""
        return cast(SourceName, self.name.lower())

    @classmethod
    def of(cls, label: str) -> SourceCode:
        """The source named ``label`` ("geonames"); ``KeyError`` for another word."""
        return cls[label.upper()]


# The names in column order, as the index stores them (``feature_classes``, ``source_names``).
FEATURE_CLASSES: tuple[FeatureClassName, ...] = tuple(f.label for f in FeatureClass)
SOURCES: tuple[SourceName, ...] = tuple(s.label for s in SourceCode)

BBox = tuple[float, float, float, float]


class PlaceColumns(TypedDict):
    """The per-place columns and the name table.

    Per place (row ``i``): ``name`` (own name), ``lat``/``lon`` (degrees), ``cc`` (ISO
    alpha-2 or ``None``), ``fclass`` (:class:`FeatureClass` bytes), ``source``
    (:class:`SourceCode` bytes, named by ``source_names``), ``pop`` (people, 0 when
    unknown), ``gid`` (GeoNames id or -1), ``admin1`` (GeoNames admin-1 code "US.TX" or
    ``None``); ``bbox`` only for places with an extent.
    """

    source_names: tuple[str, ...]
    name: list[str]
    lat: array[float]
    lon: array[float]
    cc: list[str | None]
    fclass: bytes
    source: bytes
    pop: array[int]
    gid: array[int]
    admin1: list[str | None]
    bbox: dict[int, BBox]
    # Name key -> places of that name (own and alternate names).
    names: NameTable


class Index(PlaceColumns):
    """The pickled index: the place columns, then tables keyed by normalised names."""

    version: int
    feature_classes: tuple[str, ...]
    # Proper word prefixes of multi-word keys ("new" of "new york").
    prefixes: frozenset[str]
    # Keys only a code names ("car" for CAR): matched only where written in capitals.
    codes: frozenset[str]
    # Demonym key ("syrian") -> its country or region.
    demonyms: dict[str, int]
    capitals: frozenset[int]
    # Admin-2 units no town lies in (placed by their own point; weighed like villages).
    sparse_admin2: frozenset[int]
    # Admin-1/admin-2 units by the skeleton of their names ("wasit" for "Wassit").
    admin_skeletons: dict[str, tuple[int, ...]]
    exonyms: dict[str, tuple[int, ...]]
    # State abbreviations: postal codes ("tx") and dotted forms ("calif"), and how the
    # dotted forms are written ("calif.").
    postal_codes: dict[str, int]
    abbreviations: dict[str, int]
    abbreviation_forms: frozenset[str]
    # English vocabulary (nouns, and every other part of speech) and person names.
    vocab_nouns: frozenset[str]
    vocab_other: frozenset[str]
    given_names: frozenset[str]
    surnames: frozenset[str]
    # The word lists of ``gazetteer/data/wordlists.json`` but "about" and "given_names".
    wordlists: dict[str, frozenset[str]]
    # Credits: name, licence, what each source supplies.
    sources: list[dict[str, str]]
    # Country -> key -> places read only in a story about that country, and their prefixes.
    # ISO alpha-2 code -> the words for its admin-1 units ("state", "department")
    admin1_kinds: dict[str, frozenset[str]]
    story_names: dict[str, dict[str, tuple[int, ...]]]
    story_prefixes: dict[str, frozenset[str]]


class GazetteerMissingError(FileNotFoundError):
    """The index file is missing or was built by an incompatible version."""


def _rebuild_hint(data_dir: Path) -> str:
    return f"run `make install` (or `python -m gazetteer.build --out {data_dir}`)"


def read_index(data_dir: Path) -> Index:
    """Load ``data_dir/index.pkl``.

    Raises :class:`GazetteerMissingError` naming the command that rebuilds it when the file
    is missing, is no index, or was written with another :data:`INDEX_VERSION` or source
    table.
    """
    path = Path(data_dir) / INDEX_FILE
    if not path.is_file():
        raise GazetteerMissingError(
            f"gazetteer index not found at {path}: {_rebuild_hint(data_dir)}"
        )
    with path.open("rb") as fh:
        index: Any = pickle.load(fh)
    if not isinstance(index, dict) or index.get("version") != INDEX_VERSION:
        found = index.get("version") if isinstance(index, dict) else None
        raise GazetteerMissingError(
            f"gazetteer index at {path} is from another version ({found}, this code reads "
            f"{INDEX_VERSION}): {_rebuild_hint(data_dir)}"
        )
    names = tuple(index.get("source_names", ()))
    if names != SOURCES[: len(names)]:
        raise GazetteerMissingError(
            f"gazetteer index at {path} lists other sources: {_rebuild_hint(data_dir)}"
        )
    return cast(Index, index)


def write_index(index: Index, out_dir: Path) -> Path:
    """Write ``index`` to ``out_dir/index.pkl`` atomically (a temporary file in the same
    folder, then a rename): a reader never sees a half-written index, and a failure leaves
    the old one in place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / INDEX_FILE
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".index-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


# The classes and sources bound to names once: looking a member up on its enum costs ten
# times an int comparison, and the geoparser compares them in its inner loops.
COUNTRY, ADMIN1, ADMIN2, CITY, VILLAGE, WATER, REGION, OTHER = FeatureClass
SUPPLEMENT = SourceCode.SUPPLEMENT
GEOBOUNDARIES = SourceCode.GEOBOUNDARIES
