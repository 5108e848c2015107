"""Service configuration, read from ``EVENTMAP_*`` environment variables or ``.env``."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

CHECKOUT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Everything the service can be told; the defaults serve a checkout as is."""

    model_config = SettingsConfigDict(env_prefix="EVENTMAP_", env_file=".env", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    database_url: str = Field(
        f"sqlite:///{CHECKOUT / 'var' / 'eventmap.db'}",
        description="The store: sqlite:///path/to/file.db (embedded), or "
        "postgresql://user:password@host:port/database for PostgreSQL + PostGIS.",
    )
    body_limit: int = Field(1_000_000, ge=1, description="Largest request body, in bytes.")
    data_dir: Path = Field(
        CHECKOUT / "var" / "gazetteer",
        description="Where `make install` built the gazetteer index.",
    )
    map_tiles: str | None = Field(
        None,
        description="Online tile URL template for maps; unset means the offline basemap.",
    )
    map_tiles_attribution: str | None = None
    basemap: Path = Field(
        CHECKOUT / "var" / "maps" / "basemap.json",
        description="The prebuilt offline basemap `make install` writes; missing, it is built "
        "in memory on the first map (about 1.5 s).",
    )
    lazy_start: bool = Field(
        True,
        description="Start with only what /healthz and a first geoparse need; false imports "
        "the map renderer and builds the basemap from Natural Earth before the service answers "
        "(the start before the basemap was prebuilt, kept for bench/startup.py).",
    )
    incident_km: tuple[float, float, float] = Field(
        (10.0, 50.0, 150.0),
        description="Incidents: largest distance in km between two reports of one happening, "
        "for geo_precision 1, 2 and 3 (JSON list, e.g. [10, 50, 150]).",
    )
    incident_date_slack_days: int = Field(
        1, ge=0, description="Incidents: days allowed between the date spans of two reports."
    )
    log_level: str = "info"
    batch_start: Literal["fork", "spawn"] | None = Field(
        None,
        description="How `eventmap batch --workers N` starts its workers: fork (the default "
        "on Linux) shares the parent's loaded index; spawn loads one index per worker.",
    )
