# Two commands for a new machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup browser migrate demo run test screenshots lint format check

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

# The browser tests drive Debian's Chromium; install it where we may (as root).
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Cài Chromium cho kiểm thử trên trình duyệt..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	      || echo "Không cài được Chromium: các kiểm thử trên trình duyệt sẽ bỏ qua."; \
	  else \
	    echo "Chưa có Chromium: chạy 'sudo apt-get install chromium' để bật kiểm thử trên trình duyệt."; \
	  fi; \
	fi

migrate: setup
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@echo "Mở http://$(HOST):$(PORT)/ và đăng nhập bằng một tài khoản mẫu ở trên."
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup browser
	$(BIN)/python -m pytest

# Screenshots of the pages the browser tests check, into test-artifacts/ (not in git).
screenshots: setup browser
	SCREENSHOTS=test-artifacts/screenshots $(BIN)/python -m pytest tests/browser

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: setup
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
