"""Browser tests: Playwright driving Debian's Chromium against the live test server.

`make test` installs Chromium where it can (as root); elsewhere these tests
skip and say how to enable them. Set SCREENSHOTS=<folder> to keep a
screenshot of every page they check (`make screenshots`).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Playwright drives the browser from an event loop in the test's thread; the
# ORM calls the tests make around it are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("REQUIRE_BROWSER is set but Chromium is missing: CI must run the browser tests.")
        pytest.skip(
            "Chưa có Chromium nên bỏ qua kiểm thử trên trình duyệt. "
            "Cài bằng `sudo apt-get install chromium` (hoặc chạy `make test` với quyền root) rồi chạy lại."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def answer(dialog) -> None:
    if dialog.type == "beforeunload":
        dialog.dismiss()
    else:
        dialog.accept()


@pytest.fixture
def new_page(browser):
    """Pages in their own browser contexts, closed before the live server stops."""
    contexts = []

    def open_page(viewport: dict[str, int]):
        context = browser.new_context(viewport=viewport, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        # A step that cannot be undone asks first; the user agrees, and the question is kept to check. Asked
        # whether to leave a page with something not saved, the user stays.
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message or dialog.type), answer(dialog)))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Saves a full-page screenshot when SCREENSHOTS names a folder."""
    folder = os.environ.get("SCREENSHOTS")

    def take(page, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return take
