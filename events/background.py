"""Background in a news story: statements about the war so far, not about what just
happened ("The Houthis have attacked more than 100 ships since November", "Mali has been
battling jihadists for more than a decade"), and events dated long before the story.

A sentence is background when it is in the present perfect ("has", "have") and says how
long or how often ("since 2011", "since the war began", "for years", "repeatedly", "so far
this year"). "Since Monday" or "since dawn" is the story itself, and so is the past perfect
of reported speech ("officials said troops had captured the town").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# Events dated longer ago than this before publication are history, not news.
STALE_AFTER = timedelta(days=120)

_PERFECT = re.compile(r"\b(?:has|have|'ve)\b", re.IGNORECASE)
_RECENT_SINCE = (
    r"(?:(?:early\s+|late\s+|last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)|dawn|daybreak|midnight|morning|(?:last|this|the)\s+(?:night|morning|weekend|week)"
    r"|yesterday|then|the (?:attack|strike|blast|explosion|raid))\b"
)
_DURATION = re.compile(
    rf"\bsince\b(?!\s+{_RECENT_SINCE})"
    r"|\bfor (?:more than |nearly |almost |over |about |some )?(?:a|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|\d+|several|many) (?:decades?|years?|months)\b"
    r"|\bfor (?:years|decades)\b"
    r"|\b(?:over|in|during) the (?:past|last) (?:\w+ )?(?:years?|decades?|months)\b"
    r"|\bin recent (?:years|months)\b|\bover the years\b|\brepeatedly\b|\bso far (?:this|in)\b"
    r"|\bto date\b|\bin total\b|\bsince the (?:start|beginning|outbreak)\b",
    re.IGNORECASE,
)


# "The army, which has held El Fasher since the war began, said ...": an aside
_ASIDE = re.compile(r",\s+(?:which|who|whose|where)\b[^,;]*,")


# "the biggest incursion into Russia since World War Two": a record, not a duration
_RECORD_SINCE = re.compile(
    r"\b(?:\w+est|first|most \w+|worst)\b[^,.;]{0,100}?\bsince\b[^,.;]*", re.IGNORECASE
)


def is_background(sentence: str) -> bool:
    """Whether ``sentence`` sums up the conflict so far rather than telling new events (a
    relative clause that does so is an aside, and "the biggest ... since" a record: neither
    is the sentence's news)."""
    if not (_PERFECT.search(sentence) and _DURATION.search(sentence)):
        return False
    main = _RECORD_SINCE.sub("", _ASIDE.sub(",", sentence))
    return bool(_PERFECT.search(main) and _DURATION.search(main))


_SPAN = {"day": 0, "week": 6, "month": 30, "year": 364}


def is_stale(when: date | None, precision: str | None, published: date | None) -> bool:
    """Whether an event dated ``when`` (a day, or the first day of a week, month or year
    at ``precision``) ended long before ``published``: history, not news."""
    if when is None or published is None:
        return False
    last = when + timedelta(days=_SPAN.get(precision or "day", 0))
    return last < published - STALE_AFTER
