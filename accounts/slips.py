"""Password slips (phiếu mật khẩu) of accounts just created: on the page, and as an A4 PDF for a short while.

A one-time password is shown once. Creating the accounts leads to the page of their slips; that page and the PDF
of the same slips can be opened again by the same person, in the same browser, for SLIP_MINUTES after that, and
no longer:

- the slips are kept in the session encrypted (Fernet: AES with an HMAC and its own timestamp); the session row
  in the database holds only that ciphertext;
- the key is never stored on the server: it is sent to the browser alone, in a cookie limited to ``/tai-khoan/``
  that expires after SLIP_MINUTES (HttpOnly, SameSite=Strict, Secure where the session cookie is);
- reading checks the ciphertext's timestamp against SLIP_MINUTES too, so a copied cookie is no use later;
- "Đã in xong, xoá mật khẩu" drops both at once, and a read that fails drops what is left in the session.

So no password can be read back from the server after the window, even from a copy of its database. A lost
slip means a new password, never a second copy of the old one.
"""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from weasyprint import HTML
from weasyprint.urls import URLFetcher

SLIP_MINUTES = 15
SESSION_KEY = "account_slips"
KEY_COOKIE = "account_slips_key"
# The slips' own stylesheet: the page, the fonts shipped for the report, the sizes.
STYLESHEET = "accounts/slips.css"


@dataclass(frozen=True)
class Slip:
    unit: str
    username: str
    password: str
    name: str = ""  # the person's, when the account is a person's (a unit's secretary account has none)


def slips_of(created) -> list[Slip]:
    """The slips of ``(account, one-time password)`` pairs, as services return them."""
    return [
        Slip(str(user.committee or ""), user.username, password, user.get_full_name()) for user, password in created
    ]


def slips_shown(request: HttpRequest, created) -> HttpResponse:
    """The accounts just created (or given a new password): their slips kept, and the browser sent to the page
    that shows them, so that reloading it shows the same slips rather than making new passwords."""
    response = redirect("account_slips")
    slips_keep(request, response, slips_of(created))
    return response


def slips_page(request: HttpRequest, slips: list[Slip]) -> HttpResponse:
    """The slips to print, as a page; neither it nor its passwords kept by the browser's cache."""
    context = {"slips": slips, "site": request.get_host(), "minutes": SLIP_MINUTES}
    response = render(request, "accounts/created.html", context)
    add_never_cache_headers(response)
    return response


def slips_keep(request: HttpRequest, response: HttpResponse, slips: list[Slip]) -> None:
    """Keeps ``slips`` for the PDF: encrypted in the session, their key in a cookie set on ``response``."""
    key = Fernet.generate_key()
    plain = json.dumps([asdict(slip) for slip in slips]).encode()
    request.session[SESSION_KEY] = Fernet(key).encrypt(plain).decode()
    response.set_cookie(
        KEY_COOKIE,
        key.decode(),
        max_age=SLIP_MINUTES * 60,
        path=_key_cookie_path(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


def slips_read(request: HttpRequest) -> list[Slip] | None:
    """The slips kept by this browser within the window; None once cleared or expired (and then forgotten)."""
    token = request.session.get(SESSION_KEY)
    if not token:
        return None
    try:
        # A missing or forged key is a ValueError, an expired or altered ciphertext an InvalidToken.
        plain = Fernet(request.COOKIES.get(KEY_COOKIE, "")).decrypt(token.encode(), ttl=SLIP_MINUTES * 60)
    except (InvalidToken, ValueError):
        del request.session[SESSION_KEY]
        return None
    return [Slip(**slip) for slip in json.loads(plain)]


def slips_forget(request: HttpRequest, response: HttpResponse) -> None:
    request.session.pop(SESSION_KEY, None)
    response.delete_cookie(KEY_COOKIE, path=_key_cookie_path(), samesite="Strict")


def _key_cookie_path() -> str:
    """The accounts' pages, ``/tai-khoan/`` under whatever prefix the site is served."""
    return reverse("account_slips_pdf").rpartition("/")[0] + "/"


def slips_pdf(slips: list[Slip], *, site: str) -> tuple[str, str, bytes]:
    """(filename, mimetype, content): the slips on A4, one a page, with the shipped fonts embedded."""
    static_folder = Path(finders.find(STYLESHEET)).parent.parent
    html = render_to_string("accounts/slips_pdf.html", {"slips": slips, "site": site, "minutes": SLIP_MINUTES})
    document = HTML(
        string=html,
        base_url=f"{static_folder.as_uri()}/",
        url_fetcher=URLFetcher(allowed_protocols={"file"}),  # the shipped files only, never the network
    )
    return "phieu-mat-khau.pdf", "application/pdf", document.write_pdf()
