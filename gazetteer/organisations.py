"""Organisations, armed groups, security forces, news agencies and outlets, and parties.

One list (``data/organisations.json``) shared by the geoparser, for which no part of such a
name is a place ("Xinhua", "Islamic Dawa Party", "Saba News Agency", "African Union"), and
by the events stage, for actors. ``load_organisations()`` reads it; ``organisation_matcher()``
returns a compiled :class:`OrganisationMatcher` (both cached).

Case: a word listed with inner capitals or in capitals ("FAMa", "AU", "ISIS") matches only
as written, and a capitalised word only capitalised: "Lebanese Forces" (the party) is not
"Lebanese forces" (the army of Lebanon). Lower-case words ("al" of "Tahrir al-Sham") match
in any case.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from gazetteer.normalize import ARABIC_ARTICLES, norm_token, word_spans

OrganisationKind = Literal[
    "armed_group", "security_force", "mission", "news_agency", "outlet", "party", "organisation"
]
DATA_FILE = Path(__file__).parent / "data" / "organisations.json"
# What may separate two words of one name: spaces, hyphens, apostrophes, periods,
# slashes, ampersands and brackets ("RFE/RL", "CPI (Maoist)").
GAP_RE = re.compile(r"[ \t\-‐'’./&()]{1,3}")


@dataclass(frozen=True, slots=True)
class Organisation:
    """One organisation: its usual ``name``, ``kind``, other names, the ISO alpha-2 code
    of the country it belongs to (None for international ones) and, for one whose work is
    bound to some regions of it, their GeoNames admin-1 codes (the OSCE SMM reported
    from Donetsk and Luhansk oblasts: "UA.05", "UA.14")."""

    name: str
    kind: OrganisationKind
    aliases: tuple[str, ...] = ()
    country: str | None = None
    regions: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name and the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class OrganisationMatch:
    """A name of ``organisation`` at ``text[start:end]``."""

    start: int
    end: int
    text: str
    organisation: Organisation


# Generic words after the first word of a name, written in either case ("Saba news
# agency", "the Dawa party"); "forces" and "army" are not among them ("Lebanese forces").
GENERIC_WORDS = frozenset(
    {
        "news",
        "agency",
        "party",
        "movement",
        "group",
        "network",
        "brigade",
        "brigades",
        "battalion",
        "online",
        "tv",
        "television",
        "radio",
        "corps",
        "council",
        "committee",
        "organization",
        "organisation",
        "service",
        "press",
        "front",
        "media",
    }
)


def _form(name: str) -> tuple[tuple[str, str, str], ...]:
    """(normalised word, case rule, word as listed) per word of a listed name: "exact" for
    words with inner capitals or all capitals, "cap" for capitalised words, "any" for
    lower case and numbers, generic words and a word after an Arabic article."""
    out = []
    words = [word for _, _, word in word_spans(name)]
    for k, word in enumerate(words):
        if any(c.isupper() for c in word[1:]) or (word.isupper() and len(word) > 1):
            rule = "exact"
        elif word[0].isupper() and not (
            k and (word.lower() in GENERIC_WORDS or words[k - 1].lower() in ARABIC_ARTICLES)
        ):
            rule = "cap"
        else:
            rule = "any"
        out.append((norm_token(word), rule if not word[0].isdigit() else "any", word))
    return tuple(out)


def _case_ok(rule: str, listed: str, written: str) -> bool:
    """Whether ``written`` (a word of the text) is cased as the rule for ``listed`` asks."""
    if rule == "any":
        return True
    if rule == "cap":
        return written[0].isupper()
    return len(written) == len(listed) and all(
        a.isupper() == b.isupper() for a, b in zip(written, listed, strict=True)
    )


class OrganisationMatcher:
    """Finds the organisation names of a text, longest first, word by word."""

    def __init__(self, organisations: tuple[Organisation, ...]) -> None:
        self.organisations = organisations
        self._forms: dict[str, list[tuple[tuple[tuple[str, str, str], ...], Organisation]]] = {}
        prefixes: set[str] = set()
        for org in organisations:
            for name in org.names:
                form = _form(name)
                if not form:
                    continue
                key = " ".join(w for w, _, _ in form)
                self._forms.setdefault(key, []).append((form, org))
                words = key.split(" ")
                for n in range(1, len(words)):
                    prefixes.add(" ".join(words[:n]))
        self.keys: frozenset[str] = frozenset(self._forms)
        self.prefixes: frozenset[str] = frozenset(prefixes)

    def match_at(
        self, text: str, tokens: list[tuple[int, int, str]], i: int
    ) -> tuple[int, Organisation] | None:
        """The longest organisation name starting at token ``i`` of ``tokens`` (from
        ``gazetteer.normalize.word_spans(text)``): (index of the token after it, the
        organisation), or None."""
        key = norm_token(tokens[i][2])
        found: tuple[int, Organisation] | None = None
        j = i
        while True:
            for form, org in self._forms.get(key, ()):
                if all(
                    _case_ok(rule, listed, tok[2])
                    for (_, rule, listed), tok in zip(form, tokens[i : j + 1], strict=True)
                ):
                    found = (j + 1, org)
                    break
            if (
                key not in self.prefixes
                or j + 1 >= len(tokens)
                or not GAP_RE.fullmatch(text, tokens[j][1], tokens[j + 1][0])
            ):
                return found
            j += 1
            key = f"{key} {norm_token(tokens[j][2])}"

    def find(self, text: str) -> list[OrganisationMatch]:
        """Every organisation name in ``text``, in text order, without overlaps."""
        tokens = word_spans(text)
        out: list[OrganisationMatch] = []
        i = 0
        while i < len(tokens):
            found = (
                self.match_at(text, tokens, i)
                if norm_token(tokens[i][2]) in self.keys
                or norm_token(tokens[i][2]) in self.prefixes
                else None
            )
            if found is None:
                i += 1
                continue
            end, org = found
            start, stop = tokens[i][0], tokens[end - 1][1]
            out.append(OrganisationMatch(start, stop, text[start:stop], org))
            i = end
        return out


@lru_cache(maxsize=4)
def load_organisations(path: Path = DATA_FILE) -> tuple[Organisation, ...]:
    """The organisations listed in ``path`` (``data/organisations.json`` by default)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(
        Organisation(
            name=e["name"],
            kind=e["kind"],
            aliases=tuple(e.get("aliases", ())),
            country=e.get("country"),
            regions=tuple(e.get("regions", ())),
        )
        for e in data["organisations"]
    )


@lru_cache(maxsize=4)
def organisation_matcher(path: Path = DATA_FILE) -> OrganisationMatcher:
    """A matcher over ``load_organisations(path)``."""
    return OrganisationMatcher(load_organisations(path))
