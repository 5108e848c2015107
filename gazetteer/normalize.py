"""Name normalisation shared by the index builder and the matcher.

A name is reduced to its alphanumeric runs, case-folded, with diacritics stripped and joined
by single spaces: "St. Peter's" -> "st peter s", "Ḩamāh" -> "hamah", "Al-Rastan" ->
"al rastan". The builder keys every name this way and the matcher keys token n-grams of the
text the same way, so punctuation inside names never has to match exactly.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TOKEN_RE = re.compile(r"[^\W_]+")

# Letters NFKD does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l",
                          "Ł": "l", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i",
                          "þ": "th", "ð": "d", "ħ": "h", "Ħ": "h"})


@lru_cache(maxsize=200_000)
def norm_token(token: str) -> str:
    """Case-fold ``token`` and strip its diacritics ("Ḩimş" -> "hims")."""
    decomposed = unicodedata.normalize("NFKD", token.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def norm_name(name: str) -> str:
    """The lookup key of a place name: normalised alphanumeric runs joined by spaces."""
    return " ".join(norm_token(t) for t in TOKEN_RE.findall(name))


def is_latin_key(key: str) -> bool:
    """True when a normalised key is plain ASCII letters, digits and spaces."""
    return bool(key) and key.isascii()
