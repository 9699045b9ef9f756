"""PostgreSQL: the full-text document becomes one generated column holding the text *and* the
filter tags (search.tags), with one GIN index.

Before, the text was a plain `document` column written by an UPDATE after each insert (every
row written twice: a rebuild left the table twice its size until vacuumed) and the tags a
second generated `tags_vector` with a GIN index of its own, so a search for text near a place
in a category combined two complete bitmaps. Now the row is written once and one GIN scan
intersects the text's and the tags' lists (docs/search.md, "PostgreSQL"). SQLite is unchanged.
"""

from django.db import migrations

TEXT = (
    "setweight(to_tsvector('english', coalesce(sort_name, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(categories, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(summary, '')), 'C') || "
    "setweight(to_tsvector('english', coalesce(body, '')), 'D')"
)
# Tags are alphanumeric tokens ending in a digit ('simple': not stemmed), without a weight.
DOCUMENT = f"{TEXT} || to_tsvector('simple', coalesce(tags, ''))"

FORWARD = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "ALTER TABLE search_searchindexentry DROP COLUMN IF EXISTS document",
    "ALTER TABLE search_searchindexentry DROP COLUMN IF EXISTS tags_vector",
    f"ALTER TABLE search_searchindexentry ADD COLUMN document tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED",
    "CREATE INDEX search_entry_document_gin ON search_searchindexentry USING GIN (document)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "ALTER TABLE search_searchindexentry DROP COLUMN IF EXISTS document",
    "ALTER TABLE search_searchindexentry ADD COLUMN document tsvector",
    f"UPDATE search_searchindexentry SET document = {TEXT}",  # noqa: S608 (constant SQL)
    "CREATE INDEX search_entry_document_gin ON search_searchindexentry USING GIN (document)",
    "ALTER TABLE search_searchindexentry ADD COLUMN tags_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', tags)) STORED",
    "CREATE INDEX search_entry_tags_gin ON search_searchindexentry USING GIN (tags_vector)",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0010_search_open_now_by_time")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
