from directory.suggestions import admin as suggestions_admin  # noqa: F401
