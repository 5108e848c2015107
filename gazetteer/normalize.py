"""Name normalisation shared by the index builder and the matcher.

A name is reduced to its words (alphanumeric runs, with a transliteration apostrophe closed
up: "Sana'a" is one word), case-folded, with diacritics stripped and joined by single spaces:
"St. Peter's" -> "st peter s", "Ḩamāh" -> "hamah", "Al-Rastan" -> "al rastan", "Ma'rib" ->
"marib". The builder keys every name this way and the matcher keys token n-grams of the
text the same way, so punctuation inside names never has to match exactly.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

TOKEN_RE = re.compile(r"[^\W_]+")
# The Arabic article as names in the Latin alphabet write it: "al-", "el-", assimilated to the
# next consonant ("ar-Raqqa", "ash-Shaddadi", "adh-Dhahab", "ez-Zawiya", "es-Sweida") and as
# Persian and Urdu names carry it ("Abd ul-Rahman"). One list for every reader of names.
ARABIC_ARTICLES = frozenset(
    {"al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "es", "et",
     "ez", "il", "ul"}
)  # fmt: skip
# Countries whose place names carry the Arabic article, in English written "Al-", "El-",
# or assimilated ("Ar Raqqah", "Ad Dawhah", "Ez Zawiya"), and often left out ("Hodeidah").
ARABIC_ARTICLE_COUNTRIES = frozenset(
    {
        "AE",
        "BH",
        "DJ",
        "DZ",
        "EG",
        "EH",
        "ER",
        "IL",
        "IQ",
        "JO",
        "KM",
        "KW",
        "LB",
        "LY",
        "MA",
        "MR",
        "OM",
        "PS",
        "QA",
        "SA",
        "SD",
        "SO",
        "SS",
        "SY",
        "TD",
        "TN",
        "YE",
    }
)
APOSTROPHES = "'’‘`"
# What follows an apostrophe in English ("Gaza's", "don't"): no part of a transliteration.
_CONTRACTIONS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
_JOIN_RE = re.compile(r"(?<=[^\W_])['’‘`](?=[^\W_])")

# Letters NFKD does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
        "Ħ": "h",
    }
)


@lru_cache(maxsize=200_000)
def norm_token(token: str) -> str:
    """Case-fold ``token`` and strip its diacritics ("Ḩimş" -> "hims")."""
    decomposed = unicodedata.normalize("NFKD", token.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words of ``text``; ``text[start:end]`` is the word as written.

    A capitalised run, an apostrophe and a lower-case run that is no English contraction
    make one word without the apostrophe: "Sana'a" -> "Sanaa", "Ta`izz" -> "Taizz"; "Gaza's",
    "Don't" and "Côte d'Ivoire" keep their parts.
    """
    spans = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
    joins = [m.start() for m in _JOIN_RE.finditer(text)]
    for at in reversed(joins):  # from the end, so earlier indices stay valid
        k = bisect_left(spans, (at + 1,))
        if not 0 < k < len(spans) or spans[k][0] != at + 1 or spans[k - 1][1] != at:
            continue
        (start, _, left), (_, end, right) = spans[k - 1], spans[k]
        if left[0].isupper() and right.islower() and right not in _CONTRACTIONS:
            spans[k - 1 : k + 1] = [(start, end, left + right)]
    return spans


@lru_cache(maxsize=200_000)
def norm_name(name: str) -> str:
    """The lookup key of a place name: its normalised words joined by spaces."""
    return " ".join(norm_token(w) for _, _, w in word_spans(name))


def split_name(name: str) -> str:
    """The key of ``name`` with every apostrophe a word break ("Ol'de" -> "ol de").

    The index keys alternate names this way unless their apostrophes transliterate Arabic
    (see ``gazetteer.build``): closing up the soft signs and glottal marks of other
    languages would make words of them ("Ol'de" for Oelde, "‘Immanu‘el").
    """
    return " ".join(norm_token(t) for t in TOKEN_RE.findall(name))


def is_latin_key(key: str) -> bool:
    """True when a normalised key is plain ASCII letters, digits and spaces."""
    return bool(key) and key.isascii()


def skeleton(key: str) -> str:
    """A name key with doubled letters once, without spaces, hyphens, an opening Arabic
    article or a closing "h": "wassit" and "wasit" -> "wasit"; "hiiraan" and "hiraan" ->
    "hiran"; "banaadir" -> "banadir" (how the geoparser finds a stated region spelled
    otherwise)."""
    k = key.replace(" ", "").replace("-", "")
    if k[:2] in ("al", "el") and len(k) > 5:
        k = k[2:]
    return re.sub(r"(.)\1+", r"\1", k.removesuffix("h"))
