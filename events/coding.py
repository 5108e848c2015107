"""The place a note says its event is coded at.

Event notes written for a dataset state where they code an event when the text names
several places or one the coder could not place: "location coded as Jere (Kagarko,
Kaduna)", "(coded to Foni, Foni Bintang Karanai)", "Location coded to the capital Praia",
"in Bate village, coded as Arso district". The note's own word decides: every event it tells
is placed at that place, as its stated toll decides its deaths (``events.casualties``). A
note that names two coded places ("coded as A ... coded as B") decides nothing, nor does a
coded country, which says less than the places the events already have, nor a coded name
read in a country none of the events lies in.
"""

from __future__ import annotations

import re

from core.document import Document
from core.toponym import Toponym
from events.report import event_precision

# "coded as X", "coded to the capital X", "geocoded at X": the name opens right after
_CODED_AT = re.compile(
    r"\b(?i:(?:geo-?)?coded\s+(?:as|to|at|in)\s+"
    r"(?:the\s+(?:capital|town|city|village|district|area|county|province)\s+(?:of\s+)?)?)"
    r"(?=[A-Z])"
)


def coded_place(doc: Document) -> Toponym | None:
    """The one place ``doc`` says its event is coded at, or None."""
    by_start = {t.start: t for t in doc.toponyms}
    found = {
        (t.name, t.lat, t.lon): t
        for m in _CODED_AT.finditer(doc.text)
        if (t := by_start.get(m.end())) is not None and t.feature_class != "country"
    }
    return next(iter(found.values())) if len(found) == 1 else None


def place_coded_events(doc: Document) -> None:
    """A stage after the events: put every event of a note that states its coded place
    (``coded_place``) there; paths keep their own course."""
    place = coded_place(doc)
    countries = {p.country_code for e in doc.events for p in e.places}
    if place is None or (countries and place.country_code not in countries):
        return  # a coded name read abroad ("coded as Bina": India's) is a misreading
    geo, ucdp = event_precision([place], exact=True)
    for event in doc.events:
        if event.path is None:
            event.places = [place]
            event.geo_precision, event.ucdp_where_prec = geo, ucdp
            event.unresolved_place = None
