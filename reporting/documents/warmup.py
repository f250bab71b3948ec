"""Ready before the first click: what the first preview and the first signature would otherwise load.

WeasyPrint, its fonts and the stylesheet, pyHanko, the signer and the stamp's
font take most of a second to load the first time in a process. A web or
background worker calls ``warm_up`` when it starts (gunicorn's
``post_worker_init``, Celery's ``worker_process_init``), when
``settings.REPORT_WARM_UP`` is on, so the first preview is as fast as the next.
Nothing here touches the database.
"""

import logging
import time

from django.conf import settings

from reporting.documents.document import Block, ReportDocument

logger = logging.getLogger(__name__)

SAMPLE = ReportDocument(
    superior_line="ĐẢNG BỘ TỈNH",
    issuing_body="HUYỆN ỦY",
    document_code="BC/HU",
    place_and_date="ngày 01 tháng 01 năm 2026",
    summary=["kết quả nghiên cứu, học tập, quán triệt, tuyên truyền"],
    blocks=[Block("p", "paragraph", "Nội dung *thử*[^n]."), Block("s", "section", "I- MỤC")],
    footnotes={"n": "Chú thích."},
    recipients=["Lưu."],
    signer_title="BÍ THƯ",
    signer_name="Nguyễn Văn A",
)


def warm_up() -> float:
    """Render and sign a one-page sample, as the first real ones would; returns the seconds it took."""
    from reporting.documents.pdf import render_report_pdf
    from reporting.documents.signing import SignatureRequest, sign_pdf
    from reporting.documents.stamp_images import StampImages

    started = time.perf_counter()
    render_report_pdf(SAMPLE)
    pdf = render_report_pdf(SAMPLE, archival=True)
    request = SignatureRequest(signer_name="Nguyễn Văn A", signer_title="BÍ THƯ", document_label="1-BC/HU", location="")
    sign_pdf(pdf, request)
    seal = StampImages(signature=None, seal=_transparent_png())
    sign_pdf(pdf, request, images=seal)
    seconds = time.perf_counter() - started
    logger.info("Report rendering and signing warmed up in %.2f s.", seconds)
    return seconds


def warm_up_if_asked() -> None:
    if settings.REPORT_WARM_UP:
        try:
            warm_up()
        except Exception:  # a worker that could not warm up still serves; the first click is just slower
            logger.exception("Warming up report rendering failed.")


def _transparent_png() -> bytes:
    import io

    from PIL import Image

    output = io.BytesIO()
    Image.new("RGBA", (8, 8), (200, 0, 0, 128)).save(output, format="PNG")
    return output.getvalue()
