from django.db import migrations

# The Fatherland Front and the five mass organisations the reports name.
ORGANISATIONS = [
    ("mttq", "Ủy ban Mặt trận Tổ quốc", 10),
    ("hoi-nong-dan", "Hội Nông dân", 20),
    ("doan-thanh-nien", "Đoàn Thanh niên", 30),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ", 40),
    ("hoi-cuu-chien-binh", "Hội Cựu chiến binh", 50),
]


def add_organisations(apps, schema_editor):
    Organisation = apps.get_model("reporting", "Organisation")
    for code, name, order in ORGANISATIONS:
        Organisation.objects.update_or_create(code=code, defaults={"name": name, "order": order})


def remove_organisations(apps, schema_editor):
    Organisation = apps.get_model("reporting", "Organisation")
    Organisation.objects.filter(code__in=[code for code, _, _ in ORGANISATIONS], outreach__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(add_organisations, remove_organisations)]
