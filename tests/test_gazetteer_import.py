"""`eventmap gazetteer import`: GeoNames tables and own-places CSVs merged into a copy of
the real index (invented sample villages in tests/fixtures/gazetteer)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gazetteer
from gazetteer.build import build
from gazetteer.importer import ImportFileError, import_files
from service.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "var" / "gazetteer"
FIXTURES = ROOT / "tests" / "fixtures" / "gazetteer"
GOOD = [
    FIXTURES / "BF-invented.txt",
    FIXTURES / "admin2Codes.txt",
    FIXTURES / "hierarchy.txt",
    FIXTURES / "my-places.csv",
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def base_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pristine copy of the built index."""
    if not (DATA_DIR / "index.pkl").exists():
        build(DATA_DIR)
    folder = tmp_path_factory.mktemp("base")
    shutil.copy(DATA_DIR / "index.pkl", folder / "index.pkl")
    return folder


@pytest.fixture(scope="module")
def imported(base_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the index with the good samples imported once."""
    folder = tmp_path_factory.mktemp("imported")
    shutil.copy(base_index / "index.pkl", folder / "index.pkl")
    report = import_files(GOOD, folder)
    assert report.added["village"] == 5 and report.added["city"] == 1
    assert report.added["admin2"] == 2 and report.added["other"] == 1
    return folder


@pytest.fixture(scope="module")
def gaz(imported: Path) -> gazetteer.Gazetteer:
    return gazetteer.load(imported)


def _fresh_copy(base_index: Path, tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(base_index / "index.pkl", tmp_path / "index.pkl")
    return tmp_path


def test_base_index_lacks_the_invented_villages(base_index: Path) -> None:
    gaz = gazetteer.load(base_index)
    assert gaz.search("Tindoukaro") == []
    assert gaz.search("Kelboudi") == []


def test_imported_village_resolves_in_a_sentence(gaz: gazetteer.Gazetteer) -> None:
    text = "Gunmen attacked the village of Tindoukaro in Burkina Faso on Monday."
    found = {t.mention: t for t in gaz.geoparse(text)}
    village = found["Tindoukaro"]
    assert village.geonameid == 99000001
    assert village.country_code == "BF" and village.feature_class == "village"
    assert village.source == "geonames" and village.reading == "name"
    assert village.lat == pytest.approx(13.2101) and village.lon == pytest.approx(-1.0302)
    assert text[village.start : village.end] == "Tindoukaro"


def test_geonames_rows_keep_classes_aliases_and_admin_codes(gaz: gazetteer.Gazetteer) -> None:
    town = gaz.search("Sampelgueri")[0]  # diacritics folded, population 6,500: a city
    assert town["geonameid"] == 99000003 and town["feature_class"] == "city"
    assert gaz.search("Tin Doukaro")[0]["geonameid"] == 99000001  # an alternate name
    assert gaz.search("Tindoukaro")[0]["admin1"] == "BF.05"
    unit = gaz.search("Nagbangre")[0]  # an ADM3 unit, also named without its kind
    assert unit["feature_class"] == "admin2" and unit["geonameid"] == 99000004
    # Historical places and streams are not imported.
    assert gaz.search("Yabsogo") == [] and gaz.search("Wendkouni") == []


def test_hierarchy_and_code_tables(gaz: gazetteer.Gazetteer) -> None:
    # No admin codes in its row: hierarchy.txt gives the admin-1 of its ADM1 ancestor.
    assert gaz.search("Zangoumbissi")[0]["admin1"] == "BF.05"
    # An admin-2 unit only admin2Codes.txt names is placed at its imported towns.
    unit = gaz.search("Koulbaga Province")[0]
    assert unit["feature_class"] == "admin2" and unit["geonameid"] == 99000010
    assert unit["lat"] == pytest.approx(13.3102) and unit["lon"] == pytest.approx(-1.1503)


def test_duplicates_are_not_added(gaz: gazetteer.Gazetteer) -> None:
    kaya = [r for r in gaz.search("Kaya") if r["country_code"] == "BF"]
    assert [r["geonameid"] for r in kaya] == [2359608]  # the row within 1 km was skipped
    # The CSV row for Kaya added its alias to the known town.
    assert gaz.search("Kaya-Centre")[0]["geonameid"] == 2359608


def test_user_csv_places(gaz: gazetteer.Gazetteer) -> None:
    found = {t.mention: t for t in gaz.geoparse("Soldiers patrolled Kelbudi, in Mali.")}
    assert found["Kelbudi"].name == "Kelboudi"
    assert found["Kelbudi"].source == "user" and found["Kelbudi"].country_code == "ML"
    camp = {t.mention: t for t in gaz.geoparse("Clashes broke out near Camp Zorbak.")}
    assert camp["Camp Zorbak"].feature_class == "other"


def test_sources_credit_the_imports(gaz: gazetteer.Gazetteer) -> None:
    credits = {s["name"]: s for s in gaz.sources}
    assert "BF-invented.txt" in credits["GeoNames (imported dumps)"]["what"]
    assert credits["GeoNames (imported dumps)"]["licence"] == "CC BY 4.0"
    assert "my-places.csv" in credits["User places (imported CSV)"]["what"]
    assert "GeoNames" in credits  # the build's own credits stay


def test_second_import_is_idempotent(imported: Path, tmp_path: Path) -> None:
    shutil.copy(imported / "index.pkl", tmp_path / "index.pkl")
    digest = _digest(tmp_path / "index.pkl")
    report = import_files(GOOD, tmp_path)
    assert _digest(tmp_path / "index.pkl") == digest
    assert sum(report.added.values()) == 0 and report.aliases_added == 0
    assert report.duplicates == 10
    assert report.places_after == report.places_before
    assert report.names_after == report.names_before
    before, after = gazetteer.load(imported), gazetteer.load(tmp_path)
    assert before.stats == after.stats
    assert before.sources == after.sources


@pytest.mark.parametrize(
    ("name", "line", "field"),
    [("bad-BF.txt", 3, "latitude"), ("bad-places.csv", 3, "kind")],
)
def test_malformed_line_names_file_line_field_and_changes_nothing(
    base_index: Path, tmp_path: Path, name: str, line: int, field: str
) -> None:
    folder = _fresh_copy(base_index, tmp_path)
    digest = _digest(folder / "index.pkl")
    with pytest.raises(ImportFileError) as caught:
        # The good file first: nothing of it may be written either.
        import_files([FIXTURES / "BF-invented.txt", FIXTURES / name], folder)
    message = str(caught.value)
    assert name in message and f"line {line}" in message and repr(field) in message
    assert caught.value.line == line and caught.value.field == field
    assert _digest(folder / "index.pkl") == digest
    assert sorted(p.name for p in folder.iterdir()) == ["index.pkl"]  # no temporary left


def test_wrong_column_count_and_header(base_index: Path, tmp_path: Path) -> None:
    folder = _fresh_copy(base_index, tmp_path / "idx")
    short = tmp_path / "short.txt"
    short.write_text("99000201\tShortrow\t13.0\t-1.0\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"short\.txt, line 1: expected 19"):
        import_files([short], folder)
    header = tmp_path / "places.csv"
    header.write_text("name,latitude,longitude\nX,1,2\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"line 1: header lacks lat, lon"):
        import_files([header], folder)
    no_country = tmp_path / "towns.csv"
    no_country.write_text("name,lat,lon,country,kind,aliases\nZ,1,2,,village,\n", "utf-8")
    with pytest.raises(ImportFileError, match=r"line 2: field 'country'"):
        import_files([no_country], folder)


def test_cli_imports_and_reports_errors(base_index: Path, tmp_path: Path) -> None:
    folder = _fresh_copy(base_index, tmp_path)
    runner = CliRunner()
    ok = runner.invoke(app, ["gazetteer", "import", *map(str, GOOD), "--data-dir", str(folder)])
    assert ok.exit_code == 0, ok.output
    assert "added" in ok.output and "places" in ok.output
    assert gazetteer.load(folder).search("Tindoukaro")
    digest = _digest(folder / "index.pkl")
    bad = runner.invoke(
        app,
        ["gazetteer", "import", str(FIXTURES / "bad-BF.txt"), "--data-dir", str(folder)],
    )
    assert bad.exit_code == 2
    assert "bad-BF.txt, line 3: field 'latitude'" in bad.output
    assert _digest(folder / "index.pkl") == digest
