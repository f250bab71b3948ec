"""Workbooks as a district fills them, for the tests of the results template and the import."""

import io

import openpyxl
import pytest

from conferences.models import Campaign, Committee
from reporting.exports import xlsx_bytes
from reporting.models import UnitResult
from reporting.results.importing import ImportRejected, import_results
from reporting.results.template import ResultsTemplateExporter

# The Front and the usual organisations, in the template's order.
ORGANISATIONS = (
    "Ủy ban Mặt trận Tổ quốc",
    "Hội Nông dân",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
)
HEADERS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tổng số đảng viên",
    "Đảng viên tham gia",
    "CB-CC-VC-NLĐ chưa là đảng viên",
    "Số chưa là đảng viên tham gia",
    "Số hội nghị",
    "Số buổi sinh hoạt chi bộ",
    "Số người tham gia",
]
# The template's columns as it is downloaded today: those above and, optional in a file, the kinds of conference
# and the rest of what a unit's form asks.
TEMPLATE_HEADERS = [
    *HEADERS[:7],
    "Trong đó: hội nghị trực tuyến",
    "Trong đó: hội nghị trực tiếp",
    "Trong đó: phát lại video",
    *HEADERS[7:],
    "Buổi tuyên truyền do cấp ủy chỉ đạo",
    "Lượt người được tuyên truyền",
    "Tin phát thanh, truyền hình",
    "Bài phát thanh, truyền hình",
    "Thời lượng phát thanh, truyền hình (phút)",
    "Chương trình hành động",
    "Kế hoạch thực hiện",
    *(f"{name}: {figure}" for name in ORGANISATIONS for figure in ("buổi tuyên truyền", "lượt người")),
]
# Tả Lèng as a row of the file.
TA_LENG = {
    "Mã đơn vị": "tam-duong-ta-leng",
    "Tên đơn vị": "Đảng ủy xã Tả Lèng",
    "Tổng số đảng viên": 140,
    "Đảng viên tham gia": 129,
    "CB-CC-VC-NLĐ chưa là đảng viên": 24,
    "Số chưa là đảng viên tham gia": 22,
    "Số hội nghị": 3,
    "Số buổi sinh hoạt chi bộ": 8,
    "Số người tham gia": 151,
}
NOT_WHOLE = "Phải là số nguyên không âm."


def row(**changes: object) -> list[object]:
    """Tả Lèng's row, with some cells changed: row(**{"Số hội nghị": 5})."""
    values = {**TA_LENG, **changes}
    return [values[header] for header in HEADERS]


def named(content: bytes, name: str) -> io.BytesIO:
    """Bytes with a file name, as an upload carries one."""
    file = io.BytesIO(content)
    file.name = name
    return file


def xlsx(*rows: list[object], headers: list[str] = HEADERS, name: str = "ket-qua.xlsx") -> io.BytesIO:
    """A workbook as a person would upload it: headers in row 1, then the rows."""
    workbook = openpyxl.Workbook()
    for values in (headers, *rows):
        workbook.active.append(values)
    return named(xlsx_bytes(workbook), name)


def tam_duong() -> tuple[Campaign, Committee]:
    return Campaign.objects.get(code="tw8-khoa-xiii"), Committee.objects.get(code="tam-duong")


# The fields of HEADERS' figures, in their order.
HEADER_FIELDS = (
    *("party_members_total", "party_members_attended", "non_members_total", "non_members_attended"),
    *("conferences", "cell_meetings", "people"),
)


def figures_of(result: UnitResult) -> list[int]:
    return [getattr(result, field) for field in HEADER_FIELDS]


def template_figures(result: UnitResult) -> list[int]:
    """The result's figures in the template's columns."""
    kinds = ("conferences_online", "conferences_in_person", "conferences_replay")
    details = ("propaganda_sessions", "propaganda_people", "radio_tv_news", "radio_tv_articles", "radio_tv_minutes")
    plans = ("action_programmes", "implementation_plans")
    ours = figures_of(result)
    outreach = {row.organisation.name: (row.sessions, row.people) for row in result.outreach.all()}
    organisations = [figure for name in ORGANISATIONS for figure in outreach.get(name, (None, None))]
    return [
        *ours[:5],
        *(getattr(result, f) for f in kinds),
        *ours[5:],
        *(getattr(result, f) for f in details + plans),
        *organisations,
    ]


def filled_template(*, changes: dict[str, dict[str, int]] | None = None) -> io.BytesIO:
    """Tam Đường's template as the export gives it, filled with the figures the demo holds."""
    campaign, district = tam_duong()
    filename, _mimetype, content = ResultsTemplateExporter(campaign=campaign, committee=district).render()
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    results = {
        result.unit.code: result for result in UnitResult.objects.filter(campaign=campaign).select_related("unit")
    }
    for cells in workbook["Kết quả"].iter_rows(min_row=2):
        code = cells[0].value
        for cell, header, value in zip(cells[2:], TEMPLATE_HEADERS[2:], template_figures(results[code]), strict=True):
            cell.value = (changes or {}).get(code, {}).get(header, value)
    return named(xlsx_bytes(workbook), filename)


def snapshot() -> list[dict[str, object]]:
    return list(UnitResult.objects.order_by("pk").values())


def cell(column: str, message: str, *, line: int = 2) -> str:
    """An import error as it names its cell."""
    return f"Dòng {line}, cột “{column}”: {message}"


def errors_of(file: io.BytesIO) -> list[str]:
    campaign, district = tam_duong()
    with pytest.raises(ImportRejected) as rejected:
        import_results(file=file, campaign=campaign, committee=district)
    return [str(error) for error in rejected.value.errors]
