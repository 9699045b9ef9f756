from django.db import migrations, models


def rebuild_index(apps, schema_editor):
    """The index is derived data: rebuild it so existing entries get their cards.

    Uses the current search code on purpose (like `search_index --rebuild`); an empty index
    (a new database) has nothing to do.
    """
    SearchIndexEntry = apps.get_model("search", "SearchIndexEntry")
    if not SearchIndexEntry.objects.filter(card="").exists():
        return
    from search.backends import database_backend

    database_backend().rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_index"),
        ("directory", "0002_seed_taxonomy_and_service_workflow"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchindexentry",
            name="card",
            field=models.TextField(
                blank=True, help_text="What a result shows (search.query.ListedService as JSON)."
            ),
        ),
        migrations.RunPython(rebuild_index, migrations.RunPython.noop, elidable=True),
    ]
