"""The Folium page around a map's payload: Leaflet and plugins inlined, the payload as a
JSON block, and the call that draws it. Imported with the first map drawn (folium and branca
take 0.3 s to import), not with :mod:`maps`."""

from __future__ import annotations

import html
from typing import Any, cast

import folium
from branca.element import Element, MacroElement
from folium.template import Template

from maps import offline
from maps.render import _tile_attribution, _title, payload, script_json


class _Raw(Element):
    """Markup inserted as a template *variable*: branca parses an ``Element(text)`` argument
    and every MacroElement macro's output as a Jinja template, which would evaluate any
    ``{{ ... }}`` found in the data."""

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup


class _Draw(MacroElement):
    """Calls ``eventmap.build`` on the map with the JSON block ``data_id``; its macro output
    holds only generated identifiers."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        eventmap.build({{ this._parent.get_name() }},
            JSON.parse(document.getElementById({{ this.data_id|tojson }}).textContent));
        {% endmacro %}
        """
    )

    def __init__(self, data_id: str) -> None:
        super().__init__()
        self._name = "EventmapDraw"
        self.data_id = data_id


def folium_map(fc: dict[str, Any], *, tiles: str | None = None) -> folium.Map:
    """See :func:`maps.render.render`."""
    fmap = folium.Map(tiles=None, zoom_start=2, maxZoom=18, control_scale=True)
    # Instance attributes shadow folium's CDN lists: nothing is fetched from the network.
    fmap.default_js = []
    fmap.default_css = []
    figure = cast(folium.Figure, fmap.get_root())
    figure.title = html.escape(_title(fc))
    for name, element in offline.head_elements():
        figure.header.add_child(_Raw(element), name=name)
    if tiles:
        attr = _tile_attribution(tiles) if "{" in tiles else None
        folium.TileLayer(tiles=tiles, attr=attr, max_zoom=18, control=False).add_to(fmap)
    data_id = f"eventmap-data-{fmap.get_name()}"
    data = script_json(payload(fc, draw_basemap=not tiles))
    block = f'<script type="application/json" id="{data_id}">{data}</script>'
    figure.html.add_child(_Raw(block), name="eventmap_data")
    fmap.add_child(_Draw(data_id), name="eventmap_draw")
    return fmap
