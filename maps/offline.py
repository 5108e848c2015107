"""Leaflet, its plugins and the map's own script and styles, read from installed files and
inlined into the page so that an opened map never requests anything.

Leaflet 1.9.4 comes from the ``django-js-lib-leaflet`` package (BSD-2-Clause); its CSS images
become ``data:`` URIs. Leaflet.markercluster 1.5.3 (MIT) is vendored in ``maps/assets``.
"""

from __future__ import annotations

import base64
import functools
import re
from importlib.resources import files
from pathlib import Path

ASSETS = Path(__file__).with_name("assets")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((images/[\w.-]+\.png)\)")


def _leaflet_dir() -> Path:
    return Path(str(files("js_lib_leaflet"))) / "static" / "js_lib_leaflet"


def _script(source: str) -> str:
    # An inline script ends at the first "</script" whatever the JS means; none of the
    # bundled files contain one, and this keeps it so if a file changes.
    body = _SOURCE_MAP.sub("", source).replace("</script", "<\\/script")
    return f"<script>{body}</script>"


def _style(source: str) -> str:
    return f"<style>{source.replace('</style', '')}</style>"


def _inline_images(css: str, base: Path) -> str:
    def data_uri(match: re.Match[str]) -> str:
        data = base64.b64encode((base / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return _CSS_URL.sub(data_uri, css)


@functools.cache
def head_elements() -> tuple[tuple[str, str], ...]:
    """``(name, html)`` pairs to put in the page head, in load order."""
    leaflet = _leaflet_dir()
    cluster = ASSETS / "leaflet.markercluster"
    css = _inline_images((leaflet / "leaflet.css").read_text("utf-8"), leaflet)
    return (
        ("leaflet_css", _style(css)),
        ("markercluster_css", _style((cluster / "MarkerCluster.css").read_text("utf-8"))),
        ("eventmap_css", _style((ASSETS / "eventmap.css").read_text("utf-8"))),
        ("leaflet_js", _script((leaflet / "leaflet.js").read_text("utf-8"))),
        ("markercluster_js", _script((cluster / "leaflet.markercluster.js").read_text("utf-8"))),
        ("eventmap_js", _script((ASSETS / "eventmap.js").read_text("utf-8"))),
    )
