"""The data sources of the gazetteer index, one module each (see ``gazetteer.build``).

Each module names its source, its licence and what it contributes, owns its credit entry
(``CREDIT``, listed by ``/v1/meta``) and adds its places to the shared
:class:`gazetteer.sources.places.Places` builder.
"""
