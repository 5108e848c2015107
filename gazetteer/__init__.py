"""Offline gazetteer: place index, place-mention recognition and resolution.

``load(data_dir)`` opens the index built by ``python -m gazetteer.build --out DIR``
(``make install`` does this once) and returns a :class:`Gazetteer`.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from core.toponym import Toponym
from gazetteer.geoparser import INDEX_VERSION, Gazetteer

__all__ = ["Gazetteer", "GazetteerMissingError", "Toponym", "load"]


class GazetteerMissingError(FileNotFoundError):
    """The index file is missing or was built by an incompatible version."""


def load(data_dir: Path) -> Gazetteer:
    """Load the gazetteer index from ``data_dir/index.pkl``.

    Raises :class:`GazetteerMissingError` (a ``FileNotFoundError``) naming the command that
    builds it when the file is missing or outdated.
    """
    path = Path(data_dir) / "index.pkl"
    if not path.is_file():
        raise GazetteerMissingError(
            f"gazetteer index not found at {path}: run `make install` "
            f"(or `python -m gazetteer.build --out {data_dir}`)"
        )
    with path.open("rb") as fh:
        index = pickle.load(fh)
    if not isinstance(index, dict) or index.get("version") != INDEX_VERSION:
        raise GazetteerMissingError(
            f"gazetteer index at {path} is from another version: run `make install` "
            f"(or `python -m gazetteer.build --out {data_dir}`)"
        )
    gaz = Gazetteer(index)
    gaz.data_dir = Path(data_dir)
    return gaz
