"""Sentence splitting with offsets and the end of the article body."""

from __future__ import annotations

from core.document import Document
from events.sentences import body_end, is_boilerplate, sentence_spans, split_sentences


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentence_spans(text)]


def test_offsets_point_into_the_text() -> None:
    text = "  Shelling hit Kherson. Two people died!\nOfficials said so?  "
    spans = sentence_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Shelling hit Kherson.",
        "Two people died!",
        "Officials said so?",
    ]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Gen. Smith met Mr. J. Doe in the U.S. capital on Monday. They spoke for an hour."
    assert _texts(text) == [
        "Gen. Smith met Mr. J. Doe in the U.S. capital on Monday.",
        "They spoke for an hour.",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = "He said: “We will rebuild.” The mayor agreed."
    assert _texts(text) == ["He said: “We will rebuild.”", "The mayor agreed."]


def test_line_breaks_end_sentences() -> None:
    assert _texts("Headline without a stop\nBody text here.") == [
        "Headline without a stop",
        "Body text here.",
    ]


def test_cookie_banner_is_cut_off() -> None:
    article = "Drones struck Odesa on Monday. Three people were hurt.\n"
    banner = (
        "We use cookies to improve your experience on our website.\n"
        "Privacy Overview\n"
        "By continuing to browse, you consent to our privacy policy. AcceptReject"
    )
    doc = Document(text=article + banner)
    split_sentences(doc)
    assert doc.body_end == len(article)


def test_share_and_read_more_lines_are_cut_off() -> None:
    article = "Fighting continued near Bakhmut.\n"
    tail = "Share this article\nRead more: Life in the trenches\nSign up for our newsletter"
    text = article + tail
    assert body_end(text, sentence_spans(text)) == len(article)


def test_article_without_boilerplate_ends_at_its_length() -> None:
    text = "Protesters marched in Tbilisi. Police watched from a distance."
    assert body_end(text, sentence_spans(text)) == len(text)


def test_one_ordinary_sentence_inside_a_banner_is_cut_with_it() -> None:
    article = "Shells hit Avdiivka overnight.\n"
    tail = (
        "This site uses cookies.\nYou can change this at any time.\n"
        "Read our privacy policy for details."
    )
    text = article + tail
    assert body_end(text, sentence_spans(text)) == len(article)


def test_boilerplate_detection() -> None:
    assert is_boilerplate("Share")
    assert is_boilerplate("This website uses cookies to improve your experience.")
    assert not is_boilerplate("Russian missiles hit Kyiv, killing three people.")
    # a website as the source of a report is no page furniture
    assert not is_boilerplate("US-led raids kill 56 IS militants in Iraq - website.")
    assert not is_boilerplate("The group said on its website that it shelled the base.")
    assert is_boilerplate("Visit our website and subscribe to the newsletter.")


def test_run_on_text_is_cut_into_bounded_pieces() -> None:
    text = "word " * 3000  # no stop at all
    spans = sentence_spans(text)
    assert len(spans) > 1
    assert all(s.end - s.start <= 1000 for s in spans)
    assert text[spans[0].start : spans[-1].end].split() == text.split()
