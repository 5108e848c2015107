"""Text in, Document out: stages that run once each, in the order data flows.

A stage is a plain callable ``Document -> None`` that fills one part of the document
(sentences, toponyms, events, tolls). The pipeline knows no stage: ``events.stages`` builds
the standard one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol

from core.document import Document
from core.toponym import Toponym

Stage = Callable[[Document], None]


class Geoparser(Protocol):
    """What the toponym stage needs of a gazetteer."""

    def geoparse(self, text: str, country_hint: Sequence[str] = ()) -> list[Toponym]: ...


class Pipeline:
    """Runs ``stages`` over a text, each once, in order."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages: tuple[Stage, ...] = tuple(stages)

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
