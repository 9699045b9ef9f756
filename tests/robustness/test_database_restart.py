"""Fault drill: the database restarts between two requests; the next request still succeeds.

Production keeps connections open (DATABASE_CONN_MAX_AGE) with CONN_HEALTH_CHECKS on, so
Django must notice a dead connection at the start of a request and open a new one, instead
of failing the request. Requests go through Django's real WSGI handler (the test client
switches off the request signals that do this). More drills (mail server down, webhook
timing out, search backend down) belong in this package too.
"""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory
from django.test.client import FakePayload

# Transactional (the drill kills the connection, so no wrapping transaction could survive);
# it reads only /healthz, which queries the database but needs no rows.
pytestmark = pytest.mark.django_db(transaction=True)


def wsgi_get(path: str) -> tuple[int, bytes]:
    """GET through the same WSGI handler gunicorn uses; (status code, body)."""
    environ = RequestFactory()._base_environ(
        PATH_INFO=path, REQUEST_METHOD="GET", **{"wsgi.input": FakePayload(b"")}
    )
    started = {}
    response = WSGIHandler()(environ, lambda status, headers: started.update(status=status))
    try:
        body = b"".join(response)
    finally:
        response.close()  # sends request_finished, as a real server does
    return int(started["status"].split()[0]), body


@pytest.fixture
def persistent_connections():
    """Connections kept between requests, with health checks, as in production."""
    saved = {key: connection.settings_dict[key] for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
    connection.close()
    connection.settings_dict.update(CONN_MAX_AGE=600, CONN_HEALTH_CHECKS=True)
    yield
    connection.close()
    connection.settings_dict.update(saved)


def terminate_backend_from_another_connection(pid: int) -> None:
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
        connect_timeout=5,
        autocommit=True,
    ) as admin:
        terminated = admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
    assert terminated, "the backend was not terminated"


def test_next_request_succeeds_after_the_database_drops_the_connection(persistent_connections):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite runs inside the web process: there is no database server to restart "
            "(the PostgreSQL run of the suite covers this drill)"
        )
    status, body = wsgi_get("/healthz")
    assert status == 200, body[:500]
    pid = connection.connection.info.backend_pid  # the connection kept for the next request

    terminate_backend_from_another_connection(pid)

    status, body = wsgi_get("/healthz")
    assert status == 200, body[:500]
    assert b'"database": {"ok": true' in body
    assert connection.connection.info.backend_pid != pid, "a new connection was opened"
