"""Sources pulled on a schedule (#25): the sourced importer (`importer`) and `pull` (`sync`)."""
