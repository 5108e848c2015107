"""Sentence splitting with character offsets, and where the article body ends.

A regular-expression splitter (no model): a sentence ends at ``.``, ``!`` or ``?`` (with any
closing quotes or brackets) followed by white space and an upper-case letter, digit or
opening quote, unless the word before the stop is a known abbreviation or a single initial;
every line break also ends a sentence. It handles some thousands of documents a second.

Page boilerplate (cookie and privacy banners, "Read more", share buttons, newsletter
prompts) at the end of a scraped page is cut off: ``Document.body_end`` is the offset where
the trailing run of boilerplate sentences starts, ``len(text)`` when there is none.
"""

from __future__ import annotations

import re

import ahocorasick

from core.document import Document, Span

MAX_SENTENCE = 1000  # characters
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr",
    "adm", "rep", "sen", "gov", "pres", "st", "mt", "ft", "no", "nos", "vs", "etc", "jr", "sr",
    "inc", "ltd", "co", "corp", "dept", "univ", "approx", "est", "fig", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g",
    "i.e", "a.m", "p.m",
})  # fmt: skip
_STOP = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_LINE = re.compile(r"[^\n]+")

_BOILERPLATE = re.compile(
    r"cookie|privacy (?:policy|overview|settings|notice)|\bgdpr\b|\bconsent\b|personal data"
    r"|\b(?:this|our) (?:web)?site\b|your browser|browsing experience|newsletter"
    r"|\bsubscribe\b|\bsign (?:up|in)\b|\blog ?in\b|read more|\bshare (?:this|on|via)\b"
    r"|all rights reserved|copyright|©|terms (?:of|and) (?:use|service|conditions)"
    r"|\badvertisement\b|click here|related (?:articles|stories|topics|content|news)"
    r"|most (?:read|popular|viewed)|javascript|\baccept(?:reject|\s+all|\s+cookies)\b|opt[- ]out",
    re.IGNORECASE,
)
_NAV_WORDS = re.compile(
    r"^(?:share|tweet|email|print|facebook|twitter|whatsapp|linkedin|telegram|comments?"
    r"|advertisement|menu|search|home|next|previous|back to top|more|related|accept|reject)\W*$",
    re.IGNORECASE,
)


# Every _BOILERPLATE match holds one of these: one Aho-Corasick pass rules out most
# sentences before the long pattern runs.
_HINTS = ahocorasick.Automaton()
for _hint in (
    "cookie", "privacy", "gdpr", "consent", "personal data", "site", "browser", "browsing",
    "newsletter", "subscribe", "sign", "log", "read more", "share", "rights reserved",
    "copyright", "©", "terms", "advertisement", "click here", "related", "most", "javascript",
    "accept", "opt",
):  # fmt: skip
    _HINTS.add_word(_hint, _hint)
_HINTS.make_automaton()


def is_boilerplate(sentence: str) -> bool:
    """True for page furniture: cookie and privacy notices, share buttons, prompts."""
    stripped = sentence.strip()
    if _NAV_WORDS.match(stripped):
        return True
    hinted = next(_HINTS.iter(stripped.lower()), None) is not None
    return hinted and bool(_BOILERPLATE.search(stripped))


def _looks_like_navigation(sentence: str) -> bool:
    """A short line with no sentence punctuation, such as "Privacy Overview"."""
    stripped = sentence.strip()
    return len(stripped.split()) <= 5 and not stripped.endswith((".", "!", "?", "”", '"'))


def sentence_spans(text: str) -> list[Span]:
    """Sentences of ``text`` as spans (leading and trailing white space excluded)."""
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for stop in _STOP.finditer(text, line.start(), line.end()):
            word = re.search(r"(\S+?)[.!?]*$", text[start : stop.start() + 1])
            token = word.group(1).lower().strip("\"'“‘(") if word else ""
            if stop.group().startswith(".") and (
                token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())
            ):
                continue
            _add(text, start, stop.end(), spans)
            start = stop.end()
        _add(text, start, line.end(), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Add ``text[start:end]`` without its outer white space; a run-on piece longer than
    MAX_SENTENCE characters (no news sentence is) is cut at white space so that no later
    stage sees an unbounded sentence."""
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add(text, start, cut, spans)
        start = cut
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append(Span(start + lead, start + lead + len(stripped)))


def body_end(text: str, spans: list[Span]) -> int:
    """Where the article ends: the start of the trailing run of boilerplate sentences.

    The run may hold short navigation lines ("Privacy Overview") and at most one ordinary
    sentence between boilerplate ones, but must contain at least one boilerplate sentence.
    """
    end = len(text)
    gap = 0
    seen_boilerplate = False
    for span in reversed(spans):
        sentence = text[span.start : span.end]
        if is_boilerplate(sentence):
            seen_boilerplate = True
            gap = 0
            end = span.start
        elif _looks_like_navigation(sentence):
            if gap == 0:
                end = span.start
        elif seen_boilerplate and gap == 0:
            gap = 1
        else:
            break
    if not seen_boilerplate:
        return len(text)
    return end


def split_sentences(doc: Document) -> None:
    """Fill ``doc.sentences`` and ``doc.body_end``."""
    doc.sentences = sentence_spans(doc.text)
    doc.body_end = body_end(doc.text, doc.sentences)
