"""Folium maps of the contract's FeatureCollection that work offline."""

from maps.render import render, render_html

__all__ = ["render", "render_html"]
