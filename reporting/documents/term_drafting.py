"""A term report's text, drafted from the data of a period: the order of the Tây Sơn seed (190-BC/HU).

Opening citing the superior's request; I. direction (1. the documents
issued, listed in a footnote; 2. roles); II. 1. results in 1.1-1.7
(preparation and the site registry, conference and line quality, study and
the programmes and plans, propaganda, supervision, innovation with the
conferences footnote and the channels, the conference steps), 2.
limitations, 3. causes, 4. general evaluation; III. problems and lessons;
IV. tasks. Every figure comes from ``reporting.figures.term``; paragraphs the
data cannot write are suggestions staff edit or confirm before approval.
"""

import math
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from conferences.document_types import DocumentType
from conferences.models import Committee, DirectingDocument, PreparationStep, Resolution
from conferences.preparation import DAYS_BEFORE
from conferences.selectors import copied_documents
from reporting.documents.drafting import AREA, BODY, Draft
from reporting.documents.names import join_names, localities_phrase
from reporting.documents.summary import summary_lines
from reporting.figures.formatting import format_number, format_ratio
from reporting.figures.term import Period, TermFigures, late_units, own_documents, term_figures
from reporting.figures.wording import conference_sentence, tested_lines

HALF = Decimal("0.5")


@dataclass(frozen=True)
class Request:
    """The superior's document asking for the report, cited in the opening."""

    number: str
    issued_on: object
    issuer: str
    subject: str


def period_of(report) -> Period:
    return Period(report.committee, report.period_starts_on, report.period_ends_on)


def request_of(report) -> Request | None:
    """The request a term report answers, when staff entered one."""
    if not (report.request_number and report.request_issued_on and report.request_issuer):
        return None
    return Request(report.request_number, report.request_issued_on, report.request_issuer, report.request_subject)


def cited_date(day) -> str:
    """23/3/2021, 05/7/2021, 22/02/2022: as the seed cites a document's date."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def cite(kind_label: str, number: str, day, issuer: str, subject: str) -> str:
    """Kế hoạch số 12-KH/HU ngày 23/3/2021 của Ban Thường vụ Huyện ủy về …"""
    return f"{kind_label} số {number} ngày {cited_date(day)} của {issuer} {subject}".rstrip()


def request_kind(number: str) -> str:
    """The kind of document from its number's code: 812-CV/BTGTU is a Công văn."""
    code = number.split("-", 1)[-1].split("/", 1)[0]
    return DocumentType(code).label if code in DocumentType.values else "Văn bản"


def studied(period: Period) -> str:
    """'các nghị quyết, chỉ thị, kết luận khóa XIII của Đảng': the term most of the period's resolutions share."""
    terms = Counter(
        Resolution.objects.filter(campaigns__in=period.campaigns()).exclude(term="").values_list("term", flat=True)
    )
    term = f" khóa {terms.most_common(1)[0][0]}" if terms else ""
    return f"các nghị quyết, chỉ thị, kết luận{term} của Đảng"


def draft_term_report(*, period: Period, request: Request | None) -> Draft:
    committee = period.committee
    figures = term_figures(period)
    what = studied(period)
    draft = Draft(summary=summary_lines(f"kết quả nghiên cứu, học tập, quán triệt và tuyên truyền {what}"))
    draft.add("opening", "paragraph", _opening(committee, period, request, what))
    _direction(draft, period, what)
    draft.add("II", "section", "II- ĐÁNH GIÁ TÌNH HÌNH TỔ CHỨC TRIỂN KHAI THỰC HIỆN")
    draft.add("II.1", "subsection", "1. Kết quả đạt được")
    _preparation(draft, committee, figures)
    _quality(draft, figures)
    _study(draft, committee, figures, what)
    _propaganda(draft, figures, what)
    _supervision(draft, committee, figures, what)
    _innovation(draft, committee, figures)
    _steps(draft, figures)
    _limitations(draft, period, figures)
    draft.add("II.3", "subsection", "3. Nguyên nhân")
    draft.suggest("II.3.1", CAUSES)
    draft.add("II.4", "subsection", "4. Đánh giá chung")
    if rates := _rates_sentence(figures):
        draft.add("II.4.1", "paragraph", rates)
    draft.add(
        "III",
        "section",
        "III- MỘT SỐ VẤN ĐỀ ĐẶT RA VÀ BÀI HỌC KINH NGHIỆM TRONG QUÁ TRÌNH TỔ CHỨC NGHIÊN CỨU, HỌC TẬP, QUÁN "
        f"TRIỆT, TUYÊN TRUYỀN {what.upper()}",
    )
    draft.add("III.1", "subsection", "1. Một số vấn đề đặt ra")
    draft.suggest("III.1.1", PROBLEMS)
    draft.add("III.2", "subsection", "2. Bài học kinh nghiệm")
    draft.suggest("III.2.1", LESSONS)
    draft.add("IV", "section", "IV- NHIỆM VỤ, GIẢI PHÁP")
    draft.suggest("IV.1", TASKS)
    return draft.finish()


def _opening(committee: Committee, period: Period, request: Request | None, what: str) -> str:
    reports = f"Ban Thường vụ {committee.name} báo cáo"
    if request is not None:
        cited = cite(request_kind(request.number), request.number, request.issued_on, request.issuer, request.subject)
        return f"Thực hiện {cited}, {reports} kết quả thực hiện cụ thể như sau:"
    return (
        f"{reports} kết quả nghiên cứu, học tập, quán triệt và tuyên truyền {what} từ ngày "
        f"{period.starts_on:%d/%m/%Y} đến ngày {period.ends_on:%d/%m/%Y} như sau:"
    )


def _direction(draft: Draft, period: Period, what: str) -> None:
    committee = period.committee
    body = BODY[committee.kind]
    draft.add("I", "section", "I- CÔNG TÁC CHỈ ĐẠO, QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN")
    draft.add("I.1", "subsection", "1. Việc xây dựng, triển khai các văn bản")
    documents = own_documents(period)
    if documents:
        draft.footnotes["documents"] = "; ".join(_cite_document(document) for document in documents) + "."
        kinds = Counter(DocumentType(document.kind).label.lower() for document in documents)
        issued = ", ".join(f"{format_number(count)} {kind}" for kind, count in kinds.items())
        draft.add(
            "I.1.1",
            "paragraph",
            f"Thực hiện văn bản chỉ đạo của cấp trên, Ban Thường vụ {body} và Ban Tuyên giáo {body} đã ban hành "
            f"{issued} về tổ chức học tập, quán triệt, phổ biến, tuyên truyền {what}[^documents]. Các cấp ủy cơ sở "
            "căn cứ kế hoạch, hướng dẫn của cấp trên xây dựng kế hoạch cụ thể phù hợp với tình hình địa phương, "
            "đơn vị.",
        )
    draft.add(
        "I.2",
        "subsection",
        "2. Vai trò, trách nhiệm của cấp ủy, tổ chức đảng các cấp, người lãnh đạo trong triển khai thực hiện",
    )
    draft.suggest("I.2.1", ROLES)


def _cite_document(document: DirectingDocument) -> str:
    return cite(
        DocumentType(document.kind).label, document.number, document.issued_on, document.issuer, document.subject
    )


def _preparation(draft: Draft, committee: Committee, figures: TermFigures) -> None:
    area = AREA[committee.kind]
    draft.add("II.1.1", "point", "1.1. Công tác tổ chức chuẩn bị Hội nghị nghiên cứu, học tập, quán triệt")
    sites = figures.sites
    if sites.total:
        parts = []
        if sites.own_halls:
            parts.append(f"{format_number(len(sites.own_halls))} điểm cầu tại {area} ({join_and(sites.own_halls)})")
        if sites.below:
            whose = localities_phrase(list(sites.below_localities)) or "đơn vị"
            parts.append(
                f"{format_number(sites.below)} điểm cầu ở hội trường (hoặc phòng họp) của "
                f"{format_number(sites.below_units)} {whose}"
            )
        draft.add(
            "II.1.1.1",
            "paragraph",
            f"- Về cơ sở vật chất: Đến nay, toàn {area} có {format_number(sites.total)} điểm cầu trực tuyến, gồm "
            f"{' và '.join(parts)}.",
        )
    draft.suggest("II.1.1.2", PREPARATION)


def join_and(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"


def _quality(draft: Draft, figures: TermFigures) -> None:
    draft.add("II.1.2", "point", "1.2. Đánh giá chất lượng tổ chức hội nghị của Trung ương, địa phương")
    draft.suggest("II.1.2.1", QUALITY)
    quality = figures.line_quality
    if quality.site_turns:
        turns = format_number(quality.site_turns)
        held = f"{format_number(quality.site_turns - quality.lost)}/{turns} lượt điểm cầu ổn định"
        lost = (
            f"; {format_number(quality.lost)}/{turns} lượt điểm cầu mất âm thanh hoặc hình ảnh" if quality.lost else ""
        )
        draft.add("II.1.2.2", "paragraph", f"- Chất lượng đường truyền: {held}{lost}.")


def _study(draft: Draft, committee: Committee, figures: TermFigures, what: str) -> None:
    draft.add("II.1.3", "point", f"1.3. Đánh giá kết quả việc tổ chức nghiên cứu, học tập, quán triệt {what}")
    draft.suggest("II.1.3.1", AWARENESS)
    area = AREA[committee.kind]
    below = _built(figures.below_programmes, figures.below_plans)
    own = _built(figures.own_programmes, figures.own_plans)
    sentences = []
    if below:
        sentences.append(f"các cấp ủy, chi ủy, chi bộ trực thuộc Đảng bộ {area} đã xây dựng {below}")
    if own:
        sentences.append(f"Ban Chấp hành Đảng bộ {area} xây dựng {own}")
    if sentences:
        draft.add(
            "II.1.3.2",
            "paragraph",
            "- Việc xây dựng, triển khai chương trình hành động, kế hoạch tổ chức thực hiện: Sau nghiên cứu, học "
            f"tập, quán triệt, {'; '.join(sentences)}.",
        )


def _built(programmes: int, plans: int) -> str:
    """'33 chương trình hành động và 25 kế hoạch thực hiện', naming only what there is."""
    parts = [
        f"{format_number(count)} {what}"
        for count, what in ((programmes, "chương trình hành động"), (plans, "kế hoạch thực hiện"))
        if count
    ]
    return " và ".join(parts)


def _propaganda(draft: Draft, figures: TermFigures, what: str) -> None:
    draft.add("II.1.4", "point", f"1.4. Công tác tuyên truyền phổ biến {what}")
    draft.suggest("II.1.4.1", PROPAGANDA)
    if figures.propaganda_sessions:
        draft.add(
            "II.1.4.2",
            "paragraph",
            f"Các cấp ủy cơ sở chỉ đạo tuyên truyền được {format_number(figures.propaganda_sessions)} buổi cho "
            f"{format_number(figures.propaganda_people)} lượt người.",
        )


def _supervision(draft: Draft, committee: Committee, figures: TermFigures, what: str) -> None:
    draft.add(
        "II.1.5",
        "point",
        f"1.5. Công tác kiểm tra, giám sát việc nghiên cứu, học tập, quán triệt và tuyên truyền {what}",
    )
    if figures.supervised_units:
        years = [str(year) for year in figures.supervision_years]
        draft.add(
            "II.1.5.1",
            "paragraph",
            f"Trong năm {join_and(years)}, Ban Tuyên giáo {BODY[committee.kind]} đã tiến hành kiểm tra, giám sát "
            f"{format_number(figures.supervised_units)} tổ chức cơ sở đảng về việc nghiên cứu, học tập, quán "
            f"triệt và tuyên truyền {what}.",
        )


def _innovation(draft: Draft, committee: Committee, figures: TermFigures) -> None:
    draft.add(
        "II.1.6",
        "point",
        "1.6. Đánh giá việc đổi mới công tác nghiên cứu, học tập, quán triệt, tuyên truyền so với các nhiệm kỳ trước",
    )
    if figures.conferences:
        draft.footnotes["conferences"] = (
            "; ".join(conference_sentence(conference).rstrip(".") for conference in figures.conferences) + "."
        )
        draft.add(
            "II.1.6.1",
            "paragraph",
            "Điểm mới trong công tác tổ chức học tập nghị quyết là đẩy mạnh tổ chức các hội nghị học tập, quán "
            f"triệt, tuyên truyền theo hình thức trực tuyến: {format_number(len(figures.conferences))} hội nghị "
            f"trực tuyến kết nối đến các điểm cầu cơ sở[^conferences].",
        )
    if figures.channels:
        channels = ", ".join(f"“{c.name}” với {format_number(c.members)} thành viên" for c in figures.channels)
        draft.add(
            "II.1.6.2",
            "paragraph",
            "Tận dụng ưu thế của internet và mạng xã hội, các cơ quan, đơn vị tuyên truyền các chỉ thị, nghị quyết "
            f"của Đảng đến cán bộ, đảng viên và nhân dân qua các trang, nhóm như: {channels}.",
        )
    draft.suggest("II.1.6.3", INNOVATION)


def _steps(draft: Draft, figures: TermFigures) -> None:
    draft.add("II.1.7", "point", "1.7. Quy trình các bước tổ chức Hội nghị")
    phrases = [
        f"{STEP_PHRASES[row.step]} ở {format_number(row.on_time)}/{format_number(row.conferences)} hội nghị"
        for row in figures.preparation
        if row.step != PreparationStep.Step.LINE_TEST
    ]
    quality = figures.line_quality
    if quality.tested:
        phrases.insert(1, f"thử đường truyền trước hội nghị ở {tested_lines(quality)}")
    if phrases:
        draft.add("II.1.7.1", "paragraph", f"- Các bước chuẩn bị được thực hiện đúng thời hạn: {'; '.join(phrases)}.")
    draft.suggest("II.1.7.2", STEPS)


STEP_PHRASES = {
    PreparationStep.Step.INVITATIONS: f"phát hành giấy mời trước hội nghị {DAYS_BEFORE['invitations']} ngày trở lên",
    PreparationStep.Step.SEATING: "trang trí hội trường, bố trí chỗ ngồi trước hội nghị 1 ngày",
    PreparationStep.Step.HEADCOUNT: "chốt và báo cáo số lượng đại biểu dự kiến trước hội nghị 1 ngày",
    PreparationStep.Step.ATTENDEE_LIST: "lập danh sách đại biểu tham dự ngay sau hội nghị",
    PreparationStep.Step.ABSENTEE_LIST: "lập danh sách đại biểu không tham dự ngay sau hội nghị",
}


def _limitations(draft: Draft, period: Period, figures: TermFigures) -> None:
    draft.add("II.2", "subsection", "2. Hạn chế, yếu kém")
    lines = []
    copied = copied_documents(period.committee, period.starts_on, period.ends_on)
    if copied:
        units = list(dict.fromkeys(document.unit.name for document in copied))
        lines.append(
            "- Việc xây dựng chương trình hành động, kế hoạch thực hiện của một số cấp ủy cơ sở còn hình thức, "
            f"sao chép nội dung của cấp trên (*{join_names(units)}*)."
        )
    for rates in (row for row in figures.rates if row.is_low):
        campaign = rates.campaign
        lines.append(
            f"- Tỷ lệ đảng viên học tập {campaign.short_name or campaign.name} chưa đạt "
            f"{format_number(campaign.participation_threshold.normalize())}% "
            f"({format_ratio(rates.party_members)})."
        )
    if late_steps := [row for row in figures.preparation if row.on_time < row.conferences]:
        steps = "; ".join(
            f"{PreparationStep.Step(row.step).label.lower()} chậm ở {format_number(row.conferences - row.on_time)}/"
            f"{format_number(row.conferences)} hội nghị"
            for row in late_steps
        )
        lines.append(f"- Một số bước chuẩn bị hội nghị chưa đúng thời hạn: {steps}.")
    if late := late_units(period):
        lines.append(f"- Một số chi, đảng bộ báo cáo kết quả học tập chưa kịp thời (*{join_names(late)}*).")
    for n, line in enumerate(lines or ["- Không có hạn chế nào được ghi nhận từ số liệu."], 1):
        draft.add(f"II.2.{n}", "paragraph", line)


def _rates_sentence(figures: TermFigures) -> str:
    """'tỷ lệ đảng viên tham gia học tập đạt từ 98% trở lên, … đạt trung bình 90%': over the campaigns."""
    lowest, mean = figures.lowest_party_member_rate, figures.mean_non_member_rate
    parts = []
    if lowest is not None:
        floor = math.floor(lowest)
        parts.append("tỷ lệ đảng viên tham gia học tập " + ("đạt 100%" if floor == 100 else f"đạt từ {floor}% trở lên"))
    if mean is not None:
        parts.append(
            "tỷ lệ cán bộ, công chức, viên chức, hội viên, đoàn viên chưa là đảng viên đạt trung bình "
            f"{math.floor(mean + HALF)}%"
        )
    if not parts:
        return ""
    campaigns = format_number(len(figures.rates))
    return f"Qua {campaigns} đợt nghiên cứu, học tập, quán triệt trong thời gian qua, {', '.join(parts)}."


# Paragraphs the data cannot write: usual wording offered to staff, who edit or keep each before approval.
ROLES = (
    "Ban Thường vụ cấp ủy và người đứng đầu tổ chức đảng chủ trì, chịu trách nhiệm về việc tổ chức học tập, quán "
    "triệt; phân công các đồng chí trong Ban Thường vụ trực tiếp truyền đạt nghị quyết."
)
PREPARATION = (
    "- Về tài liệu, đối tượng và báo cáo viên: tài liệu được cấp phát kịp thời, đúng đối tượng; báo cáo viên được "
    "lựa chọn, phân công chuẩn bị nội dung phù hợp với từng hội nghị."
)
QUALITY = (
    "- Công tác tổ chức nghiêm túc, chặt chẽ; tài liệu học tập đáp ứng nhu cầu nghiên cứu của từng đối tượng; báo "
    "cáo viên truyền đạt rõ điểm mới, trọng tâm của nghị quyết."
)
AWARENESS = (
    "- Cán bộ, đảng viên nghiêm túc tham gia học tập, nắm được những nội dung cơ bản, điểm mới của các nghị "
    "quyết, chỉ thị, kết luận."
)
PROPAGANDA = (
    "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tuyên truyền, phổ biến nghị quyết đến hội viên, đoàn viên "
    "và nhân dân bằng nhiều hình thức phù hợp."
)
INNOVATION = (
    "Hình thức học tập được đổi mới, kết hợp học tập trực tiếp với trực tuyến, phù hợp với điều kiện của từng địa "
    "phương, đơn vị."
)
STEPS = (
    "- Hội nghị do cấp ủy cơ sở tổ chức: cấp ủy cơ sở quyết định hình thức, đối tượng, địa điểm học tập và tổng "
    "hợp, báo cáo kết quả về cấp trên."
)
CAUSES = (
    "Một số cấp ủy cơ sở chưa quan tâm đúng mức đến công tác học tập, quán triệt nghị quyết; cán bộ làm công tác "
    "tuyên giáo cơ sở phần lớn kiêm nhiệm."
)
PROBLEMS = (
    "- Chất lượng học tập, quán triệt ở một bộ phận cán bộ, đảng viên cơ sở chưa cao; việc tổng hợp, báo cáo kết "
    "quả ở cơ sở chưa kịp thời."
)
LESSONS = (
    "- Xác định rõ vai trò của cấp ủy, người đứng đầu; tổ chức học tập linh hoạt, phù hợp từng đối tượng; kết hợp "
    "học tập với tuyên truyền và kiểm tra, đánh giá sau mỗi đợt."
)
TASKS = (
    "- Nâng cao trách nhiệm của cấp ủy, người đứng đầu; nâng cao chất lượng báo cáo viên; xây dựng chương trình "
    "hành động sát thực tiễn địa phương, đơn vị; tăng cường kiểm tra, giám sát việc học tập, quán triệt."
)
