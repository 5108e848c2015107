"""The core every stage imports: the document model (``core.document``), the place mention
(``core.toponym``), the pipeline that runs stages in order (``core.pipeline``) and the GeoJSON
contract (``core.geojson``). It imports no stage: ``gazetteer``, ``events``, ``maps`` and
``service`` build on it."""
