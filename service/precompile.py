"""Compile at install what every process would compile at start (``make install``).

``python -m service.precompile [--out FILE]`` imports the whole pipeline and loads the report
rules, so that every pattern routed through :func:`core.regexes.compile` is compiled once
here, and writes them to ``var/cache/regexes.marshal`` (see :mod:`core.regexes`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from core import regexes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=regexes.DEFAULT_FILE)
    args = parser.parse_args()
    regexes.load(Path("/nonexistent"))  # compile everything afresh, whatever the old file holds
    import events.stages  # noqa: F401  (its modules compile their patterns on import)
    from events.report import rules

    rules()
    count = regexes.write(args.out)
    print(f"{args.out}: {count} compiled patterns")


if __name__ == "__main__":
    main()
