"""The ``eventmap`` command: parse one file, run a batch, or serve HTTP."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer
from pydantic import ValidationError

from service import resources
from service.schemas import GeoparseRequest
from service.settings import Settings

if TYPE_CHECKING:
    from service.batch import Outcome


class _Program(typer.Typer):
    """The command line; run as a program (``eventmap ...``), it ends without the
    interpreter's teardown, which would free the gazetteer's million objects one by one
    (0.2 to 0.3 s of a short command) after everything was written and closed."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except SystemExit as exc:
            code = exc.code
        if isinstance(code, str):
            print(code, file=sys.stderr)
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            # A closed pipe (`eventmap parse ... | head`) has nothing left to save.
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code if isinstance(code, int) else int(code is not None))


app = _Program(
    help="eventmap: news text to places, events, GeoJSON and maps.", no_args_is_help=True
)


def _fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(2)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(f"{path} is not UTF-8 text ({exc}); convert it first.") from exc
    except OSError as exc:
        raise _fail(f"cannot read {path}: {exc.strerror}") from exc


def _load(settings: Settings) -> resources.Resources:
    try:
        return resources.load(settings)
    except FileNotFoundError as exc:
        raise _fail(str(exc)) from exc


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A UTF-8 text file with one article.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD; relative dates resolve to it.")
    ] = None,
    country_hint: Annotated[
        list[str] | None,
        typer.Option("--country-hint", help="ISO alpha-2 code to favour; repeatable."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the GeoJSON here (default: stdout)."),
    ] = None,
    map_: Annotated[Path | None, typer.Option("--map", help="Also write an HTML map here.")] = None,
) -> None:
    """Analyse one text file and write its FeatureCollection."""
    try:
        request = GeoparseRequest(
            text=_read_text(file), published=published, country_hint=country_hint or []
        )
    except ValidationError as exc:
        from service.errors import describe

        raise _fail(describe(exc)) from exc
    settings = Settings()
    loaded = _load(settings)
    fc = resources.analyse(loaded.pipeline, request)
    data = orjson.dumps(fc, option=orjson.OPT_INDENT_2)
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data + b"\n")
    if map_:
        from maps import basemap, render_html

        basemap.use_file(settings.basemap)
        map_.write_text(render_html(fc, tiles=settings.map_tiles), encoding="utf-8")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from service.app import create_app

    overrides: dict[str, Any] = {
        k: v for k, v in {"host": host, "port": port}.items() if v is not None
    }
    settings = Settings(**overrides)
    uvicorn.run(
        create_app(settings), host=settings.host, port=settings.port, log_level=settings.log_level
    )


@app.command()
def batch(
    source: Annotated[
        Path,
        typer.Argument(
            help="A JSONL file ({id, text, published?} a line) or a folder of .txt files."
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="A .jsonl, .gpkg or .geojson file.")
    ],
    workers: Annotated[
        int, typer.Option(min=1, help="Processes; on Linux they share one loaded gazetteer.")
    ] = 1,
) -> None:
    """Analyse many documents; rerunning skips the ids OUT already holds."""
    from service.batch import BatchInputError, analyse_all, open_sink, pending, read_documents

    settings = Settings()
    loaded = _load(settings)  # once, here; forked workers share it
    try:
        sink = open_sink(output)
        done = sink.ids_written()
        docs = read_documents(source)
    except BatchInputError as exc:
        raise _fail(str(exc)) from exc
    counts = {"ok": 0, "error": 0}
    with sink:

        def report(outcome: Outcome) -> None:
            counts["error"] += 1
            typer.echo(f"skipped {outcome.id}: {outcome.error}", err=True)
            sink.write(outcome)

        todo = list(pending(docs, done, report))
        with typer.progressbar(
            length=len(todo), label="documents", file=sys.stderr, hidden=not sys.stderr.isatty()
        ) as bar:
            for outcome in analyse_all(todo, settings, workers, loaded.pipeline):
                if outcome.error is not None:
                    report(outcome)
                else:
                    counts["ok"] += 1
                    sink.write(outcome)
                bar.update(1)
    typer.echo(
        f"{counts['ok']} analysed, {counts['error']} skipped, {len(done)} already in {output}",
        err=True,
    )


@app.command()
def export(
    output: Annotated[
        Path, typer.Argument(help="The file to write: .gpkg, .geojson, .fgb or .csv.")
    ],
    bbox: Annotated[str | None, typer.Option(help="minlon,minlat,maxlon,maxlat")] = None,
    datetime_: Annotated[
        str | None, typer.Option("--datetime", help="RFC 3339 date or a/b, '..' open")
    ] = None,
    event_type: Annotated[str | None, typer.Option(help="Only events of this type.")] = None,
) -> None:
    """Write the store (EVENTMAP_DATABASE_URL) to a file GIS tools and spreadsheets open.

    A GeoPackage holds the layers events, places and incidents; GeoJSON and FlatGeobuf the
    events; CSV the events as ACLED's columns. The filters are those of the OGC items.
    """
    from service.errors import ProblemError
    from service.export import ExportError
    from service.export import export as write_export
    from service.incidents import Rules
    from service.ogc import parse_bbox, parse_datetime
    from service.storage import Query, Store, sqlite_path

    settings = Settings()
    try:
        start, end = parse_datetime(datetime_) if datetime_ else (None, None)
        query = Query(
            bbox=parse_bbox(bbox) if bbox else None, start=start, end=end, event_type=event_type
        )
        rules = Rules(settings.incident_km, settings.incident_date_slack_days)
        counts = write_export(Store(sqlite_path(settings.database_url), rules), output, query)
    except (ProblemError, ExportError) as exc:
        raise _fail(str(exc)) from exc
    typer.echo(", ".join(f"{n} {layer}" for layer, n in counts.items()) + f" -> {output}", err=True)


gazetteer_app = typer.Typer(help="The gazetteer index: import more places.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def gazetteer_import(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="GeoNames tables (SY.txt, allCountries.txt, or .zip as downloaded), "
            "admin1CodesASCII.txt, admin2Codes.txt, hierarchy.txt, and CSV files of your own "
            "places (header name,lat,lon,country,kind,aliases)."
        ),
    ],
    data_dir: Annotated[
        Path | None,
        typer.Option(help="The index folder (default: EVENTMAP_DATA_DIR, var/gazetteer)."),
    ] = None,
) -> None:
    """Merge GeoNames dumps and your own places into the gazetteer index.

    Places the index has (same GeoNames id, or same name within 1 km) are skipped, so an
    import can be repeated. A bad line stops the import with its file and line number and
    leaves the index unchanged. Restart a running service to use the new places.
    """
    from gazetteer.importer import ImportFileError, import_files

    target = data_dir or Settings().data_dir
    try:
        report = import_files(files, target)
    except (ImportFileError, FileNotFoundError) as exc:
        raise _fail(str(exc)) from exc
    typer.echo(report.summary(), err=True)
