"""The standard pipeline: sentences and body, toponyms, the clause rules' events, the report
stage, retold tolls, the notes' own toll and location remarks."""

from __future__ import annotations

from core.document import Document
from core.pipeline import Geoparser, Pipeline, Stage
from events.casualties import note_tolls
from events.coding import place_coded_events
from events.extract import extract_events
from events.report import add_report_events
from events.sentences import split_sentences
from events.story import merge_retold_tolls


def toponym_stage(geoparser: Geoparser) -> Stage:
    """The stage that fills ``doc.toponyms`` with ``geoparser``."""

    def find_toponyms(doc: Document) -> None:
        doc.toponyms = geoparser.geoparse(doc.text, country_hint=doc.country_hint)

    return find_toponyms


def standard_pipeline(geoparser: Geoparser) -> Pipeline:
    """The stages in the order data flows, the toponyms from ``geoparser``."""
    return Pipeline(
        (
            split_sentences,
            toponym_stage(geoparser),
            extract_events,
            add_report_events,
            merge_retold_tolls,
            note_tolls,
            place_coded_events,
        )
    )
