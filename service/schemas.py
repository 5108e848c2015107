"""Request bodies, validated with pydantic, and the OpenAPI examples that go with them."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

SEED_EXAMPLE = (
    "Russia and the US have agreed to resume talks on air safety during Syria bombing "
    "campaigns, the Pentagon has announced. Syrian opposition activists said Russian warplanes "
    "hit towns including Zafaraneh, Rastan and Talbiseh, resulting in the deaths of at least "
    "36 civilians."
)


class GeoparseRequest(BaseModel):
    """One text to analyse; nothing is stored."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [{"text": SEED_EXAMPLE, "published": "2015-10-10", "country_hint": ["SY"]}]
        },
    )

    text: str = Field(description="The article text (UTF-8).")
    published: date | None = Field(
        None,
        description="Publication date, YYYY-MM-DD or RFC 3339; relative dates resolve against it.",
    )
    title: str | None = None
    url: str | None = None
    country_hint: list[str] = Field(
        default_factory=list,
        description="ISO 3166-1 alpha-2 codes to favour when names are ambiguous.",
    )

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty: send the article text")
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _date_or_timestamp(cls, value: object) -> object:
        if isinstance(value, str) and len(value) > 10:
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
            except ValueError as exc:
                raise ValueError("published must be YYYY-MM-DD or an RFC 3339 timestamp") from exc
        return value

    @field_validator("country_hint")
    @classmethod
    def _alpha2(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if len(c) != 2 or not c.isascii() or not c.isalpha()]
        if bad:
            raise ValueError(f"not ISO 3166-1 alpha-2 codes: {bad}")
        return [c.upper() for c in value]


class StoreRequest(GeoparseRequest):
    """A text to analyse and keep; ``id`` is chosen by the server when not given."""

    id: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9._:-]{1,128}$",
        description="Your id for the document (letters, digits, . _ : -); unique.",
    )
