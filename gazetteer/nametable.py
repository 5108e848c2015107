"""The names table: a normalised name key to the places of that name, kept compact.

A dict of 786,000 keys to tuples of place indices takes over 100 MB in every process and
0.3 s to unpickle at each start. :class:`NameTable` keeps the keys in a MARISA trie (about
3 MB, read from bytes in under a millisecond) and the places in two int arrays, and reads a
key through a per-process LRU cache, since running text repeats its names: a cached lookup
costs what a dict's does, an uncached one about a microsecond, and a document asks for some
two hundred keys.
"""

from __future__ import annotations

from array import array
from collections.abc import ItemsView, Iterable, Iterator, Mapping
from functools import lru_cache

import marisa_trie

# Keys whose places each process keeps at hand (a document asks for about 200 keys, an
# archive for some tens of thousands distinct ones).
CACHE_SIZE = 1 << 16


class NameTable(Mapping[str, tuple[int, ...]]):
    """Read-only map from a name key to the indices of its places (never empty).

    Build one with :meth:`from_mapping`; it pickles as its trie's and arrays' bytes.
    """

    def __init__(self, trie: marisa_trie.Trie, starts: array[int], places: array[int]) -> None:
        """``starts[i]:starts[i + 1]`` slices ``places`` for the key of trie id ``i``."""
        if len(starts) != len(trie) + 1 or (starts and starts[-1] != len(places)):
            raise ValueError("a NameTable needs one start per key and one more for the end")
        self._trie = trie
        self._starts = starts
        self._places = places
        self._lookup = lru_cache(maxsize=CACHE_SIZE)(self._read)

    @classmethod
    def from_mapping(cls, table: Mapping[str, Iterable[int]]) -> NameTable:
        """The table of ``table``'s keys that have at least one place, places in order."""
        kept = {key: tuple(ids) for key, ids in table.items()}
        trie = marisa_trie.Trie(key for key, ids in kept.items() if ids)
        by_id: list[tuple[int, ...]] = [()] * len(trie)
        for key, ids in kept.items():
            if ids:
                by_id[trie.key_id(key)] = ids
        starts, places = array("i", [0]), array("i")
        for ids in by_id:
            places.extend(ids)
            starts.append(len(places))
        return cls(trie, starts, places)

    def _read(self, key: str) -> tuple[int, ...]:
        try:
            i = self._trie.key_id(key)
        except KeyError:
            return ()
        return tuple(self._places[self._starts[i] : self._starts[i + 1]])

    def get(self, key: str, default: tuple[int, ...] = ()) -> tuple[int, ...]:  # type: ignore[override]
        """The places named ``key``, or ``default`` when none is."""
        return self._lookup(key) or default

    def __getitem__(self, key: str) -> tuple[int, ...]:
        found = self._lookup(key)
        if not found:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self._lookup(key))

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def items(self) -> ItemsView[str, tuple[int, ...]]:
        return _Items(self)

    def pairs(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        """Every key and its places, read straight from the arrays (not through the cache)."""
        starts, places = self._starts, self._places
        for key, i in self._trie.items():
            yield key, tuple(places[starts[i] : starts[i + 1]])

    def __len__(self) -> int:
        return len(self._trie)

    def __reduce__(self) -> tuple[object, tuple[bytes, bytes, bytes]]:
        return _restore, (self._trie.tobytes(), self._starts.tobytes(), self._places.tobytes())


class _Items(ItemsView[str, tuple[int, ...]]):
    _mapping: NameTable

    def __iter__(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        return self._mapping.pairs()


def _restore(trie: bytes, starts: bytes, places: bytes) -> NameTable:
    return NameTable(marisa_trie.Trie().frombytes(trie), _ints(starts), _ints(places))


def _ints(data: bytes) -> array[int]:
    ints = array("i")
    ints.frombytes(data)
    return ints
