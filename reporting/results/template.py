"""The Excel template the units' results are entered in: one row per unit, blank or filled with current figures.

Its columns are the contract with ``results_import``, which reads them back.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.db.models import F, FilteredRelation, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from conferences.models import Campaign, Committee
from reporting.exports import XLSX_MIMETYPE, Exporter, safe_cell, xlsx_bytes
from reporting.models.organisations import DEFAULT_ORGANISATIONS
from reporting.models.unit_results import (
    CONFERENCE_KINDS,
    COUNTED_STATUSES,
    OrganisationOutreach,
    asked_q,
    conferences_held,
)


@dataclass(frozen=True)
class FigureColumn:
    # Compared and hashed by field only: hashing the lazy header would translate it each time.
    header: Promise = dataclass_field(compare=False)
    # The UnitResult figure it fills; "conferences" is the sum of the four kinds of conference.
    field: str
    # A file made before the column was in the template is read without it: the unit's stored figure stays.
    optional: bool = dataclass_field(default=False, compare=False)


CODE_HEADER = gettext_lazy("Mã đơn vị")
NAME_HEADER = gettext_lazy("Tên đơn vị")
PARTY_MEMBERS_TOTAL = FigureColumn(gettext_lazy("Tổng số đảng viên"), "party_members_total")
PARTY_MEMBERS_ATTENDED = FigureColumn(gettext_lazy("Đảng viên tham gia"), "party_members_attended")
NON_MEMBERS_TOTAL = FigureColumn(gettext_lazy("CB-CC-VC-NLĐ chưa là đảng viên"), "non_members_total")
NON_MEMBERS_ATTENDED = FigureColumn(gettext_lazy("Số chưa là đảng viên tham gia"), "non_members_attended")
CONFERENCES = FigureColumn(gettext_lazy("Số hội nghị"), "conferences")
CELL_MEETINGS = FigureColumn(gettext_lazy("Số buổi sinh hoạt chi bộ"), "cell_meetings")
PEOPLE = FigureColumn(gettext_lazy("Số người tham gia"), "people")
# Of the conferences, those of each kind but "other", which is what is left of the total.
CONFERENCE_KIND_COLUMNS = (
    FigureColumn(gettext_lazy("Trong đó: hội nghị trực tuyến"), "conferences_online", optional=True),
    FigureColumn(gettext_lazy("Trong đó: hội nghị trực tiếp"), "conferences_in_person", optional=True),
    FigureColumn(gettext_lazy("Trong đó: phát lại video"), "conferences_replay", optional=True),
)
# The rest of what a unit's form asks, so a result entered here is as whole as one sent from the form.
OTHER_COLUMNS = tuple(
    FigureColumn(header, field, optional=True)
    for header, field in (
        (gettext_lazy("Buổi tuyên truyền do cấp ủy chỉ đạo"), "propaganda_sessions"),
        (gettext_lazy("Lượt người được tuyên truyền"), "propaganda_people"),
        (gettext_lazy("Tin phát thanh, truyền hình"), "radio_tv_news"),
        (gettext_lazy("Bài phát thanh, truyền hình"), "radio_tv_articles"),
        (gettext_lazy("Thời lượng phát thanh, truyền hình (phút)"), "radio_tv_minutes"),
        (gettext_lazy("Chương trình hành động"), "action_programmes"),
        (gettext_lazy("Kế hoạch thực hiện"), "implementation_plans"),
    )
)
# The Front's and each usual organisation's propaganda, as the unit's form asks it: sessions and people reached.
# Its field is "outreach:<organisation code>:<figure>", an OrganisationOutreach row's, not the result's own.
OUTREACH = "outreach"


def outreach_field(code: str, figure: str) -> str:
    return f"{OUTREACH}:{code}:{figure}"


def outreach_parts(field: str) -> tuple[str, str]:
    """An organisation's column field read back: (its code, "sessions" or "people")."""
    _prefix, code, figure = field.split(":")
    return code, figure


OUTREACH_COLUMNS = tuple(
    FigureColumn(format_lazy("{}: {}", name, label), outreach_field(code, figure), optional=True)
    for code, (name, _order) in DEFAULT_ORGANISATIONS.items()
    for figure, label in (("sessions", gettext_lazy("buổi tuyên truyền")), ("people", gettext_lazy("lượt người")))
)
OUTREACH_FIELDS = frozenset(column.field for column in OUTREACH_COLUMNS)
# Each organisation's (sessions, people) columns.
OUTREACH_PAIRS = tuple(zip(OUTREACH_COLUMNS[::2], OUTREACH_COLUMNS[1::2], strict=True))
FIGURE_COLUMNS = (
    PARTY_MEMBERS_TOTAL,
    PARTY_MEMBERS_ATTENDED,
    NON_MEMBERS_TOTAL,
    NON_MEMBERS_ATTENDED,
    CONFERENCES,
    *CONFERENCE_KIND_COLUMNS,
    CELL_MEETINGS,
    PEOPLE,
    *OTHER_COLUMNS,
    *OUTREACH_COLUMNS,
)
# The totals a unit's registry holds (Committee): the template starts them there, as the unit's form does.
HEAD_COUNTS = {PARTY_MEMBERS_TOTAL: "party_members", NON_MEMBERS_TOTAL: "non_member_staff"}
HEADERS = (CODE_HEADER, NAME_HEADER, *(column.header for column in FIGURE_COLUMNS))

RESULTS_SHEET = gettext_lazy("Kết quả")
INSTRUCTIONS_SHEET = gettext_lazy("Hướng dẫn")
FIGURE_WIDTH = 16
MAX_TEXT_WIDTH = 60


class ResultsTemplateExporter(Exporter):
    identifier = "results_template"
    verbose_name = gettext_lazy("Mẫu Excel nhập kết quả của các đơn vị")
    # Each unit's accepted figures in its row, to correct and upload again.
    filled = False

    def __init__(self, *, campaign: Campaign, committee: Committee) -> None:
        self.campaign = campaign
        self.committee = committee

    def render(self) -> tuple[str, str, bytes]:
        units = template_rows(campaign=self.campaign, committee=self.committee, filled=self.filled)
        workbook = Workbook()
        _write_units(workbook.active, units=units)
        _write_instructions(
            workbook.create_sheet(str(INSTRUCTIONS_SHEET)),
            campaign=self.campaign,
            committee=self.committee,
            filled=self.filled,
        )
        suffix = "-co-so-lieu" if self.filled else ""
        filename = f"mau-ket-qua-{self.campaign.code}-{self.committee.code}{suffix}.xlsx"
        return filename, XLSX_MIMETYPE, xlsx_bytes(workbook)


class FilledResultsTemplateExporter(ResultsTemplateExporter):
    identifier = "results_template_filled"
    verbose_name = gettext_lazy("Mẫu Excel đã điền số liệu hiện có của các đơn vị")
    filled = True


def template_rows(*, campaign: Campaign, committee: Committee, filled: bool) -> list[tuple]:
    """Every unit below ``committee`` asked for the campaign's results (or with one) in tree order: code, name
    and its figures in the template's columns, in one query. The totals start from the unit's head-counts, as
    the unit's form does; ``filled``, the other columns hold its accepted figures (empty where it has none)."""
    units = committee.subtree().exclude(pk=committee.pk).filter(asked_q(campaign)).order_by("path")
    if filled:
        accepted = FilteredRelation(
            "unit_results",
            condition=Q(unit_results__campaign=campaign, unit_results__status__in=COUNTED_STATUSES),
        )
        units = units.annotate(result=accepted)
    figures = (_figure(column, campaign=campaign, filled=filled) for column in FIGURE_COLUMNS)
    return list(units.values_list("code", "name", *figures))


def _figure(column: FigureColumn, *, campaign: Campaign, filled: bool):
    """A column's value: the accepted figure (``filled``; a unit without one joins nothing, so NULL), else the
    unit's registered head-count for a total, else empty."""
    registered = F(HEAD_COUNTS[column]) if column in HEAD_COUNTS else None
    if not filled:
        return registered or Value(None, output_field=IntegerField())
    if column.field in OUTREACH_FIELDS:
        code, figure = outreach_parts(column.field)
        outreach = OrganisationOutreach.objects.filter(
            result__campaign=campaign,
            result__unit=OuterRef("pk"),
            result__status__in=COUNTED_STATUSES,
            organisation__code=code,
        )
        return Subquery(outreach.values(figure)[:1])
    if column is CONFERENCES:
        return conferences_held(*(f"result__{kind}" for kind in CONFERENCE_KINDS))
    stored = F(f"result__{column.field}")
    return stored if registered is None else Coalesce(stored, registered)


def _write_units(sheet: Worksheet, *, units: list[tuple]) -> None:
    sheet.title = str(RESULTS_SHEET)
    sheet.append([str(header) for header in HEADERS])
    for code, name, *figures in units:
        sheet.append([safe_cell(code), safe_cell(name), *figures])

    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 48
    sheet.freeze_panes = "A2"

    for index, texts in enumerate(([unit[0] for unit in units], [unit[1] for unit in units]), start=1):
        longest = max((len(text) for text in [str(HEADERS[index - 1]), *texts]), default=0)
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, MAX_TEXT_WIDTH)
    for index in range(3, len(HEADERS) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = FIGURE_WIDTH

    if units:
        sheet.add_data_validation(_whole_numbers(f"C2:{get_column_letter(len(HEADERS))}{len(units) + 1}"))


def _whole_numbers(cells: str) -> DataValidation:
    """Excel itself refuses a typo before the file ever reaches the import."""
    validation = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Số liệu không hợp lệ"),
        error=_("Phải là số nguyên không âm."),
    )
    validation.add(cells)
    return validation


def _steps() -> list[str]:
    """How the sheet is filled, step by step."""
    return [
        _("Mỗi dòng là một đơn vị; giữ nguyên cột “%(code)s”.") % {"code": CODE_HEADER},
        _("Số liệu là số nguyên không âm (0, 1, 2 …), không dùng công thức; không có thì ghi 0."),
        _("Số tham gia không lớn hơn tổng số: “%(attended)s” ≤ “%(total)s”.")
        % {"attended": PARTY_MEMBERS_ATTENDED.header, "total": PARTY_MEMBERS_TOTAL.header},
        _("Số tham gia không lớn hơn tổng số: “%(attended)s” ≤ “%(total)s”.")
        % {"attended": NON_MEMBERS_ATTENDED.header, "total": NON_MEMBERS_TOTAL.header},
        _("“%(people)s” không nhỏ hơn “%(party)s” cộng “%(others)s”.")
        % {
            "people": PEOPLE.header,
            "party": PARTY_MEMBERS_ATTENDED.header,
            "others": NON_MEMBERS_ATTENDED.header,
        },
        _(
            "“%(total)s” là mọi hội nghị; các cột “Trong đó: …” là số hội nghị của từng hình thức, "
            "phần còn lại được tính là hình thức khác."
        )
        % {"total": CONFERENCES.header},
        _("“%(party)s” và “%(others)s” đã điền sẵn theo số đăng ký của đơn vị; sửa nếu số thực tế khác.")
        % {"party": PARTY_MEMBERS_TOTAL.header, "others": NON_MEMBERS_TOTAL.header},
        _(
            "Đơn vị chưa có kết quả: để trống các cột số liệu khác (hai cột tổng số điền sẵn không tính), dòng "
            "đó sẽ được bỏ qua."
        ),
        _("Tệp có lỗi thì không dòng nào được nhập; sửa hết các lỗi được báo rồi nhập lại."),
        _(
            "Tải tệp lên, trang nhập cho xem trước: đơn vị mới, số liệu thay đổi (cũ → mới), cảnh báo. "
            "Chưa ghi gì cho đến khi bấm xác nhận; kết quả đã tiếp nhận chỉ bị thay khi được chọn."
        ),
        _(
            "Các cột “…: buổi tuyên truyền” và “…: lượt người” là của Mặt trận và từng đoàn thể trong đơn vị; không "
            "có thì ghi 0. Tổ chức khác do đơn vị tự thêm thì ghi trên trang kết quả của đơn vị."
        ),
    ]


def _write_instructions(sheet: Worksheet, *, campaign: Campaign, committee: Committee, filled: bool) -> None:
    lines = [
        _("Mẫu nhập kết quả học tập, quán triệt của các đơn vị"),
        _("Đợt học tập: %(name)s") % {"name": campaign.name},
        _("Cấp ủy: %(name)s") % {"name": committee.name},
        _("Hạn báo cáo: %(date)s") % {"date": date_format(campaign.reporting_deadline, "d/m/Y")},
        "",
        _("Cách điền trang “%(sheet)s”:") % {"sheet": RESULTS_SHEET},
        *(f"{number}. {step}" for number, step in enumerate(_steps(), start=1)),
    ]
    if filled:
        lines[5:5] = [
            _(
                "Số liệu đã điền sẵn là kết quả đã tiếp nhận của từng đơn vị lúc %(time)s; "
                "đơn vị chưa có kết quả được tiếp nhận thì để trống. Chỉ sửa các ô cần sửa."
            )
            % {"time": date_format(timezone.localtime(), "H:i d/m/Y")},
            "",
        ]
    for line in lines:
        sheet.append([safe_cell(line)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 110
    for row in sheet.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
