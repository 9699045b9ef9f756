import django.db.models.deletion
from django.db import migrations, models

# The full text, per database: an FTS5 table over the entries (kept in step by triggers) on
# SQLite, a generated weighted tsvector column with a GIN index on PostgreSQL.
SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS advice_search_fts USING fts5("
    "title, summary, body, content = 'advice_advicesearchentry', content_rowid = 'id', "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER advice_search_fts_insert AFTER INSERT ON advice_advicesearchentry BEGIN "
    "INSERT INTO advice_search_fts(rowid, title, summary, body) "
    "VALUES (new.id, new.title, new.summary, new.body); END",
    "CREATE TRIGGER advice_search_fts_delete AFTER DELETE ON advice_advicesearchentry BEGIN "
    "INSERT INTO advice_search_fts(advice_search_fts, rowid, title, summary, body) "
    "VALUES ('delete', old.id, old.title, old.summary, old.body); END",
    "CREATE TRIGGER advice_search_fts_update AFTER UPDATE ON advice_advicesearchentry BEGIN "
    "INSERT INTO advice_search_fts(advice_search_fts, rowid, title, summary, body) "
    "VALUES ('delete', old.id, old.title, old.summary, old.body); "
    "INSERT INTO advice_search_fts(rowid, title, summary, body) "
    "VALUES (new.id, new.title, new.summary, new.body); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS advice_search_fts_insert",
    "DROP TRIGGER IF EXISTS advice_search_fts_delete",
    "DROP TRIGGER IF EXISTS advice_search_fts_update",
    "DROP TABLE IF EXISTS advice_search_fts",
]
POSTGRES = [
    "ALTER TABLE advice_advicesearchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', title), 'A') || "
    "setweight(to_tsvector('english', summary), 'B') || "
    "setweight(to_tsvector('english', body), 'D')) STORED",
    "CREATE INDEX advice_search_document_gin ON advice_advicesearchentry USING GIN (document)",
]


def create_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, []):
        schema_editor.execute(statement)


def drop_fulltext(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="AdviceSearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=255)),
                ("summary", models.TextField(blank=True)),
                (
                    "body",
                    models.TextField(blank=True, help_text="The page's text and its topics."),
                ),
                ("url", models.CharField(max_length=255)),
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.page",
                    ),
                ),
            ],
        ),
        migrations.RunPython(create_fulltext, drop_fulltext),
    ]
