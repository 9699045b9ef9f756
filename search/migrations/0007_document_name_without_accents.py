"""PostgreSQL: the full-text document reads the normalised name (sort_name, no accents), so
"memory cafe" finds "Memory Café" as it does on SQLite. Rewrites the documents once."""

from django.db import migrations

DOCUMENT = (
    "setweight(to_tsvector('english', coalesce(sort_name, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(categories, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(summary, '')), 'C') || "
    "setweight(to_tsvector('english', coalesce(body, '')), 'D')"
)


def rewrite_documents(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"UPDATE search_searchindexentry SET document = {DOCUMENT}")  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [("search", "0006_move_events_to_analytics")]

    operations = [migrations.RunPython(rewrite_documents, migrations.RunPython.noop)]
