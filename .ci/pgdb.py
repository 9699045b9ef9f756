"""Create or drop a throwaway PostgreSQL database for a CI run (no psql needed)."""

import os
import sys

import psycopg
from psycopg import sql


def main(action: str, name: str) -> None:
    conninfo = (
        f"host={os.environ.get('PGHOST', '127.0.0.1')} port={os.environ.get('PGPORT', '5432')} "
        f"user={os.environ.get('PGUSER', 'postgres')} dbname=postgres connect_timeout=10"
    )
    with psycopg.connect(conninfo, autocommit=True) as connection:
        if action == "create":
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        else:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            # pytest-django's own test database for this one
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(f"test_{name}")
                )
            )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
