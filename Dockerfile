# The API in one small image: migrate, then serve. Build: docker build -t articles .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DATABASE_URL=sqlite:////data/articles.db HOST=0.0.0.0 PORT=8000

WORKDIR /srv
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY seed_data ./seed_data
RUN pip install '.[postgres]' && useradd --create-home articles && mkdir /data && chown articles /data

USER articles
VOLUME /data
EXPOSE 8000
CMD ["sh", "-c", "articles db upgrade && exec articles serve --host \"$HOST\" --port \"$PORT\""]
