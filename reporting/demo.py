"""The demo: the Tam Đường and Tây Sơn districts as their seed reports describe them.

The data lives in ``fixtures/*.json``; loading is keyed on natural keys
(codes, numbers, titles), so running it twice changes nothing.
"""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from conferences.action_documents.services import save_action_document
from conferences.models import (
    Absentee,
    ActionDocument,
    Attendance,
    Campaign,
    Committee,
    Conference,
    ConferenceSite,
    DirectingDocument,
    OnlineChannel,
    PreparationStep,
    Resolution,
    Supervision,
    Term,
    VideoSite,
)
from reporting.demo_images import sample_seal, sample_signature
from reporting.documents.keys import committee_key_add
from reporting.models import (
    NumberRegister,
    Organisation,
    OrganisationOutreach,
    SealImage,
    SignatureImage,
    SigningKey,
    UnitResult,
)

DEMO_FILES = ("tam_duong.json", "tay_son.json")
# Every demo account shares this password; it is printed by `make run`.
DEMO_PASSWORD = "HocTap@2024"

COMMITTEE_FIELDS = (
    "kind",
    "name",
    "short_name",
    "printed_name",
    "superior_line",
    "abbreviation",
    "place_name",
    "party_members",
    "non_member_staff",
    "locality",
    "recipients",
    "signing_authority",
    "signer_title",
    "signer_name",
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    committee: str


class _Loading:
    """Committees, campaigns and organisations met while loading, each looked up once by its code;
    and every row written, created or updated."""

    def __init__(self, *, fresh: bool) -> None:
        self.found: dict[tuple[type, str], Any] = {}
        # Into an empty database every row is new: created at once, without looking for it first.
        self.fresh = fresh
        # Every demo account has the same published password: hashed once, not once per account.
        self.password = make_password(DEMO_PASSWORD)

    def upsert(self, model: type, *, defaults: dict[str, Any], **lookup: Any):
        if self.fresh:
            return model.objects.create(**{**defaults, **lookup})
        return model.objects.update_or_create(**lookup, defaults=defaults)[0]

    def __call__(self, model: type, code: str):
        key = (model, code)
        if key not in self.found:
            self.found[key] = model.objects.get(code=code)
        return self.found[key]

    def remember(self, instance) -> Any:
        self.found[(type(instance), instance.code)] = instance
        return instance


def demo_load(*, directory: Path | None = None) -> list[DemoUser]:
    """Load every demo file; returns the demo accounts."""
    directory = directory or settings.BASE_DIR / "fixtures"
    users: list[DemoUser] = []
    loading = _Loading(fresh=not Committee.objects.exists())
    with transaction.atomic():
        Organisation.ensure_defaults()
        for name in DEMO_FILES:
            data = json.loads((directory / name).read_text(encoding="utf-8"))
            users += _load(data, loading)
    return users


def _load(data: dict[str, Any], loading: _Loading) -> list[DemoUser]:
    committees = {row["code"]: loading.remember(_upsert_committee(row, loading)) for row in data.get("committees", [])}
    sites = {
        row["name"]: loading.upsert(
            VideoSite,
            committee=committees[row["committee"]],
            name=row["name"],
            defaults={"hall": row.get("hall", ""), "screens": row.get("screens", 1), "active": True},
        )
        for row in data.get("video_sites", [])
    }
    for row in data.get("resolutions", []):
        loading.upsert(
            Resolution,
            number=row["number"],
            defaults={**row, "issued_on": parse_date(row["issued_on"])},
        )
    for row in data.get("campaigns", []):
        loading.remember(_upsert_campaign(row, loading))
    for row in data.get("conferences", []):
        _upsert_conference(row, sites, loading)
    for row in data.get("unit_results", []):
        _upsert_unit_result(row, loading)
    for row in data.get("supervisions", []):
        _upsert_supervision(row, loading)
    for row in data.get("online_channels", []):
        _upsert_online_channel(row, loading)
    for row in data.get("action_documents", []):
        _upsert_action_document(row, loading)
    for row in data.get("number_registers", []):
        _continue_number_register(row, loading)
    for row in data.get("signing_keys", []):
        _add_signing_key(row, loading)
    users = [_upsert_user(row, loading) for row in data.get("users", [])]
    _add_samples(data, loading)
    return users


def _upsert_committee(row: dict[str, Any], loading: _Loading) -> Committee:
    fields = {field: row[field] for field in COMMITTEE_FIELDS if field in row}
    committee = Committee.objects.filter(code=row["code"]).first()
    if committee is not None:
        for field, value in fields.items():
            setattr(committee, field, value)
        committee.save()
    elif row.get("parent") is None:
        committee = Committee.objects.add_root({"code": row["code"], **fields})
    else:
        parent = loading(Committee, row["parent"])
        committee = Committee.objects.add_child(parent, {"code": row["code"], **fields})
    for term in row.get("terms", []):
        loading.upsert(
            Term, committee=committee, starts_on=parse_date(term["starts_on"]), defaults={"name": term["name"]}
        )
    return committee


def _upsert_campaign(row: dict[str, Any], loading: _Loading) -> Campaign:
    campaign = loading.upsert(
        Campaign,
        code=row["code"],
        defaults={
            "name": row["name"],
            "short_name": row.get("short_name", ""),
            "committee": loading(Committee, row["committee"]),
            "starts_on": parse_date(row["starts_on"]),
            "ends_on": parse_date(row["ends_on"]),
            "reporting_deadline": parse_date(row["reporting_deadline"]),
            "participation_threshold": row.get("participation_threshold", 95),
        },
    )
    campaign.resolutions.set(Resolution.objects.filter(number__in=row["resolutions"]))
    for document in row.get("directing_documents", []):
        loading.upsert(
            DirectingDocument,
            campaign=campaign,
            number=document["number"],
            defaults={**document, "issued_on": parse_date(document["issued_on"])},
        )
    return campaign


def _upsert_conference(row: dict[str, Any], sites: dict[str, VideoSite], loading: _Loading) -> None:
    campaign = loading(Campaign, row["campaign"])
    date = parse_date(row["date"])
    conference = loading.upsert(
        Conference,
        campaign=campaign,
        title=row["title"],
        date=date,
        defaults={
            "level": row["level"],
            "format": row["format"],
            "host": loading(Committee, row["host"]) if row.get("host") else None,
            "speakers": row.get("speakers", ""),
            "audience": row.get("audience", ""),
            "grassroots_audience": row.get("grassroots_audience", ""),
        },
    )
    for site_row in row.get("sites", []):
        loading.upsert(
            ConferenceSite,
            conference=conference,
            site=sites[site_row["site"]],
            defaults={key: value for key, value in site_row.items() if key != "site"},
        )
    for step in row.get("preparation", []):
        loading.upsert(
            PreparationStep,
            conference=conference,
            committee=loading(Committee, step["committee"]) if "committee" in step else campaign.committee,
            step=step["step"],
            defaults={"completed_on": parse_date(step["completed_on"]), "note": step.get("note", "")},
        )
    for attendance_row in row.get("attendance", []):
        figures = {key: value for key, value in attendance_row.items() if key not in ("unit", "site", "absentees")}
        attendance = loading.upsert(
            Attendance,
            conference=conference,
            unit=loading(Committee, attendance_row["unit"]),
            defaults={**figures, "site": sites[attendance_row["site"]] if attendance_row.get("site") else None},
        )
        for absentee in attendance_row.get("absentees", []):
            loading.upsert(Absentee, attendance=attendance, name=absentee["name"], defaults=absentee)


def _upsert_unit_result(row: dict[str, Any], loading: _Loading) -> None:
    figures = {key: value for key, value in row.items() if key not in ("campaign", "unit", "outreach", "submitted_at")}
    submitted_at = parse_datetime(row["submitted_at"]) if row.get("submitted_at") else None
    # Staff accepted each result the day after it came in.
    reviewed_at = submitted_at + datetime.timedelta(days=1) if row["status"] == UnitResult.Status.ACCEPTED else None
    result = loading.upsert(
        UnitResult,
        campaign=loading(Campaign, row["campaign"]),
        unit=loading(Committee, row["unit"]),
        defaults={
            **figures,
            "submitted_at": submitted_at,
            "first_submitted_at": submitted_at,
            "reviewed_at": reviewed_at,
        },
    )
    for code, (sessions, people) in row.get("outreach", {}).items():
        loading.upsert(
            OrganisationOutreach,
            result=result,
            organisation=loading(Organisation, code),
            defaults={"sessions": sessions, "people": people},
        )


def _upsert_supervision(row: dict[str, Any], loading: _Loading) -> None:
    loading.upsert(
        Supervision,
        committee=loading(Committee, row["committee"]),
        unit=loading(Committee, row["unit"]),
        held_on=parse_date(row["held_on"]),
        defaults={"subject": row["subject"], "findings": row.get("findings", "")},
    )


def _upsert_online_channel(row: dict[str, Any], loading: _Loading) -> None:
    loading.upsert(
        OnlineChannel,
        owner=loading(Committee, row["owner"]),
        name=row["name"],
        defaults={
            "kind": row["kind"],
            "address": row.get("address", ""),
            "members": row["members"],
            "counted_on": parse_date(row["counted_on"]),
        },
    )


def _upsert_action_document(row: dict[str, Any], loading: _Loading) -> None:
    """Saved as the pages save it: compared with its superior's plan, and its own units' with it."""
    lookup = {
        "unit": loading(Committee, row["unit"]),
        "campaign": loading(Campaign, row["campaign"]),
        "kind": row["kind"],
        "number": row["number"],
    }
    document = None if loading.fresh else ActionDocument.objects.filter(**lookup).first()
    document = document or ActionDocument(**lookup)
    document.issued_on, document.title, document.text = parse_date(row["issued_on"]), row["title"], row["text"]
    save_action_document(document=document, user=None)


def _add_signing_key(row: dict[str, Any], loading: _Loading) -> None:
    """A committee's TEST certificate (fixtures/signing/), unless it already holds it."""
    committee = loading(Committee, row["committee"])
    if not settings.REPORT_KEYS_SECRET:
        return  # a server that keeps no committee keys: its committees sign with the installation's certificate
    if not SigningKey.objects.filter(committee=committee, common_name=row["common_name"]).exists():
        content = (settings.BASE_DIR / "fixtures" / row["file"]).read_bytes()
        committee_key_add(committee=committee, pkcs12_bytes=content, passphrase=row["passphrase"])


def _add_samples(data: dict[str, Any], loading: _Loading) -> None:
    """Sample seals for the committees that sign, and sample signatures for their leaders, all marked "MẪU"."""
    for row in data.get("signing_keys", []):
        committee = loading(Committee, row["committee"])
        if not SealImage.objects.filter(committee=committee).exists():
            SealImage.objects.create(committee=committee, png=sample_seal(committee.name))
    leaders = [row["username"] for row in data.get("users", []) if row["role"] == "leader"]
    for leader in get_user_model().objects.filter(username__in=leaders, signature_image__isnull=True):
        SignatureImage.objects.create(user=leader, png=sample_signature(str(leader)))


def _continue_number_register(row: dict[str, Any], loading: _Loading) -> None:
    """The register continues the paper one (Tây Sơn's last report was 189-BC/HU): its last number moves
    forward to the fixture's, never back below what the system has issued since."""
    committee = loading(Committee, row["committee"])
    term = Term.objects.get(committee=committee, starts_on=parse_date(row["term_starts_on"]))
    lookup = {"committee": committee, "document_type": row["document_type"], "term": term}
    NumberRegister.objects.get_or_create(**lookup)
    NumberRegister.objects.filter(**lookup, last_sequence__lt=row["last_sequence"]).update(
        last_sequence=row["last_sequence"]
    )


def _upsert_user(row: dict[str, Any], loading: _Loading) -> DemoUser:
    user_model = get_user_model()
    user = user_model.objects.filter(username=row["username"]).first() or user_model(username=row["username"])
    user.first_name = row.get("first_name", "")
    user.last_name = row.get("last_name", "")
    user.role = row["role"]
    user.committee = loading(Committee, row["committee"])
    user.is_staff = user.is_superuser = row["role"] == user_model.Role.ADMINISTRATOR
    user.password = loading.password
    user.save()
    return DemoUser(username=user.username, role=user.get_role_display(), committee=user.committee.name)
