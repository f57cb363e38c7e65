# newsbrief in a container: `docker build -t newsbrief .` (or podman), then see compose.yaml.
# Two stages: the first installs newsbrief and its dependencies into a virtual environment (every
# dependency ships a wheel, so no compiler is needed), the second copies only that environment onto
# a fresh slim image and runs it as an unprivileged user.

ARG PYTHON_IMAGE=docker.io/library/python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
COPY seeds ./seeds
RUN python -m venv /opt/newsbrief \
    && /opt/newsbrief/bin/pip install '.[postgres]' \
    # The installer has done its job; the running bot needs neither it nor setuptools.
    && /opt/newsbrief/bin/pip uninstall --yes pip setuptools wheel \
    && find /opt/newsbrief -name '__pycache__' -prune -exec rm -rf {} +

FROM ${PYTHON_IMAGE}
RUN groupadd --system --gid 10001 newsbrief \
    && useradd --system --uid 10001 --gid newsbrief --home-dir /data --create-home --shell /usr/sbin/nologin newsbrief
COPY --from=build /opt/newsbrief /opt/newsbrief
ENV PATH=/opt/newsbrief/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    NEWSBRIEF_DATA_DIR=/data \
    NEWSBRIEF_HTTP_PORT=8080
USER newsbrief
WORKDIR /data
VOLUME ["/data"]
# 8080: /healthz and /metrics; 3000: Slack's HTTP mode (SLACK_HTTP_PORT), when used.
EXPOSE 8080 3000
# 200 while the database and the chat connections are alive; urlopen raises (exit 1) on a 503.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]
ENTRYPOINT ["newsbrief"]
CMD ["run"]
