"""The names table (``gazetteer.nametable``): a read-only map from name keys to places."""

from __future__ import annotations

import pickle
from pathlib import Path

import marisa_trie
import pytest

from gazetteer.nametable import CACHE_SIZE, NameTable, _ints
from gazetteer.schema import read_index

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "gazetteer"
SOURCE = {
    "aleppo": [12, 40],
    "al bab": [7],
    "al": [3, 1, 2],
    "new york": [99],
    "nowhere": [],
    "": [5],
}


@pytest.fixture
def table() -> NameTable:
    return NameTable.from_mapping(SOURCE)


def test_reads_every_key_with_its_places_in_order(table: NameTable) -> None:
    assert table["aleppo"] == (12, 40)
    assert table.get("al") == (3, 1, 2)
    assert table[""] == (5,)
    assert "new york" in table and "al bab" in table
    assert dict(table.items()) == {k: tuple(v) for k, v in SOURCE.items() if v}
    assert sorted(table) == sorted(k for k, v in SOURCE.items() if v)
    assert len(table) == 5


def test_a_key_without_places_or_unknown_is_absent(table: NameTable) -> None:
    for key in ("nowhere", "alep", "aleppo ", "new", "Aleppo"):
        assert key not in table
        assert table.get(key) == ()
        assert table.get(key, (0,)) == (0,)
        with pytest.raises(KeyError):
            table[key]
    assert 12 not in table  # type: ignore[comparison-overlap]


def test_answers_stay_the_same_once_cached_and_past_the_cache(table: NameTable) -> None:
    first = [table.get(k) for k in SOURCE]
    for i in range(CACHE_SIZE + 10):  # push every key out of the cache
        table.get(f"x{i}")
    assert [table.get(k) for k in SOURCE] == first


def test_pickles_as_bytes_and_reads_back_equal(table: NameTable) -> None:
    blob = pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL)
    again = pickle.loads(blob)
    assert isinstance(again, NameTable)
    assert dict(again.items()) == dict(table.items())
    assert again.get("aleppo") == (12, 40)


def test_rejects_arrays_that_do_not_fit_the_keys(table: NameTable) -> None:
    trie, starts, places = table.__reduce__()[1]
    with pytest.raises(ValueError, match="one start per key"):
        NameTable(marisa_trie.Trie().frombytes(trie), _ints(starts)[:-1], _ints(places))


def test_the_built_index_keeps_its_names_compact() -> None:
    index = read_index(DATA_DIR)
    names = index["names"]
    assert isinstance(names, NameTable)
    assert len(names) > 500_000
    assert "aleppo" in names and "damascus" in names
    assert "Aleppo" in {index["name"][i] for i in names["aleppo"]}
    # The table pickles to about 13 bytes a key (trie, starts, places), a dict of tuples to 23.
    assert len(pickle.dumps(names, protocol=pickle.HIGHEST_PROTOCOL)) < 16 * len(names)
