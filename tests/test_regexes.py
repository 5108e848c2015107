"""Patterns compiled at install (`core.regexes`): the file is what compile() serves, it gives
the object re.compile gives, and anything it cannot vouch for falls back to re.compile."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core import regexes
from tests.conftest import ROOT

PATTERNS = [
    (r"(?P<n>\d+) (?P<who>soldiers|civilians) (?:were )?killed", re.IGNORECASE),
    (r"\b(?:north|south)(?:east|west)? of (?P<place>[A-Z]\w+)", 0),
    (r"(?i)beat(?:en)? (?:him|her) to death", 0),
]


@pytest.fixture
def cache_file(tmp_path: Path) -> Iterator[Path]:
    """A file written from PATTERNS the way the install step writes it; the module reads the
    installed file again afterwards."""
    path = tmp_path / "regexes.marshal"
    regexes.load(tmp_path / "none")
    for pattern, flags in PATTERNS:
        regexes.compile(pattern, flags)
    assert regexes.write(path) >= len(PATTERNS)
    yield path
    regexes.load()


def _entries(path: Path) -> dict:
    data: dict = marshal.loads(path.read_bytes())
    return data


def test_patterns_from_the_file_equal_re_compile(cache_file: Path) -> None:
    regexes.load(cache_file)
    for pattern, flags in PATTERNS:
        built = regexes.compile(pattern, flags)
        assert built == re.compile(pattern, flags)  # same pattern, flags and code
        assert built.groupindex == re.compile(pattern, flags).groupindex
    m = regexes.compile(*PATTERNS[0]).search("Yesterday 12 Soldiers were killed")
    assert m is not None and m.group("n", "who") == ("12", "Soldiers")
    assert regexes.compile(*PATTERNS[1]).search("20 km north of the town") is None


def test_compile_serves_the_file_not_a_fresh_compile(cache_file: Path) -> None:
    # swap the code of two entries: a pattern built from the file then matches what the other
    # one matches, which a fresh compile never would
    data = _entries(cache_file)
    first, second = ((p, int(f)) for p, f in PATTERNS[:2])
    a, b = data["patterns"][first], data["patterns"][second]
    data["patterns"][first] = (a[0], b[1], b[2], b[3], b[4])
    cache_file.write_bytes(marshal.dumps(data))
    regexes.load(cache_file)
    swapped = regexes.compile(*PATTERNS[0])
    assert swapped.search("3 km northwest of Marea") is not None
    assert regexes.compile(*PATTERNS[2]).search("they beat him to death")


@pytest.mark.parametrize("damage", ["other interpreter", "truncated", "not a dict", "missing"])
def test_a_file_it_cannot_trust_falls_back_to_re_compile(cache_file: Path, damage: str) -> None:
    data = _entries(cache_file)
    first = (PATTERNS[0][0], int(PATTERNS[0][1]))
    data["patterns"][first] = data["patterns"][(PATTERNS[1][0], int(PATTERNS[1][1]))]
    if damage == "other interpreter":
        data["tag"] = "cpython-299-0"
        cache_file.write_bytes(marshal.dumps(data))
    elif damage == "truncated":
        cache_file.write_bytes(marshal.dumps(data)[:100])
    elif damage == "not a dict":
        cache_file.write_bytes(marshal.dumps([1, 2, 3]))
    else:
        cache_file.unlink()
    regexes.load(cache_file)
    assert regexes.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])


def test_a_pattern_not_in_the_file_is_compiled_and_bad_ones_raise(cache_file: Path) -> None:
    regexes.load(cache_file)
    assert regexes.compile(r"shell(?:ed|ing) \w+") == re.compile(r"shell(?:ed|ing) \w+")
    with pytest.raises(re.error):
        regexes.compile(r"killed (\d+")


def test_the_install_step_writes_every_large_pattern(tmp_path: Path) -> None:
    out = tmp_path / "regexes.marshal"
    result = subprocess.run(
        [sys.executable, "-m", "service.precompile", "--out", out],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    from events import casualties, report

    keys = _entries(out)["patterns"]
    assert (casualties._AFTER.pattern, int(re.IGNORECASE)) in keys
    rule = report.rules().rules[0].pattern
    assert (rule.pattern, int(re.IGNORECASE)) in keys
    assert out.stat().st_mode & 0o777 == 0o644


_MISSING = """
import sys
from pathlib import Path
from core import regexes
regexes.load(Path(sys.argv[1]))
import events.stages
from events.report import rules
rules()
print(sum(key not in regexes._cache for key in regexes._requested))
"""


def test_a_process_with_another_hash_seed_finds_every_pattern_in_the_file(
    tmp_path: Path,
) -> None:
    """Patterns built from sets (the armed groups of the organisations list) come out in
    one order whatever the process's string hashes, or the file serves no process but the
    one that wrote it."""
    out = tmp_path / "regexes.marshal"
    env = {"PYTHONHASHSEED": "1", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-m", "service.precompile", "--out", out],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [sys.executable, "-c", _MISSING, str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**env, "PYTHONHASHSEED": "2"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0"]
