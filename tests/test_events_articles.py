"""Whole articles: every expected event, nothing forbidden, nothing after the body.

The articles in ``tests/articles`` were written for these tests; each comes with its
places resolved by hand, so extraction is tested on its own. The end-to-end tests at the
bottom run the real gazetteer when its index has been built.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.events import (
    SEED,
    Article,
    analyse,
    attribute_errors,
    gold_toponyms,
    load_articles,
    places_match,
)

ARTICLES = load_articles()
GAZETTEER = Path(__file__).resolve().parent.parent / "var" / "gazetteer"


def _check(article: Article, doc) -> None:
    for expected in article.events:
        matches = [e for e in doc.events if places_match(e, expected)]
        assert matches, f"missing {expected}"
        assert not attribute_errors(matches[0], expected), (expected, matches[0])
    for forbidden in article.absent:
        assert not [e for e in doc.events if places_match(e, forbidden)], forbidden
    boilerplate = article.extra.get("body_end_before")
    if boilerplate:
        assert doc.body_end == article.text.index(boilerplate)
        assert all(e.sentence.end <= doc.body_end for e in doc.events)


def test_there_are_ten_or_more_own_articles() -> None:
    assert len([a for a in ARTICLES if a.name != "seed"]) >= 10


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_article_with_hand_resolved_places(article: Article) -> None:
    _check(article, analyse(article, gold_toponyms(article)))


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_no_event_repeats(article: Article) -> None:
    doc = analyse(article, gold_toponyms(article))
    keys = [(e.event_type, tuple(p.name for p in e.places)) for e in doc.events]
    assert len(keys) == len(set(keys))


def test_seed_toll_is_not_multiplied() -> None:
    seed = next((a for a in ARTICLES if a.name == "seed"), None)
    if seed is None:
        pytest.skip("seed article not available")
    doc = analyse(seed, gold_toponyms(seed))
    tolls = [e for e in doc.events if e.event_type == "casualty"]
    assert len(tolls) == 1
    assert len(tolls[0].places) == 3


@pytest.fixture(scope="module")
def geoparser():
    if not (GAZETTEER / "index.pkl").exists():
        pytest.skip("gazetteer index not built")
    import gazetteer

    return gazetteer.load(GAZETTEER)


def test_seed_end_to_end(geoparser) -> None:
    if not SEED.exists():
        pytest.skip("seed article not available")
    seed = next(a for a in ARTICLES if a.name == "seed")
    doc = analyse(seed, geoparser.geoparse(seed.text))
    _check(seed, doc)
    path = next(e for e in doc.events if e.event_type == "missile_path")
    assert "IR" in path.path.overflies
    crash = next(e for e in doc.events if e.event_type == "crash")
    assert crash.count == 4
