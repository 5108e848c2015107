"""Odd but valid texts never break the service: every answer is a valid FeatureCollection."""

from __future__ import annotations

import random

import pytest
from fastapi.testclient import TestClient

ODD_TEXTS = [
    ".",
    "Aleppo",
    "ALEPPO ALEPPO ALEPPO",
    "killed killed killed 1000000000000000000000 people in",
    "At least dozens hundreds thousands of were killed in in in.",
    "Missiles from the Caspian Sea.",
    "Shelling hit Aleppo\u200b\u200b and Homs\u00a0today 🙂.",
    "قصف حلب. Shelling hit Aleppo. 炮击阿勒颇.",
    "Strikes hit Kyiv on February 30, 2024 and on 31/31/2031.",
    "\n\n\n   \t Protesters marched in Paris.\r\n\r\n",
    "Mr. Smith went to Washington. Dr. Jones said 3.5 km east of Gaza City nothing happened.",
    "Airstrikes hit Mosul" + ", and Mosul" * 500 + ".",
    "(((Aleppo))) [Homs] {Idlib} <Raqqa> \"Deir ez-Zor\" 'Hama'",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_odd_texts_give_valid_answers(client: TestClient, text: str) -> None:
    resp = client.post("/v1/geoparse", json={"text": text, "published": "2024-02-01"})
    assert resp.status_code == 200, resp.text
    fc = resp.json()
    for t in fc["toponyms"]:
        assert text[t["start"] : t["end"]] == t["mention"]
    for feature in fc["features"]:
        assert feature["geometry"] is None or feature["geometry"]["coordinates"]


def test_shuffled_news_sentences_never_fail(client: TestClient) -> None:
    sentences = [
        "Russian warplanes hit towns including Aleppo, Homs and Hama, killing at least 12.",
        "The ministry denied that any missiles crashed in Iran.",
        "Rebels seized three villages near Idlib on Tuesday.",
        "Thousands fled Khartoum after fighting resumed.",
        "Protesters gathered in Tahrir Square in Cairo.",
        "Missiles fired from the Black Sea struck Odesa overnight.",
        "He said the talks in Moscow were productive.",
        "Read more. Share this article. Accept cookies.",
        "Two soldiers were wounded by shelling near Donetsk, officials said.",
    ]
    rng = random.Random(7)
    for _ in range(20):
        text = " ".join(rng.sample(sentences, k=rng.randint(1, len(sentences))))
        resp = client.post("/v1/geoparse", json={"text": text, "published": "2023-06-01"})
        assert resp.status_code == 200, (text, resp.text)
