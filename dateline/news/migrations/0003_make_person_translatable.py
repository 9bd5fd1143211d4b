"""Person becomes translatable: each existing person gets its own translation key and the default locale."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def give_people_a_locale_and_key(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Person = apps.get_model("news", "Person")
    if not Person.objects.exists():
        return
    language = settings.LANGUAGE_CODE.split("-")[0]
    locale = Locale.objects.filter(language_code=language).first() or Locale.objects.order_by("pk").first()
    if locale is None:
        locale = Locale.objects.create(language_code=language)
    for person in Person.objects.all():
        person.locale_id = locale.pk
        person.translation_key = uuid.uuid4()
        person.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_initial"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_people_a_locale_and_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="person",
            unique_together={("translation_key", "locale")},
        ),
    ]
