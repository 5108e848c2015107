"""Offline gazetteer: place index, place-mention recognition and resolution.

``load(data_dir)`` opens the index built by ``python -m gazetteer.build --out DIR``
(``make install`` does this once) and returns a :class:`Gazetteer`; the index's layout is
``gazetteer.schema``.
"""

from __future__ import annotations

from pathlib import Path

from core.toponym import Toponym
from gazetteer.geoparser import Gazetteer
from gazetteer.schema import GazetteerMissingError, read_index

__all__ = ["Gazetteer", "GazetteerMissingError", "Toponym", "load"]


def load(data_dir: Path) -> Gazetteer:
    """Load the gazetteer index from ``data_dir/index.pkl``.

    Raises :class:`GazetteerMissingError` (a ``FileNotFoundError``) naming the command that
    builds it when the file is missing or outdated.
    """
    gaz = Gazetteer(read_index(Path(data_dir)))
    gaz.data_dir = Path(data_dir)
    return gaz
