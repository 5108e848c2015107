"""The ``eventmap`` command: parse one file, run a batch, or serve HTTP."""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

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
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    preload: Annotated[
        bool,
        typer.Option(
            help="With --workers N: load the index here once and fork the workers from this "
            "process, sharing its pages; --no-preload starts uvicorn's workers afresh, each "
            "loading a whole index of its own.",
        ),
    ] = True,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from service.app import create_app

    overrides: dict[str, Any] = {
        k: v for k, v in {"host": host, "port": port}.items() if v is not None
    }
    settings = Settings(**overrides)
    if workers > 1 and preload and hasattr(os, "fork"):
        _serve_forked(settings, workers)
    elif workers > 1:
        # Each spawned worker imports the app and reads EVENTMAP_* itself.
        uvicorn.run(
            "service.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            log_level=settings.log_level,
            workers=workers,
        )
    else:
        uvicorn.run(
            create_app(settings),
            host=settings.host,
            port=settings.port,
            log_level=settings.log_level,
        )


def _serve_forked(settings: Settings, workers: int) -> None:
    """uvicorn servers in ``workers`` processes forked once the index is loaded here, so they
    share its pages copy-on-write (its objects are frozen out of the collector's reach) where
    uvicorn's own ``--workers`` would spawn fresh processes loading one index each. A worker
    that dies is forked again, as quickly; SIGTERM or SIGINT stops them all."""
    import signal

    import uvicorn

    from service.app import create_app

    try:
        resources.preload(settings)  # the lifespan of each worker finds it loaded
    except FileNotFoundError as exc:
        raise _fail(str(exc)) from exc
    config = uvicorn.Config(
        create_app(settings), host=settings.host, port=settings.port, log_level=settings.log_level
    )
    sock = config.bind_socket()
    started: set[int] = set()
    state = {"stopping": False}

    def fork() -> None:
        pid = os.fork()
        if pid == 0:
            server = uvicorn.Server(config)
            server.run(sockets=[sock])
            os._exit(0 if server.started else 3)
        started.add(pid)

    def stop(signum: int, frame: object) -> None:
        state["stopping"] = True
        for pid in started:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        fork()
    while started:
        pid, status = os.wait()
        if pid not in started:
            continue
        started.discard(pid)
        if state["stopping"]:
            continue
        if os.waitstatus_to_exitcode(status) == 3:  # did not start: forking again won't help
            stop(signal.SIGTERM, None)
            raise typer.Exit(3)
        fork()


class Engine(StrEnum):
    """Where ``eventmap batch`` runs."""

    local = "local"
    dask = "dask"


class OutputFormat(StrEnum):
    """What the dask engine writes, one file per partition."""

    jsonl = "jsonl"
    geoparquet = "geoparquet"


@app.command()
def batch(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="JSONL files ({id, text, published?} a line), folders of .txt files, or "
            "quoted glob patterns ('feeds/*.jsonl')."
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Local engine: a .jsonl, .gpkg or .geojson file. Dask: a folder, one file "
            "per partition.",
        ),
    ],
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Processes. Local: on Linux they share one loaded gazetteer. Dask: the "
            "LocalCluster's workers, one index each.",
        ),
    ] = 1,
    engine: Annotated[Engine, typer.Option(help="local processes or a Dask cluster.")] = (
        Engine.local
    ),
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask: a running scheduler (tcp://HOST:8786) instead of a LocalCluster."),
    ] = None,
    format_: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            help="Dask: jsonl (the local engine's records) or geoparquet (the events).",
        ),
    ] = OutputFormat.jsonl,
    partition_size: Annotated[
        int, typer.Option(min=1, help="Dask: documents a task (and an output file).")
    ] = 200,
) -> None:
    """Analyse many documents; rerunning skips what OUT already holds (the ids; with dask,
    the partitions)."""
    from service.batch import BatchInputError, expand_sources

    try:
        paths = expand_sources(sources)
    except BatchInputError as exc:
        raise _fail(str(exc)) from exc
    if engine is Engine.dask:
        _batch_dask(paths, output, workers, scheduler, format_.value, partition_size)
        return
    if scheduler or format_ is not OutputFormat.jsonl:
        raise _fail("--scheduler and --format are for --engine dask; locally OUT's suffix decides")
    _batch_local(paths, output, workers)


def _batch_local(paths: list[Path], output: Path, workers: int) -> None:
    from service.batch import (
        BatchInputError,
        WorkerDiedError,
        analyse_all,
        open_sink,
        pending,
        read_documents,
    )

    settings = Settings()
    loaded = _load(settings)  # once, here; forked workers share it
    try:
        sink = open_sink(output)
        done = sink.ids_written()
        docs = itertools.chain.from_iterable([read_documents(p) for p in paths])
    except BatchInputError as exc:
        raise _fail(str(exc)) from exc
    counts = {"ok": 0, "error": 0}
    with sink:

        def report(outcome: Outcome) -> None:
            counts["error"] += 1
            typer.echo(f"skipped {outcome.id}: {outcome.error}", err=True)
            sink.write(outcome)

        todo = list(pending(docs, done, report))
        with _progress(len(todo)) as bar:
            try:
                for outcome in analyse_all(todo, settings, workers, loaded):
                    if outcome.error is not None:
                        report(outcome)
                    else:
                        counts["ok"] += 1
                        sink.write(outcome)
                    bar.update(1)
            except WorkerDiedError as exc:
                raise _fail(str(exc)) from exc
    typer.echo(
        f"{counts['ok']} analysed, {counts['error']} skipped, {len(done)} already in {output}",
        err=True,
    )


def _progress(length: int) -> Any:
    return typer.progressbar(
        length=length, label="documents", file=sys.stderr, hidden=not sys.stderr.isatty()
    )


def _batch_dask(
    paths: list[Path],
    output: Path,
    workers: int,
    scheduler: str | None,
    fmt: Literal["jsonl", "geoparquet"],
    partition_size: int,
) -> None:
    try:
        from service import batch_dask
    except ImportError as exc:
        raise _fail(f"--engine dask needs the dask extra: pip install '.[dask]' ({exc})") from exc
    from service.batch import BatchInputError

    settings = Settings()
    if scheduler is None and not (settings.data_dir / "index.pkl").exists():
        raise _fail(f"no gazetteer index in {settings.data_dir}; run `make install` first")
    try:
        parts = batch_dask.plan(paths, partition_size)
        before = batch_dask.check_output(output, parts, fmt)
    except BatchInputError as exc:
        raise _fail(str(exc)) from exc
    counts = {"ok": 0, "error": 0, "resumed": 0}

    def on_report(report: batch_dask.Report) -> None:
        if report.resumed:
            counts["resumed"] += report.count
        counts["ok"] += report.ok
        counts["error"] += len(report.skipped)
        for doc_id, error in report.skipped:
            typer.echo(f"skipped {doc_id}: {error}", err=True)
        bar.update(report.count)

    with (
        batch_dask.open_client(workers, scheduler) as client,
        _progress(sum(p.count for p in parts)) as bar,
    ):
        try:
            batch_dask.run(parts, output, fmt, client, settings.data_dir, on_report)
        except OSError as exc:  # a worker cannot read an input or the index, or write OUT
            raise _fail(f"a dask worker failed: {exc}") from exc
    typer.echo(
        f"{counts['ok']} analysed, {counts['error']} skipped, {counts['resumed']} already in "
        f"{output} ({len(parts)} partitions, {before} written before)",
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
    from service.storage import DatabaseUnavailable, Query, StorageError, Store

    settings = Settings()
    try:
        start, end = parse_datetime(datetime_) if datetime_ else (None, None)
        query = Query(
            bbox=parse_bbox(bbox) if bbox else None, start=start, end=end, event_type=event_type
        )
        rules = Rules(settings.incident_km, settings.incident_date_slack_days)
        counts = write_export(Store(settings.database_url, rules), output, query)
    except (ProblemError, ExportError, StorageError, DatabaseUnavailable) as exc:
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
