import django.db.models.deletion
from django.db import migrations, models


def assign_to_host(apps, schema_editor):
    """Completions recorded before this belonged to the host, or the campaign's committee."""
    PreparationStep = apps.get_model("conferences", "PreparationStep")
    for step in PreparationStep.objects.select_related("conference__campaign"):
        conference = step.conference
        step.committee_id = conference.host_id or conference.campaign.committee_id
        step.save(update_fields=["committee"])


class Migration(migrations.Migration):
    dependencies = [("conferences", "0002_history_and_review")]

    operations = [
        migrations.RemoveConstraint(model_name="preparationstep", name="preparation_step_unique"),
        migrations.AddField(
            model_name="preparationstep",
            name="committee",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="preparation_steps",
                to="conferences.committee",
                verbose_name="cấp ủy chuẩn bị",
            ),
        ),
        migrations.RunPython(assign_to_host, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="preparationstep",
            name="committee",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="preparation_steps",
                to="conferences.committee",
                verbose_name="cấp ủy chuẩn bị",
            ),
        ),
        migrations.AddConstraint(
            model_name="preparationstep",
            constraint=models.UniqueConstraint(
                fields=("conference", "committee", "step"), name="preparation_step_unique"
            ),
        ),
    ]
