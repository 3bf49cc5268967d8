# The API in one small image: migrate, then serve.
#   docker build -t articles .
#   docker run -p 8000:8000 -v articles-data:/data -e API_KEYS=change-me articles
# Writes (POST, PUT, DELETE) need a key from API_KEYS (comma-separated); without one they are refused.
# `compose.yaml` runs the same image on PostgreSQL.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite:////data/articles.db HOST=0.0.0.0 PORT=8000 RATE_LIMIT_PER_MINUTE=600

WORKDIR /srv

# Dependencies first, from the lock (every distribution pinned with its hash): code changes keep this layer.
COPY requirements/serve.txt requirements/serve.txt
RUN pip install --require-hashes --no-deps --requirement requirements/serve.txt

COPY pyproject.toml README.md LICENSE ./
COPY app ./app
COPY migrations ./migrations
RUN pip install --no-deps . \
    && groupadd --system --gid 10001 articles \
    && useradd --system --uid 10001 --gid articles --no-create-home articles \
    && mkdir /data && chown 10001:10001 /data

USER 10001:10001
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ['PORT']}/health\", timeout=4)"]
CMD ["sh", "-c", "articles db upgrade && exec articles serve --host \"$HOST\" --port \"$PORT\""]
