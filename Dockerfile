# Production image: gunicorn serves the app (whitenoise serves static files); the same image runs
# the Celery worker and beat (see docker-compose.yml).
# Bootstrap and ECharts from the npm registry (the same pinned script `make` runs), copied into the final
# image; the build fails if Bootstrap cannot be had.
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY scripts/fetch_assets.sh scripts/
RUN sh scripts/fetch_assets.sh

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production GZT_VAR_DIR=/app/var PDF_FONT_DIR=/app/fonts

# Fonts and Pango for PDF rendering (WeasyPrint); curl for health checks.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
      fonts-noto-cjk curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install --upgrade "pip>=25.3" \
 && pip install -r requirements.txt

COPY . .
COPY --from=assets /src/static/vendor static/vendor
RUN PDF_FONT_DIR=/app/fonts python scripts/build_pdf_fonts.py
# collectstatic needs settings but no secrets or database: give it throwaway values at build time.
RUN SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
 && useradd --system --home /app gzt && mkdir -p /app/var && chown -R gzt /app/var

USER gzt
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
