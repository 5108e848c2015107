"""Text in, Document out: the stages in the order data flows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol

from events.casualties import note_tolls
from events.document import Document
from events.extract import extract_events
from events.report import add_report_events
from events.sentences import split_sentences
from events.story import merge_retold_tolls
from gazetteer.model import Toponym

Stage = Callable[[Document], None]


class Geoparser(Protocol):
    def geoparse(self, text: str, country_hint: Sequence[str] = ()) -> list[Toponym]: ...


class Pipeline:
    """Runs the stages over a text: sentences and body, toponyms, events.

    Each stage is a plain callable that fills one part of the Document; pass ``stages`` to
    run a different list.
    """

    def __init__(self, geoparser: Geoparser, stages: Sequence[Stage] | None = None) -> None:
        self.geoparser = geoparser
        self.stages: tuple[Stage, ...] = tuple(
            stages
            if stages is not None
            else (
                split_sentences,
                self.find_toponyms,
                extract_events,
                add_report_events,
                merge_retold_tolls,
                note_tolls,
            )
        )

    def find_toponyms(self, doc: Document) -> None:
        doc.toponyms = self.geoparser.geoparse(doc.text, country_hint=doc.country_hint)

    def __call__(
        self,
        text: str,
        *,
        published: date | None = None,
        title: str | None = None,
        url: str | None = None,
        country_hint: Sequence[str] = (),
    ) -> Document:
        doc = Document(
            text=text,
            published=published,
            title=title,
            url=url,
            country_hint=tuple(c.upper() for c in country_hint),
        )
        for stage in self.stages:
            stage(doc)
        return doc
