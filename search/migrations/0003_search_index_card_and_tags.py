from django.db import migrations, models

# The full-text table gains a `tags` column (search.tags): SQLite needs it recreated.
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "name, categories, summary, body, tags, "
    "content = 'search_searchindexentry', content_rowid = 'id', "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)
SQLITE_FTS_BEFORE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "name, categories, summary, body, content = 'search_searchindexentry', content_rowid = 'id', "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)
# PostgreSQL: the tags as their own tsvector (no stemming) with a GIN index.
POSTGRES_TAGS = [
    "ALTER TABLE search_searchindexentry ADD COLUMN tags_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', tags)) STORED",
    "CREATE INDEX search_entry_tags_gin ON search_searchindexentry USING GIN (tags_vector)",
]


def add_tags_to_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute(SQLITE_FTS)
    elif vendor == "postgresql":
        for statement in POSTGRES_TAGS:
            schema_editor.execute(statement)


def remove_tags_from_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute(SQLITE_FTS_BEFORE)
        schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchindexentry DROP COLUMN tags_vector")


def rebuild_index(apps, schema_editor):
    """The index is derived data: rebuild it so existing entries get cards and tags.

    Uses the current search code on purpose (like `search_index --rebuild`); an empty index
    (a new database) has nothing to do.
    """
    SearchIndexEntry = apps.get_model("search", "SearchIndexEntry")
    if not SearchIndexEntry.objects.exists():
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
        migrations.AddField(
            model_name="searchindexentry",
            name="tags",
            field=models.TextField(
                blank=True, help_text="Filter words: categories, kind, grid cells."
            ),
        ),
        migrations.RunPython(add_tags_to_fulltext, remove_tags_from_fulltext),
        migrations.RunPython(rebuild_index, migrations.RunPython.noop, elidable=True),
    ]
