"""Folium maps of the contract's FeatureCollection that work offline.

Folium itself is imported with the first map drawn (:mod:`maps.page`), so that a service or
command that may never draw one starts without it.
"""

from maps.render import render, render_html

__all__ = ["render", "render_html"]
