# 挂职通 — the two commands of README.md: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
# Bootstrap and ECharts from the npm registry (gitignored static/vendor/): remade when missing or re-pinned.
ASSETS := static/vendor/bootstrap/VERSION
PORT ?= 8000

.PHONY: run test install check-system lint format messages clean

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "挂职通 已启动：http://127.0.0.1:$(PORT)/   （Ctrl-C 停止网站、后台任务与定时任务）"
	@echo "演示账号（密码均为 demo12345）：admin 系统管理员 · org_city 市委组织部 · org_county 县委组织部 ·"
	@echo "  dispatch 派出单位联系人 · receive 接收单位联系人 · cadre 挂职干部"
	@echo ""
	PORT=$(PORT) $(VENV)/bin/honcho -f Procfile.dev start

# The suite in parallel on every core (pytest-xdist), then the transactional tests in one process, then
# the browser journeys (tests/e2e/: their own server, worker and seeded database) when Chromium is here.
E2E_CHROMIUM ?= /usr/bin/chromium
test: install
	$(VENV)/bin/pytest -n auto --dist loadfile -m "not serial and not e2e"
	$(VENV)/bin/pytest -m "serial and not e2e" --create-db
	@if [ -x "$(E2E_CHROMIUM)" ]; then E2E_CHROMIUM="$(E2E_CHROMIUM)" $(VENV)/bin/pytest -m e2e; \
	else echo "e2e: SKIPPED — Chromium not found at $(E2E_CHROMIUM) (apt-get install chromium); browser journeys not run"; fi

install: $(STAMP) $(ASSETS)

$(STAMP): requirements.txt requirements-dev.txt scripts/check_system.sh scripts/build_pdf_fonts.py
	@sh scripts/check_system.sh "$(PYTHON)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=25.3"
	$(PIP) install --quiet -r requirements-dev.txt
	$(PY) scripts/build_pdf_fonts.py
	@touch $(STAMP)

# Fails (one line saying to install Node.js/npm) when Bootstrap cannot be had; ECharts stays optional.
$(ASSETS): scripts/fetch_assets.sh
	@sh scripts/fetch_assets.sh
	@touch $(ASSETS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) var staticfiles
