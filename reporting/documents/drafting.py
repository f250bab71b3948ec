"""The report's text, drafted from the data: every figure from the shared selectors.

The structure follows the Tam Đường seed: opening; I. leadership; II.
results (1. study: a) the committee's own level, b) grassroots; 2.
propaganda); III. limitations and causes; IV. tasks. Sentences naming units
(limitations) come from the per-unit rows the dashboard shows.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Q, Sum, Value, When
from django.utils.translation import gettext as _

from conferences.document_types import DocumentType
from conferences.models import Attendance, Campaign, Committee, Conference, DirectingDocument
from conferences.selectors import with_totals
from reporting.documents.names import join_names, localities_phrase
from reporting.documents.summary import summary_lines
from reporting.figures.formatting import format_number, format_rate, format_ratio
from reporting.figures.rates import Ratio
from reporting.figures.selectors import CampaignFigures, campaign_figures
from reporting.figures.units import Timeliness, UnitRow, completeness, unit_rows
from reporting.models import OrganisationOutreach, UnitResult

# What a committee of each kind is called in a sentence, and its area.
BODY = {
    Committee.Kind.PROVINCE: "Tỉnh ủy",
    Committee.Kind.DISTRICT: "Huyện ủy",
    Committee.Kind.GRASSROOTS: "Đảng ủy",
    Committee.Kind.CELL: "Chi bộ",
}
AREA = {
    Committee.Kind.PROVINCE: "tỉnh",
    Committee.Kind.DISTRICT: "huyện",
    Committee.Kind.GRASSROOTS: "cơ sở",
    Committee.Kind.CELL: "chi bộ",
}
FROM_LEVEL = {Conference.Level.CENTRE: "Trung ương", Conference.Level.PROVINCE: "tỉnh"}

CAUSES = (
    "- Một số cấp ủy, tổ chức đảng cơ sở chưa chủ động, linh hoạt trong triển khai thực hiện; công tác theo dõi, "
    "kiểm tra, giám sát, đôn đốc chưa được quan tâm; chưa chú trọng đổi mới, nâng cao chất lượng, hiệu quả việc "
    "học tập, quán triệt, tuyên truyền nghị quyết ở địa phương, cơ quan, đơn vị.",
    "- Năng lực của một số cán bộ, đảng viên tổng hợp, xây dựng báo cáo kết quả học tập còn hạn chế; chưa chủ "
    "động, sát sao, thiếu tinh thần trách nhiệm.",
)
TASKS = (
    "- Tiếp tục chỉ đạo các cấp ủy, tổ chức đảng tổ chức học tập, quán triệt cho cán bộ, đảng viên chưa tham gia "
    "học tập; xây dựng chương trình hành động, kế hoạch thực hiện sát với thực tiễn của địa phương, đơn vị.",
    "- Tăng cường kiểm tra, giám sát, đôn đốc việc học tập, quán triệt, tuyên truyền và chế độ báo cáo; kịp thời "
    "chấn chỉnh các đơn vị báo cáo chậm, tỷ lệ đảng viên tham gia học tập thấp.",
)


@dataclass
class Draft:
    """Blocks as (key, kind, text) and footnotes by key, as generated from the data."""

    summary: list[str]
    blocks: list[tuple[str, str, str]] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    # Paragraphs the data does not write (roles, causes, tasks), or a judgement on it: suggestions staff must edit
    # or confirm; with a note of what to look at where the usual one ("not drawn from the data") would mislead.
    suggested: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, kind: str, text: str) -> None:
        self.blocks.append((key, kind, text))

    def suggest(self, key: str, text: str, *, note: str = "") -> None:
        """A paragraph of usual wording, not drawn from this committee's data: approval waits until staff
        have edited or kept it."""
        self.add(key, "paragraph", text)
        self.suggested.append(key)
        if note:
            self.notes[key] = note

    def finish(self) -> "Draft":
        """Leave out headings with nothing under them, and letter each part's items a), b) … in order."""
        kept = [
            block
            for n, block in enumerate(self.blocks)
            if block[1] not in HEADING_LEVELS or _has_content(self.blocks[n + 1 :], HEADING_LEVELS[block[1]])
        ]
        self.blocks, letter = [], 0
        for key, kind, text in kept:
            letter = 0 if kind in ("section", "subsection", "point") else letter
            if kind == "item":
                text = f"{chr(ord('a') + letter)}) {ITEM_LETTER.sub('', text)}"
                letter += 1
            self.blocks.append((key, kind, text))
        return self


# How deep each kind of heading sits; a paragraph is below them all.
HEADING_LEVELS = {"section": 1, "subsection": 2, "point": 3, "item": 3}
ITEM_LETTER = re.compile(r"^[a-z]\) ")


def _has_content(following: list[tuple[str, str, str]], level: int) -> bool:
    """Whether a paragraph comes before the next heading at ``level`` or above."""
    for _key, kind, _text in following:
        if kind not in HEADING_LEVELS:
            return True
        if HEADING_LEVELS[kind] <= level:
            return False
    return False


def short_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def cite(document: DirectingDocument, *, with_issuer: bool = True) -> str:
    """Kế hoạch số 216-KH/TU, ngày 28/11/2023 của Ban Thường vụ Tỉnh ủy"""
    text = f"{DocumentType(document.kind).label} số {document.number}, ngày {short_date(document.issued_on)}"
    return f"{text} của {document.issuer}" if with_issuer else text


def percent(ratio: Ratio) -> str:
    """100% for all, else one decimal: 95,0%."""
    if ratio.rate is None:
        return "0%"
    return "100%" if ratio.rate == 100 else format_rate(ratio.rate)


def months_between(start: datetime.date, end: datetime.date) -> str:
    """tháng 12/2023, tháng 01/2024"""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"tháng {month:02d}/{year}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ", ".join(months)


def studied_name(campaign: Campaign, resolutions: list) -> str:
    """các nghị quyết Hội nghị Trung ương 8, when they come from one plenum."""
    plenums = {r.plenum for r in resolutions}
    if resolutions and len(plenums) == 1 and None not in plenums:
        plenum = plenums.pop()
        return (
            f"các nghị quyết Hội nghị Trung ương {plenum}"
            if len(resolutions) > 1
            else (f"Nghị quyết Hội nghị Trung ương {plenum}")
        )
    return campaign.short_name or campaign.name


def draft_report(*, campaign: Campaign, committee: Committee) -> Draft:
    figures = campaign_figures(campaign=campaign, committee=committee)
    rows = unit_rows(campaign=campaign, committee=committee)
    documents = list(campaign.directing_documents.all())
    resolutions = list(campaign.resolutions.order_by("number"))
    body, area = BODY[committee.kind], AREA[committee.kind]
    short = campaign.short_name or campaign.name
    superior = Committee.objects.get_parent(committee)

    draft = Draft(summary=summary_lines(f"kết quả nghiên cứu, học tập, quán triệt, tuyên truyền {campaign.name}"))
    _opening(draft, campaign, committee, documents, short)
    _leadership(draft, campaign, committee, documents, resolutions, superior, body, area, short)
    draft.add("II", "section", "II. KẾT QUẢ TRIỂN KHAI")
    draft.add("II.1", "subsection", "1. Công tác tổ chức nghiên cứu, học tập, quán triệt Nghị quyết")
    _own_level(draft, campaign, committee, figures, resolutions, area)
    _grassroots(draft, campaign, committee, figures, rows, short)
    _propaganda(draft, campaign, committee, figures, resolutions, rows, area, short)
    _limitations(draft, campaign, rows, area)
    draft.add("IV", "section", "IV. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI")
    for n, text in enumerate(TASKS, 1):
        draft.suggest(f"IV.{n}", text)
    return draft.finish()


def _broadcast(figures: CampaignFigures) -> str:
    """7 tin, 2 bài với thời lượng 20 phút; what is nought is left unsaid (1 tin; với thời lượng 20 phút)."""
    counts = ((figures.radio_tv_news, "tin"), (figures.radio_tv_articles, "bài"))
    items = ", ".join(f"{format_number(count)} {what}" for count, what in counts if count)
    duration = f"với thời lượng {format_number(figures.radio_tv_minutes)} phút" if figures.radio_tv_minutes else ""
    return " ".join(part for part in (items, duration) if part)


def _opening(draft: Draft, campaign, committee, documents, short: str) -> None:
    """The superior's document the report answers; else the committee's own plan; else the campaign itself."""
    superior_documents = [d for d in documents if d.from_superior]
    own_plans = [d for d in documents if not d.from_superior and d.kind == DocumentType.PLAN]
    called = f" (gọi tắt là {short})" if campaign.short_name else ""
    reports = f"Ban Thường vụ {committee.name} báo cáo kết quả"
    if not superior_documents and not own_plans:
        text = f"{reports} nghiên cứu, học tập, quán triệt, tuyên truyền {campaign.name}{called} như sau:"
    elif not superior_documents or superior_documents[0].kind != DocumentType.LETTER:
        document = (superior_documents or own_plans)[0]
        text = f"Thực hiện {cite(document)} {document.subject}{called}, {reports} như sau:"
    else:  # a letter asking for the report: the campaign is named after it
        document = superior_documents[0]
        text = (
            f"Thực hiện {cite(document)} {document.subject}, {reports} nghiên cứu, học tập, quán triệt, tuyên "
            f"truyền {campaign.name}{called} như sau:"
        )
    draft.add("opening", "paragraph", text)


def _leadership(draft, campaign, committee, documents, resolutions, superior, body, area, short) -> None:
    draft.add("I", "section", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO")
    own = sorted(
        (d for d in documents if not d.from_superior), key=lambda d: (d.kind != DocumentType.PLAN, d.issued_on)
    )
    call = "[^own_documents]" if own else ""
    if own:
        draft.footnotes["own_documents"] = " ".join(f"{cite(d, with_issuer=False)} {d.subject}." for d in own)
    if resolutions:
        draft.footnotes["resolutions"] = " ".join(
            _resolution_citation(resolution, first=n == 0) for n, resolution in enumerate(resolutions)
        )
    superior_body = BODY[superior.kind] if superior else "cấp trên"
    draft.add(
        "I.1",
        "paragraph",
        f"Bám sát sự chỉ đạo của {superior_body}, Ban Thường vụ {body} đã kịp thời ban hành kế hoạch, văn bản chỉ "
        f"đạo{call} tổ chức học tập, quán triệt, tuyên truyền và triển khai thực hiện {campaign.name}"
        f"{'[^resolutions]' if resolutions else ''} kịp thời, phù hợp với đặc điểm, tình hình thực tiễn của {area}.",
    )
    draft.suggest(
        "I.2",
        "Chỉ đạo các chi, đảng bộ cơ sở xây dựng kế hoạch, tổ chức học tập, quán triệt cho cán bộ, đảng viên theo "
        "tinh thần đổi mới, nghiêm túc, thiết thực, hiệu quả. Chỉ đạo Mặt trận Tổ quốc và các đoàn thể chính trị - "
        "xã hội đổi mới phương pháp, hình thức tuyên truyền phù hợp, đưa nghị quyết sớm đi vào cuộc sống.",
    )
    draft.add(
        "I.3",
        "paragraph",
        f"Chỉ đạo Ban Tuyên giáo {body} theo dõi, nắm tình hình, đôn đốc và tổng hợp, báo cáo kết quả tổ chức "
        f"nghiên cứu, học tập, quán triệt, tuyên truyền {short} đảm bảo yêu cầu quy định.",
    )


def _resolution_citation(resolution, *, first: bool) -> str:
    label = f"{resolution.get_kind_display()} số {resolution.number}"
    if first and resolution.issued_on:
        term = f" khóa {resolution.term}" if resolution.term else ""
        label += f", ngày {short_date(resolution.issued_on)} của {resolution.issuing_body}{term}"
    return f"{label} {resolution.title}."


def _own_level(draft, campaign, committee, figures: CampaignFigures, resolutions, area) -> None:
    """The committee's own level: the online conference from above it joined, then those it held itself."""
    paragraphs = [*_linked_from_above(campaign, committee, figures, resolutions, area), *_held(campaign, committee)]
    if paragraphs:
        draft.add("II.1.a", "item", f"a) Cấp {area}")
    for key, text in paragraphs:
        draft.add(key, "paragraph", text)


def _linked_from_above(campaign, committee, figures: CampaignFigures, resolutions, area) -> list[tuple[str, str]]:
    own = next((row for row in figures.site_participation if row.at_own_sites), None)
    if own is None or own.level not in FROM_LEVEL:
        return []
    conference = Conference.objects.get(pk=own.conference_id)
    sites = list(
        Attendance.objects.filter(conference=conference, unit=committee, site__isnull=False)
        .values_list("site__name", flat=True)
        .distinct()
    )
    if len(sites) == 1:
        where = "điểm cầu " + sites[0].removeprefix("Điểm cầu ").removeprefix("điểm cầu ")
    else:
        where = f"{format_number(own.sites)} điểm cầu của {area}"
    audience = f" Thành phần gồm {conference.audience.rstrip('.')}." if conference.audience else ""
    text = (
        f"Kết nối học tập {studied_name(campaign, resolutions)} theo hình thức trực tuyến từ {FROM_LEVEL[own.level]} "
        f"ngày {short_date(own.date)} với {format_number(own.participants)} người tham dự tại {where}.{audience}"
    )
    return [("II.1.a.1", text)]


def _held(campaign: Campaign, committee: Committee) -> list[tuple[str, str]]:
    """Each conference the committee held itself, with its sites and delegates as far as attendance was entered."""
    held = with_totals(
        Conference.objects.filter(campaign=campaign, host=committee).exclude(level__in=FROM_LEVEL),
        committee.subtree(),
    ).order_by("date", "pk")
    paragraphs = []
    for conference in held:
        title = conference.title[:1].lower() + conference.title[1:]
        text = f"Tổ chức {title.rstrip('.')} ngày {short_date(conference.date)}"
        if conference.site_count:
            text += f" tại {format_number(conference.site_count)} điểm cầu"
        if conference.delegates:
            text += f" với {format_number(conference.delegates)} đại biểu tham dự"
        paragraphs.append((f"II.1.a.held-{conference.pk}", text + "."))
    return paragraphs


def _grassroots(draft, campaign, committee, figures: CampaignFigures, rows: list[UnitRow], short: str) -> None:
    draft.add("II.1.b", "item", "b) Cấp cơ sở")
    _grassroots_sites(draft, committee, figures)
    _grassroots_replays(draft, campaign, committee, figures, rows)
    if figures.cell_meetings:
        draft.add(
            "II.1.b.3",
            "paragraph",
            "- Các chi bộ cơ sở phổ biến, quán triệt lồng ghép trong các buổi sinh hoạt chi bộ, cơ quan "
            f"{months_between(campaign.starts_on, campaign.ends_on)}.",
        )
    draft.add("II.1.c", "paragraph", _general_result(campaign, committee, figures, short))


def _general_result(campaign: Campaign, committee: Committee, figures: CampaignFigures, short: str) -> str:
    """The grassroots' figures in one sentence, naming only what was held; plainly said when nothing is."""
    if not figures.units_reported:
        return f"Kết quả chung: chưa có chi, đảng bộ nào báo cáo kết quả học tập, quán triệt {short}."
    # Only accepted figures count: a unit whose result waits has not yet reported, as section III names it.
    reported = completeness(campaign=campaign, committee=committee).counted
    held = [
        f"{format_number(count)} {what}"
        for count, what in ((figures.conferences, "hội nghị"), (figures.cell_meetings, "buổi sinh hoạt chi bộ"))
        if count
    ]
    text = f"Kết quả chung: {percent(reported)} các chi, đảng bộ đã triển khai học tập, quán triệt {short}"
    text += f" với {', '.join(held)}" if held else ""
    text += f" cho {format_number(figures.people)} người" if figures.people else ""
    ratios = [
        f"{who} {format_ratio(ratio)}"
        for who, ratio in (
            ("đảng viên", figures.party_members),
            ("cán bộ, công chức, viên chức, người lao động chưa là đảng viên", figures.non_members),
        )
        if ratio.total
    ]
    return text + (f"; trong đó {'; '.join(ratios)}." if ratios else ".")


def _grassroots_sites(draft: Draft, committee: Committee, figures: CampaignFigures) -> None:
    """The grassroots sites at the online conference from above, and who attended there."""
    below = next((row for row in figures.site_participation if not row.at_own_sites), None)
    if below is not None and below.level in FROM_LEVEL:
        owners = (
            Attendance.objects.filter(
                conference_id=below.conference_id, unit__path__startswith=committee.path, site__isnull=False
            )
            .exclude(site__committee=committee)
            .values_list("unit__locality", "unit__short_name", "unit__name")
            .order_by("unit__path")
        )
        localities = [locality for locality, _, _ in owners if locality]
        others = [short_name or name for locality, short_name, name in owners if not locality]
        parts = ([f"các {localities_phrase(localities)}"] if localities else []) + others
        grassroots = Conference.objects.get(pk=below.conference_id).grassroots_audience.rstrip(".")
        audience = f" Thành phần gồm {grassroots}." if grassroots else ""
        draft.add(
            "II.1.b.1",
            "paragraph",
            f"- {format_number(below.sites)} điểm cầu {', '.join(parts)} kết nối học tập tại hội nghị trực tuyến từ "
            f"{FROM_LEVEL[below.level]} với {format_number(below.participants)} người tham gia.{audience}",
        )


def _grassroots_replays(draft: Draft, campaign, committee, figures: CampaignFigures, rows: list[UnitRow]) -> None:
    """The communes that replayed the conference for those who missed it."""
    communes = [row for row in rows if row.locality]
    if figures.conferences_replay and communes:
        with_replay = [row for row in communes if row.conferences_replay]
        footnote = f"{len(with_replay)}/{len(communes)} {localities_phrase([row.locality for row in communes])}"
        cells = _cells_with_replay(campaign, committee)
        if cells:
            footnote += f"; các chi bộ trực thuộc {join_names(cells)}"
        draft.footnotes["replays"] = footnote + "."
        draft.add(
            "II.1.b.2",
            "paragraph",
            f"- Đảng ủy các {localities_phrase([row.locality for row in communes])} tiếp tục tổ chức hội nghị tập "
            "trung quán triệt cho cán bộ, đảng viên chưa tham gia học[^replays] bằng hình thức phát lại video ghi "
            "hình hội nghị Trung ương.",
        )


def _cells_with_replay(campaign: Campaign, committee: Committee) -> list[str]:
    """Committees below the units whose own cells held replay conferences (the seed's school cells)."""
    steplen = Committee.steplen
    paths = (
        UnitResult.objects.counted(campaign=campaign, committee=committee)
        .filter(unit__depth__gt=committee.depth + 1, conferences_replay__gt=0)
        .values_list("unit__path", flat=True)
        .order_by("unit__path")
    )
    parents = sorted({path[:-steplen] for path in paths})
    return list(Committee.objects.filter(path__in=parents).order_by("path").values_list("name", flat=True))


def _propaganda(draft, campaign, committee, figures, resolutions, rows, area, short) -> None:
    draft.add("II.2", "subsection", "2. Công tác tuyên truyền")
    if figures.outreach:
        draft.footnotes["outreach"] = _outreach_footnote(campaign, committee, area)
        draft.add(
            "II.2.1",
            "paragraph",
            f"- Mặt trận Tổ quốc, đoàn thể chính trị - xã hội {area} xây dựng kế hoạch; chỉ đạo tổ chức đoàn thể ở cơ "
            "sở triển khai tuyên truyền cho trưởng ban công tác mặt trận, bí thư chi đoàn, chi hội trưởng, hội viên "
            f"của tổ chức mình. Kết quả được {format_number(figures.outreach_sessions)} buổi cho "
            f"{format_number(figures.outreach_people)} lượt người[^outreach].",
        )
    if figures.radio_tv_news or figures.radio_tv_articles or figures.radio_tv_minutes:
        draft.add(
            "II.2.2",
            "paragraph",
            f"- Đài Truyền thanh - Truyền hình {area} đưa tin phản ánh công tác quán triệt học tập, tuyên truyền "
            f"{short} do các cấp triển khai; tuyên truyền trên hệ thống truyền thanh, truyền hình "
            f"{_broadcast(figures)}.",
        )
    if figures.propaganda_sessions:
        communes = [row.locality for row in rows if row.locality]
        who = f"Đảng ủy các {localities_phrase(communes)}" if communes else "Các cấp ủy cơ sở"
        cited = ", ".join(f"{r.get_kind_display()} số {r.number}" for r in resolutions) or short
        draft.add(
            "II.2.3",
            "paragraph",
            f"- {who} chỉ đạo Ủy ban MTTQ và các tổ chức đoàn thể chính trị - xã hội, đội ngũ báo cáo viên, tuyên "
            "truyền viên, bộ phận văn hóa - thông tin xã tập trung tuyên truyền những nội dung cốt lõi của "
            f"{cited} tới đoàn viên, hội viên, quần chúng nhân dân trên địa bàn. Kết quả, tuyên truyền được "
            f"{format_number(figures.propaganda_sessions)} buổi cho {format_number(figures.propaganda_people)} "
            "lượt người.",
        )


def _outreach_footnote(campaign: Campaign, committee: Committee, area: str) -> str:
    """Each organisation's sessions, split between the committee's own level and the grassroots."""
    own_level = Q(result__unit__depth=committee.depth + 1, result__unit__kind=Committee.Kind.CELL)
    rows = (
        OrganisationOutreach.objects.counted(campaign=campaign, committee=committee)
        .annotate(level=Case(When(own_level, then=Value("own")), default=Value("base"), output_field=CharField()))
        .values("organisation__order", "organisation__name", "organisation__added_by", "level")
        .annotate(sessions=Sum("sessions"), people=Sum("people"))
        .order_by("organisation__order", "organisation__name", "-level")
    )
    sentences: dict[str, list[str]] = {}
    for row in rows:
        # A name one unit added (Chi đoàn thôn Sin Chải) is already where it worked: no level after it.
        where = "" if row["organisation__added_by"] else f"cấp {area} " if row["level"] == "own" else "cơ sở "
        sentences.setdefault(row["organisation__name"], []).append(
            f"{where}tuyên truyền {format_number(row['sessions'])} buổi với {format_number(row['people'])} lượt người"
        )
    return " ".join(f"{name} {'; '.join(parts)}." for name, parts in sentences.items())


def _limitations(draft: Draft, campaign: Campaign, rows: list[UnitRow], area: str) -> None:
    draft.add("III", "section", "III. HẠN CHẾ VÀ NGUYÊN NHÂN")
    draft.add("III.1", "subsection", "1. Hạn chế")
    no_follow_up = [row.name for row in rows if row.conferences_online and not row.conferences_follow_up]
    low = sorted((row for row in rows if row.below_threshold), key=lambda row: row.party_members.rate)
    sentences = []
    if no_follow_up:
        sentences.append(
            "Một số cấp ủy cơ sở chưa quan tâm tổ chức hội nghị quán triệt cho cán bộ, đảng viên sau khi học trực "
            f"tuyến (*{join_names(no_follow_up)}*)."
        )
    if low:
        sentences.append(
            "Tỷ lệ đảng viên được nghiên cứu, học tập, quán triệt ở một số đơn vị chưa cao "
            f"(*{join_names([row.name for row in low])}*)."
        )
    if sentences:
        draft.add("III.1.1", "paragraph", "- " + " ".join(sentences))
    # Only accepted figures count, so a unit without them has not reported, whatever it sent.
    counted = [row for row in rows if row.status == UnitResult.Status.ACCEPTED]
    # Late by their first sending; a result sent again after a return shows the quality of its report.
    late = [row for row in counted if row.timeliness == Timeliness.LATE or row.resent]
    if late:
        text = (
            "- Một số chi, đảng bộ chưa chấp hành nghiêm chế độ báo cáo, chất lượng tổng hợp, báo cáo kết quả về "
            f"{area} còn hạn chế (*{join_names([row.name for row in late])}*)."
        )
        # Late is a date; a report sent again after one return is a judgement of its quality, which staff confirm.
        if resent := [row.name for row in late if row.timeliness != Timeliness.LATE]:
            note = (
                f"Đoạn này nêu cả đơn vị gửi đúng hạn nhưng bị trả lại rồi gửi lại ({join_names(resent)}): giữ, sửa "
                "hoặc bỏ tên đơn vị đó. Chưa xem lại thì chưa duyệt được."
            )
            draft.suggest("III.1.2", text, note=note)
        else:
            draft.add("III.1.2", "paragraph", text)
    missing = [row.name for row in rows if row.status != UnitResult.Status.ACCEPTED]
    if missing:
        draft.add(
            "III.1.3",
            "paragraph",
            f"- Còn {format_number(len(missing))} đơn vị chưa gửi báo cáo kết quả (*{join_names(missing)}*).",
        )
    if not (sentences or late or missing):
        draft.add("III.1.1", "paragraph", _("- Không có hạn chế nào được ghi nhận từ số liệu."))
    draft.add("III.2", "subsection", "2. Nguyên nhân")
    for n, text in enumerate(CAUSES, 1):
        draft.suggest(f"III.2.{n}", text)
