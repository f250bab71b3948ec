from django.db import migrations, models


def refuse_rows_that_cannot_be(apps, schema_editor):
    """Rows stored before the rule would make the constraint fail halfway: they are named, to be corrected in the
    admin by someone who knows the figures, and nothing is changed here."""
    outreach = apps.get_model("reporting", "OrganisationOutreach")
    wrong = outreach.objects.exclude(
        models.Q(sessions=0, people=0) | models.Q(sessions__gt=0, people__gte=models.F("sessions"))
    ).select_related("result__unit", "result__campaign", "organisation")
    named = [
        f"{row.result.unit.name} — {row.result.campaign.code} — {row.organisation.name}: "
        f"{row.sessions} buổi, {row.people} lượt người"
        for row in wrong[:20]
    ]
    if named:
        raise RuntimeError(
            "Có số liệu tuyên truyền của Mặt trận, đoàn thể không hợp lệ (có lượt người mà không có buổi, hoặc có "
            "buổi mà không có người); sửa trong trang quản trị rồi chạy lại:\n" + "\n".join(named)
        )


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0017_setup_uploads_kept'),
    ]

    operations = [
        migrations.RunPython(refuse_rows_that_cannot_be, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='organisationoutreach',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('people', 0), ('sessions', 0)), models.Q(('people__gte', models.F('sessions')), ('sessions__gt', 0)), _connector='OR'), name='outreach_people_at_sessions', violation_error_message='Có lượt người thì phải có số buổi, và mỗi buổi có ít nhất một người.'),
        ),
    ]
