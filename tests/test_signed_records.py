"""A signed report and its number stay as issued, whatever path a change or a deletion comes by."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from reporting.documents.numbering import issue_number
from reporting.models import IssuedNumber, Report, SignedReportError
from reporting.models.numbering import NumberKept
from tests.test_reports import user

pytestmark = pytest.mark.django_db


def stored() -> tuple[list, list]:
    return list(Report.objects.order_by("pk").values()), list(IssuedNumber.objects.order_by("pk").values())


def test_bulk_queries_refuse_a_signed_report_and_an_issued_number(signed):
    before = stored()
    with pytest.raises(SignedReportError):
        Report.objects.filter(pk=signed.pk).delete()
    with pytest.raises(SignedReportError):
        Report.objects.filter(pk=signed.pk).update(signer_name="Người khác")
    with pytest.raises(NumberKept):
        IssuedNumber.objects.filter(pk=signed.number_id).delete()
    with pytest.raises(NumberKept):
        IssuedNumber.objects.filter(pk=signed.number_id).update(label="99-BC/HU")
    number = IssuedNumber.objects.get(pk=signed.number_id)
    number.label = "99-BC/HU"
    with pytest.raises(NumberKept):
        number.save()
    with pytest.raises(NumberKept):
        number.delete()
    assert stored() == before


def test_the_admin_shows_a_signed_report_read_only_and_refuses_deleting_it(signed, client):
    before = stored()
    client.force_login(get_user_model().objects.get(username="quantri"))
    change = reverse("admin:reporting_report_change", args=[signed.pk])
    assert client.post(change, {"recipients": "x"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [signed.pk], "post": "yes"}
    assert client.post(reverse("admin:reporting_report_changelist"), bulk).status_code == 403
    number = reverse("admin:reporting_issuednumber_delete", args=[signed.number_id])
    assert client.post(number, {"post": "yes"}).status_code == 403
    assert stored() == before


def test_the_signer_cannot_be_deleted_only_deactivated(signed):
    signer = user("lanhdao")
    with pytest.raises(ProtectedError):
        signer.delete()
    signer.is_active = False
    signer.save()
    assert Report.objects.get(pk=signed.pk).signed_by == signer


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's")
def test_the_database_itself_refuses_raw_statements(signed):
    before = stored()
    for statement in (
        "DELETE FROM reporting_report WHERE id = %s",
        "UPDATE reporting_report SET signer_name = 'x' WHERE id = %s",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [signed.pk])
    for statement in (
        "DELETE FROM reporting_issuednumber WHERE id = %s",
        "UPDATE reporting_issuednumber SET label = '99-BC/HU' WHERE id = %s",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [signed.number_id])
    with transaction.atomic(), connection.cursor() as cursor:  # marking a number cancelled stays possible
        cursor.execute("UPDATE reporting_issuednumber SET cancelled = true WHERE id = %s", [signed.number_id])
    assert stored()[0] == before[0]


def test_a_register_continues_the_paper_one_and_never_goes_back(signed, client):
    client.force_login(get_user_model().objects.get(username="quantri"))
    register = signed.number.register
    url = reverse("admin:reporting_numberregister_change", args=[register.pk])
    refused = client.post(url, {"last_sequence": "0"})
    assert refused.context["adminform"].form.errors == {
        "last_sequence": ["Đã cấp đến số 1; số cuối không được nhỏ hơn."]
    }
    assert client.post(url, {"last_sequence": "189"}).status_code == 302
    number = issue_number(committee=signed.committee, day=signed.issued_on, user=None)
    assert number.label == "190-BC/HU"
