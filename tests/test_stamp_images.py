"""A signed page shows the signer's signature and the committee's red seal over it, as a Vietnamese office expects."""

import datetime
import io
import os
import shutil
import subprocess

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from conferences.models import Committee
from reporting.demo_images import sample_seal, sample_signature
from reporting.documents.term_reports import term_report_start
from reporting.documents.workflow import report_sign
from reporting.figures.term import Period
from reporting.models import Report, SealImage, SignatureImage
from tests import builders
from tests.test_reports import user
from tests.test_signing import stamp_text

pytestmark = pytest.mark.django_db
PERIOD = (datetime.date(2021, 3, 1), datetime.date(2023, 3, 31))


def signed_190() -> bytes:
    report = term_report_start(period=Period(Committee.objects.get(code="tay-son"), *PERIOD))
    builders.approve(report=report, user=user("tuyengiao.tayson"))
    return bytes(report_sign(report=Report.objects.get(pk=report.pk), user=user("lanhdao.tayson")).signed_pdf)


def last_page(pdf: bytes, tmp_path) -> Image.Image:
    if not shutil.which("pdftoppm"):
        # `make test` installs poppler-utils where it can; CI must look at the page, elsewhere it is skipped.
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("REQUIRE_BROWSER is set but pdftoppm (poppler-utils) is missing.")
        pytest.skip("pdftoppm (poppler-utils) is needed to look at the page")
    (tmp_path / "signed.pdf").write_bytes(pdf)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", str(pages), "-l", str(pages), tmp_path / "signed.pdf", tmp_path / "p"],
        check=True,
    )
    return Image.open(next(tmp_path.glob("p-*.png"))).convert("RGB")


def count(picture: Image.Image, matches) -> int:
    return sum(1 for pixel in picture.get_flattened_data() if matches(pixel))


def seal_red(pixel) -> bool:
    red, green, blue = pixel
    return red > 150 and green < 90 and blue < 90


def ink_blue(pixel) -> bool:
    red, green, blue = pixel
    return blue > 90 and red < 90 and green < 110


def test_the_signed_page_shows_the_seal_over_the_signature(demo, tmp_path):
    page = last_page(signed_190(), tmp_path)
    right_half = page.crop((page.width // 2, 0, page.width, page.height))
    assert count(right_half, seal_red) > 200  # the red seal
    assert count(right_half, ink_blue) > 50  # the signature's ink
    assert count(page.crop((0, 0, page.width // 2, page.height)), seal_red) == 0


def test_without_pictures_the_box_names_the_signer(demo, tmp_path):
    SealImage.objects.all().delete()
    SignatureImage.objects.all().delete()
    pdf = signed_190()
    assert stamp_text(pdf).splitlines()[0] == "Ký bởi: Lê Bình Thành"
    assert count(last_page(pdf, tmp_path), ink_blue) == 0


def png_upload(content: bytes, name: str = "dau.png") -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def jpeg() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(output, format="JPEG")
    return output.getvalue()


def strip(width: int, height: int) -> bytes:
    """A blank PNG: within the pixels allowed, but not within their sides."""
    output = io.BytesIO()
    Image.new("1", (width, height)).save(output, format="PNG")
    return output.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not an image", "Không đọc được ảnh; hãy chọn một tệp PNG."),
        (None, "Chỉ nhận ảnh PNG (nền trong suốt)."),
        (b"\x89PNG" + b"0" * (2 * 1024 * 1024), "Tệp quá lớn: tối đa 2 MB."),
        (strip(60_000, 2), "Ảnh quá nhiều điểm ảnh: tối đa 2000 × 2000."),
        (strip(2, 2_001), "Ảnh quá nhiều điểm ảnh: tối đa 2000 × 2000."),
    ],
)
def test_staff_upload_a_seal_and_a_wrong_file_is_refused_at_its_field(demo, client, content, message):
    client.force_login(user("tuyengiao.tayson"))
    committee = Committee.objects.get(code="tay-son")
    before = bytes(SealImage.objects.get(committee=committee).png)
    data = {"committee": committee.pk, "image": png_upload(jpeg() if content is None else content)}
    response = client.post(reverse("seal_page"), data)
    assert response.context["form"].errors["image"] == [message]
    assert bytes(SealImage.objects.get(committee=committee).png) == before
    saved = client.post(reverse("seal_page"), {"committee": committee.pk, "image": png_upload(sample_seal("Mới"))})
    assert saved.status_code == 302
    picture = client.get(reverse("seal_png", args=["tay-son"]))
    assert picture["Content-Type"] == "image/png" and picture.content.startswith(b"\x89PNG")
    assert picture["Cache-Control"] == "private, no-store"  # whoever holds the seal could stamp with it
    assert client.get(reverse("seal_png", args=["tam-duong"])).status_code == 404  # another district's


def test_a_leader_keeps_their_own_signature(demo, client):
    leader = user("lanhdao.tayson")
    client.force_login(leader)
    page = client.get(reverse("signature_page")).content.decode()
    assert 'id="signature"' in page and 'id="nav-signature"' in page
    response = client.post(reverse("signature_page"), {"image": png_upload(sample_signature("Khác"))})
    assert response.status_code == 302
    assert client.get(reverse("signature_png"))["Cache-Control"] == "private, no-store"
    client.post(reverse("signature_remove"))
    assert not SignatureImage.objects.filter(user=leader).exists()
    client.force_login(user("tuyengiao.tayson"))
    assert client.get(reverse("signature_page")).status_code == 403
