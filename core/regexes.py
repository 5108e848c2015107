"""Large regular expressions compiled at install instead of at every start.

Compiling the casualty patterns and the report rules (alternations tens of thousands of
characters long) took about 0.55 s of every process's start, in each batch worker and each
service worker alike. :func:`compile` looks a pattern up in a file written at install
(``make install`` runs ``python -m service.precompile``), which keeps what CPython's
compiler made of it: the opcode list and the group tables. Building the pattern object from
those takes microseconds and gives the very object ``re.compile`` gives (the two compare
equal: same pattern, flags and code). A pattern the file does not hold (edited since), a
file written by another Python, or no file at all, and :func:`compile` is ``re.compile``.

The file relies on CPython's ``re._parser``/``re._compiler`` (to write it) and
``_sre.compile`` (to read it); it is keyed by the interpreter's cache tag and ``_sre.MAGIC``
so that another interpreter never reads it, and each entry is checked against
``re.compile`` when written.
"""

from __future__ import annotations

import _sre
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "var" / "cache" / "regexes.marshal"
TAG = f"{sys.implementation.cache_tag}-{_sre.MAGIC}"

# (pattern, flags) -> (flags, code, groups, groupindex, indexgroup): _sre.compile's arguments
_Parts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_cache: dict[tuple[str, int], _Parts] | None = None
_requested: set[tuple[str, int]] = set()


def _read(path: Path) -> dict[tuple[str, int], _Parts]:
    """The entries of ``path``; none when it is missing, unreadable or from another
    interpreter."""
    try:
        data: Any = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict) or data.get("tag") != TAG:
        return {}
    patterns = data.get("patterns")
    return patterns if isinstance(patterns, dict) else {}


def load(path: Path | None = None) -> None:
    """Read the compiled patterns of ``path`` (default :data:`DEFAULT_FILE`, or the
    ``EVENTMAP_REGEX_CACHE`` environment variable) for :func:`compile`; done on the first
    :func:`compile` call when not before."""
    global _cache
    if path is None:
        path = Path(os.environ.get("EVENTMAP_REGEX_CACHE", DEFAULT_FILE))
    _cache = _read(path)


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the install-time file when it holds the pattern.

    Raises ``re.error`` for a bad pattern, as ``re.compile`` does.
    """
    key = (pattern, int(flags))
    if _cache is None:
        load()
    parts = _cache.get(key) if _cache is not None else None
    if parts is not None:
        try:
            return _sre.compile(pattern, *parts)  # type: ignore[no-any-return]
        except (TypeError, ValueError, RuntimeError):
            pass
    compiled = re.compile(pattern, flags)
    _requested.add(key)  # only patterns that compile are written
    return compiled


def _parts(pattern: str, flags: int) -> _Parts | None:
    """What ``re.compile`` hands ``_sre.compile`` for ``pattern``, or None when it cannot be
    rebuilt from them exactly."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    parts: _Parts = (
        int(flags | parsed.state.flags),
        [int(op) for op in _compiler._code(parsed, flags)],
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    try:
        rebuilt = _sre.compile(pattern, *parts)
    except (TypeError, ValueError, RuntimeError):
        return None
    return parts if rebuilt == re.compile(pattern, flags) else None


def write(path: Path = DEFAULT_FILE) -> int:
    """Write every pattern :func:`compile` was asked for in this process to ``path``
    (atomically: a temporary file, then a rename); return how many it holds."""
    patterns = {key: parts for key in sorted(_requested) if (parts := _parts(*key)) is not None}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regexes-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps({"tag": TAG, "patterns": patterns}))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(patterns)
