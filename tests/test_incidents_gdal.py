"""GDAL reads the incidents collection through OGC API - Features served by uvicorn."""

from __future__ import annotations

import httpx
import pyogrio

from tests.test_incidents import KRAMATORSK, POLTAVA
from tests.test_service_process import server  # noqa: F401  (the uvicorn fixture)


def test_gdal_reads_incidents_as_a_layer(server: str) -> None:  # noqa: F811
    for doc_id, text, published in [*KRAMATORSK, POLTAVA]:
        resp = httpx.post(
            f"{server}/v1/documents",
            json={"id": f"gdal-{doc_id}", "text": text, "published": published},
            timeout=30,
        )
        assert resp.status_code == 201, resp.text
    bad = httpx.get(f"{server}/collections/incidents/items", params={"bbox": "1,2"})
    assert bad.status_code == 400
    assert bad.headers["content-type"].startswith("application/problem+json")

    info = pyogrio.read_info(f"OAPIF:{server}", layer="incidents")
    fields = list(info["fields"])
    assert {"event_type", "reports", "killed", "first_reported", "last_reported"} <= set(fields)
    meta, _, geometry, values = pyogrio.raw.read(f"OAPIF:{server}", layer="incidents")
    column = dict(zip(meta["fields"], values, strict=True))
    mine = [i for i, docs in enumerate(column["documents"]) if "gdal-kr-reuters" in str(docs)]
    assert len(mine) == 1
    assert int(column["reports"][mine[0]]) == 3
    assert int(column["killed"][mine[0]]) == 52
    assert len(geometry) == info["features"]
