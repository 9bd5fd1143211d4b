"""A GIN index on the headline and text vectors together, as Wagtail's PostgreSQL search matches them.

Wagtail's database backend filters ``(title || body) @@ query`` while its own migrations index
``title`` and ``body`` only one at a time, so PostgreSQL scanned every index entry on each search.
Upstream: https://github.com/wagtail/wagtail/issues/6546 (the index in the unmerged
https://github.com/wagtail/wagtail/pull/6548). Nothing to do on SQLite, which searches through FTS5.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
