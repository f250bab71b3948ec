"""How a report words its figures, shared by the report and the command line."""

from django.utils.formats import date_format

from reporting.figures.formatting import format_number, format_ratio
from reporting.figures.selectors import CampaignFigures
from reporting.figures.units import Completeness


def conference_sentence(conference) -> str:
    """'… có 16 điểm cầu với 324 đại biểu tham dự.' for a conference annotated by
    ``conferences.selectors.with_totals``."""
    return (
        f"{conference.title} có {format_number(conference.site_count)} điểm cầu với "
        f"{format_number(conference.delegates)} đại biểu tham dự."
    )


def tested_lines(quality) -> str:
    """'18/19 lượt điểm cầu (1 lượt không đạt)': the site turns whose line was tested beforehand, of all."""
    failed = f" ({format_number(quality.failed)} lượt không đạt)" if quality.failed else ""
    return f"{format_number(quality.tested)}/{format_number(quality.site_turns)} lượt điểm cầu{failed}"


def line_quality_sentence(quality) -> str:
    """'Thử đường truyền trước ở 15/16 lượt điểm cầu; 1/16 lượt điểm cầu mất âm thanh hoặc hình ảnh.'"""
    turns = format_number(quality.site_turns)
    tested = f"Thử đường truyền trước ở {tested_lines(quality)}; " if quality.tested else ""
    if quality.lost:
        lost = f"{format_number(quality.lost)}/{turns} lượt điểm cầu mất âm thanh hoặc hình ảnh."
    else:
        lost = "không lượt điểm cầu nào mất âm thanh hay hình ảnh."
    return tested + (lost if tested else lost[0].upper() + lost[1:])


def figure_lines(figures: CampaignFigures) -> list[str]:
    """The rolled-up figures, one phrase a line, worded as the report words them."""
    n = format_number
    lines = [
        f"đảng viên {format_ratio(figures.party_members)}",
        f"CB-CC-VC-NLĐ chưa là đảng viên {format_ratio(figures.non_members)}",
        f"{n(figures.conferences)} hội nghị",
        f"{n(figures.cell_meetings)} buổi sinh hoạt chi bộ",
        f"{n(figures.people)} người",
        f"{n(figures.conferences_online)} hội nghị trực tuyến, {n(figures.conferences_in_person)} hội nghị "
        f"trực tiếp, {n(figures.conferences_replay)} hội nghị phát lại video"
        + (f", {n(figures.conferences_other)} hội nghị hình thức khác" if figures.conferences_other else ""),
    ]
    for row in figures.site_participation:
        where = "điểm cầu của cấp ủy" if row.at_own_sites else "điểm cầu cấp dưới"
        lines.append(
            f"{row.title} ngày {date_format(row.date, 'd/m/Y')}: {n(row.sites)} {where} "
            f"với {n(row.participants)} người tham dự"
        )
    if figures.outreach:
        lines.append(
            f"Mặt trận, đoàn thể tuyên truyền {n(figures.outreach_sessions)} buổi "
            f"cho {n(figures.outreach_people)} lượt người"
        )
        lines.extend(
            f"- {row.organisation}: {n(row.sessions)} buổi, {n(row.people)} lượt người" for row in figures.outreach
        )
    lines += [
        f"cấp ủy chỉ đạo tuyên truyền {n(figures.propaganda_sessions)} buổi "
        f"cho {n(figures.propaganda_people)} lượt người",
        f"phát thanh, truyền hình {n(figures.radio_tv_news)} tin, {n(figures.radio_tv_articles)} bài "
        f"với thời lượng {n(figures.radio_tv_minutes)} phút",
        f"{n(figures.action_programmes)} chương trình hành động, {n(figures.implementation_plans)} kế hoạch thực hiện",
        f"{n(figures.units_reported)} báo cáo kết quả được tính (của mọi cấp)",
    ]
    return lines


def completeness_lines(completeness: Completeness) -> list[tuple[str, object, str]]:
    """Where the units directly under the committee stand with their reports, as the dashboard shows it, in
    label | value | unit rows for a workbook's summary sheet."""
    from reporting.workbooks import Rate

    lines = [("Đơn vị trực thuộc", completeness.units, "đơn vị")]
    for label, ratio in (
        ("Đơn vị đã gửi báo cáo", completeness.reported),
        ("Đúng hạn", completeness.on_time),
        ("Muộn", completeness.late),
        ("Bị trả lại", completeness.returned),
        ("Chưa gửi", completeness.missing),
    ):
        lines += [(label, ratio.attended, "đơn vị"), (f"Tỷ lệ {label[0].lower()}{label[1:]}", Rate(ratio.rate), "%")]
    return lines


def summary_lines(figures: CampaignFigures) -> list[tuple[str, object, str]]:
    """The rolled-up figures as label | value | unit rows, for a workbook's summary sheet."""
    from reporting.workbooks import Rate  # the workbook's cell types; wording knows no spreadsheet otherwise

    lines = [
        ("Báo cáo kết quả được tính (của mọi cấp)", figures.units_reported, "báo cáo"),
        ("Đảng viên tham gia học tập", figures.party_members.attended, "người"),
        ("Tổng số đảng viên", figures.party_members.total, "người"),
        ("Tỷ lệ đảng viên tham gia", Rate(figures.party_members.rate), "%"),
        ("CB-CC-VC-NLĐ chưa là đảng viên tham gia", figures.non_members.attended, "người"),
        ("Tổng số CB-CC-VC-NLĐ chưa là đảng viên", figures.non_members.total, "người"),
        ("Tỷ lệ CB-CC-VC-NLĐ chưa là đảng viên tham gia", Rate(figures.non_members.rate), "%"),
        ("Hội nghị", figures.conferences, "hội nghị"),
        ("Hội nghị trực tuyến", figures.conferences_online, "hội nghị"),
        ("Hội nghị trực tiếp", figures.conferences_in_person, "hội nghị"),
        ("Hội nghị phát lại video", figures.conferences_replay, "hội nghị"),
        ("Hội nghị hình thức khác", figures.conferences_other, "hội nghị"),  # the four add up to the conferences
        ("Buổi sinh hoạt chi bộ", figures.cell_meetings, "buổi"),
        ("Người tham gia học tập", figures.people, "người"),
        ("Mặt trận, đoàn thể tuyên truyền", figures.outreach_sessions, "buổi"),
        ("Lượt người được Mặt trận, đoàn thể tuyên truyền", figures.outreach_people, "lượt người"),
        ("Cấp ủy chỉ đạo tuyên truyền", figures.propaganda_sessions, "buổi"),
        ("Lượt người được tuyên truyền", figures.propaganda_people, "lượt người"),
        ("Tin phát thanh, truyền hình", figures.radio_tv_news, "tin"),
        ("Bài phát thanh, truyền hình", figures.radio_tv_articles, "bài"),
        ("Thời lượng phát thanh, truyền hình", figures.radio_tv_minutes, "phút"),
        ("Chương trình hành động", figures.action_programmes, "chương trình"),
        ("Kế hoạch thực hiện", figures.implementation_plans, "kế hoạch"),
    ]
    for row in figures.outreach:  # each organisation's totals, as the report's footnote adds its levels up
        lines += [
            (f"{row.organisation}: buổi tuyên truyền", row.sessions, "buổi"),
            (f"{row.organisation}: lượt người được tuyên truyền", row.people, "lượt người"),
        ]
    return lines
