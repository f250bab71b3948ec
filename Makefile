# Two commands for a new machine: `make run` and `make test`.
# Debian's own Python 3.11 where there is one: built with profile-guided optimisation, it runs the suite
# about a tenth faster than a Python compiled from source without it.
PYTHON ?= $(shell command -v /usr/bin/python3.11 || command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup messages system-packages migrate demo run test test-slow screenshots lint format check bench

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP) messages

# The project's Vietnamese for Django's own messages; django.mo is kept in the repository for machines
# without gettext, and rebuilt here where msgfmt exists.
messages:
	@if command -v msgfmt >/dev/null 2>&1; then $(BIN)/python manage.py compilemessages -l vi -v 0; fi

# Debian packages the tests use: Chromium for the browser tests, poppler-utils
# (pdftoppm) to turn report pages into pictures. Installed where we may (as root).
SYSTEM_PACKAGES := chromium:chromium pdftoppm:poppler-utils
system-packages:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Cài gói hệ thống:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null \
	      || echo "Không cài được:$$missing; các kiểm thử cần chúng sẽ báo bỏ qua."; \
	  else \
	    echo "Thiếu gói:$$missing. Chạy 'sudo apt-get install$$missing' để bật đủ các kiểm thử."; \
	  fi; \
	fi

migrate: setup
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@echo "Mở http://$(HOST):$(PORT)/ và đăng nhập bằng một tài khoản mẫu ở trên."
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# One worker per core (pytest-xdist); a module's tests stay on one worker, so its demo loads once.
# Compiled modules are kept between runs even where the environment says not to write them:
# every worker would otherwise compile the project and rewrite the tests' asserts anew.
test: setup system-packages
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest --numprocesses=auto --dist=loadfile

# The slow tests `make test` leaves out: the load test, the flows in Chromium, the attacks over every page and the
# checks that start a fresh interpreter or LibreOffice or write a long PDF (.ci/run runs them too).
test-slow: setup system-packages
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -m slow

# Screenshots of the pages the browser tests check, into test-artifacts/ (not in git).
screenshots: setup system-packages
	SCREENSHOTS=test-artifacts/screenshots $(BIN)/python -m pytest -m slow tests/browser

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: setup
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Benchmarks (benchmarks/README.md): SQLite, then PostgreSQL where one answers;
# writes benchmarks/results.md. wrk, for the load benchmark, is installed like the other Debian packages.
bench: setup
	@$(MAKE) --no-print-directory system-packages SYSTEM_PACKAGES=wrk:wrk
	$(BIN)/python -m benchmarks.run
