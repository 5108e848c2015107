"""The index layout (``gazetteer.schema``): one version, one reader and writer, typed fields."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import get_args

import pytest

from core.toponym import FeatureClass as FeatureClassName
from core.toponym import Source as SourceName
from gazetteer.schema import (
    FEATURE_CLASSES,
    INDEX_VERSION,
    SOURCES,
    FeatureClass,
    GazetteerMissingError,
    Index,
    SourceCode,
    read_index,
    write_index,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "gazetteer"


@pytest.fixture(scope="module")
def index() -> Index:
    if not (DATA_DIR / "index.pkl").exists():
        pytest.fail("the gazetteer index is missing: run `make install` first")
    return read_index(DATA_DIR)


def test_feature_classes_are_the_contracts_in_column_order() -> None:
    assert get_args(FeatureClassName) == FEATURE_CLASSES
    assert [f.label for f in FeatureClass] == list(FEATURE_CLASSES)
    assert FeatureClass.of("city") is FeatureClass.CITY == 3
    with pytest.raises(KeyError):
        FeatureClass.of("hamlet")


def test_sources_are_contract_names_in_stored_order() -> None:
    assert set(SOURCES) <= set(get_args(SourceName))
    assert SOURCES[:3] == ("geonames", "naturalearth", "supplement")
    assert SourceCode.of("katottg").label == "katottg"


def test_the_built_index_has_exactly_the_typed_fields(index: Index) -> None:
    assert set(index) == set(Index.__required_keys__)
    assert index["version"] == INDEX_VERSION
    assert tuple(index["feature_classes"]) == FEATURE_CLASSES
    assert tuple(index["source_names"]) == SOURCES
    n = len(index["name"])
    for column in ("lat", "lon", "cc", "fclass", "source", "pop", "gid", "admin1"):
        assert len(index[column]) == n, column  # type: ignore[literal-required]
    assert max(index["fclass"]) <= max(FeatureClass)
    assert max(index["source"]) <= max(SourceCode)


def test_round_trip_is_atomic(tmp_path: Path) -> None:
    small = {"version": INDEX_VERSION, "source_names": SOURCES, "name": ["Homs"]}
    target = write_index(small, tmp_path)  # type: ignore[arg-type]
    assert target == tmp_path / "index.pkl"
    assert read_index(tmp_path) == small
    assert [p.name for p in tmp_path.iterdir()] == ["index.pkl"]


def test_missing_index_names_the_command_that_builds_it(tmp_path: Path) -> None:
    with pytest.raises(GazetteerMissingError, match=r"not found .*make install"):
        read_index(tmp_path)


def test_an_older_version_asks_for_a_rebuild(tmp_path: Path) -> None:
    old = {"version": INDEX_VERSION - 1, "source_names": SOURCES}
    (tmp_path / "index.pkl").write_bytes(pickle.dumps(old))
    with pytest.raises(
        GazetteerMissingError,
        match=rf"another version \({INDEX_VERSION - 1}, this code reads {INDEX_VERSION}\).*"
        r"make install",
    ):
        read_index(tmp_path)
    (tmp_path / "index.pkl").write_bytes(pickle.dumps(["not", "an", "index"]))
    with pytest.raises(GazetteerMissingError, match="another version"):
        read_index(tmp_path)


def test_other_sources_ask_for_a_rebuild(tmp_path: Path) -> None:
    odd = {"version": INDEX_VERSION, "source_names": ("supplement", "geonames")}
    (tmp_path / "index.pkl").write_bytes(pickle.dumps(odd))
    with pytest.raises(GazetteerMissingError, match=r"other sources.*make install"):
        read_index(tmp_path)
    # An index built with fewer sources (a prefix) stays readable.
    fewer = {"version": INDEX_VERSION, "source_names": SOURCES[:6]}
    (tmp_path / "index.pkl").write_bytes(pickle.dumps(fewer))
    assert read_index(tmp_path)["source_names"] == SOURCES[:6]
