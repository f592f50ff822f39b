#!/usr/bin/env bash
# Starts the production shape (gunicorn, Celery worker and beat) against PostgreSQL and Redis,
# fetches the login page and the health endpoint, and stops everything.
# Usage: scripts/smoke_production.sh postgres://postgres@127.0.0.1:5432 redis://127.0.0.1:6379/2
set -euo pipefail
cd "$(dirname "$0")/.."
PG_BASE="$1"; BROKER="$2"
VENV=.venv
DB=guazhitong_smoke
PORT=${SMOKE_PORT:-18765}
WORK=$(mktemp -d)

"$VENV/bin/python" - "$PG_BASE" "$DB" <<'PY'
import sys, psycopg
base, name = sys.argv[1], sys.argv[2]
with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{name}"')
PY

export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS=localhost,127.0.0.1
export DATABASE_URL="$PG_BASE/$DB"
export REDIS_URL="$BROKER"
export GZT_VAR_DIR="$WORK/var"

"$VENV/bin/python" manage.py check --deploy --fail-level WARNING
"$VENV/bin/python" manage.py makemigrations --check --dry-run
"$VENV/bin/python" manage.py migrate --noinput -v0
"$VENV/bin/python" manage.py collectstatic --noinput -v0

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK" staticfiles
}
trap cleanup EXIT

"$VENV/bin/gunicorn" config.wsgi -b "127.0.0.1:$PORT" -w 2 --access-logfile - >"$WORK/web.log" 2>&1 & pids+=($!)
"$VENV/bin/celery" -A config worker --loglevel=INFO --concurrency=1 >"$WORK/worker.log" 2>&1 & pids+=($!)
"$VENV/bin/celery" -A config beat --loglevel=INFO --pidfile= >"$WORK/beat.log" 2>&1 & pids+=($!)

fetch() { curl -fsS -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT$1"; }
for _ in $(seq 1 60); do fetch /healthz/ >/dev/null 2>&1 && break; sleep 1; done

login_html=$(fetch /accounts/login/)
grep -q "挂职通" <<<"$login_html" || { echo "login page lacks the product name"; exit 1; }
grep -q "/static/vendor/bootstrap/css/bootstrap.min" <<<"$login_html" || { echo "no bootstrap css"; exit 1; }
css_path=$(grep -o '/static/vendor/bootstrap/css/bootstrap.min[^"]*\.css' <<<"$login_html" | head -1)
fetch "$css_path" >/dev/null || { echo "static file $css_path not served"; exit 1; }

# The worker proves itself by running the heartbeat task sent through Redis.
"$VENV/bin/celery" -A config call core.tasks.record_worker_heartbeat >/dev/null
# /healthz/ tells anonymous callers only ok or not; the details come from `manage.py health`.
grep -q '^{"status": "ok"}$' <<<"$(fetch /healthz/)" || { echo "/healthz/ shows more than ok"; exit 1; }
ok=""
for _ in $(seq 1 60); do
  health=$("$VENV/bin/python" manage.py health || true)
  if grep -q '"worker": {"ok": true' <<<"$health"; then ok=1; break; fi
  sleep 1
done
echo "health: $health"
[ -n "$ok" ] || { echo "worker never reported"; tail -50 "$WORK/worker.log"; exit 1; }
grep -q '"database": {"ok": true' <<<"$health"
grep -q '"broker": {"ok": true' <<<"$health"
kill -0 "${pids[2]}" || { echo "beat died"; cat "$WORK/beat.log"; exit 1; }
grep -q "beat: Starting" "$WORK/beat.log" || { echo "beat did not start"; cat "$WORK/beat.log"; exit 1; }
echo "smoke: production shape OK"
