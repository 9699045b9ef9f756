"""gunicorn settings, read by `gunicorn portal.wsgi` when started from this folder.

Every value can be changed from the environment (or on gunicorn's command line):
WEB_CONCURRENCY worker processes (default 2 × CPUs + 1: Django is CPU-bound and each sync
worker serves one request at a time, so a few extra cover database waits), GUNICORN_THREADS
threads per worker (above 1 uses gthread workers, which also keep connections alive).
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# Import Django and the apps once, before forking: workers start at once and share memory.
preload_app = True
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))  # seconds (gthread workers)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Recycle a worker now and then, so a slow leak can never take the site down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# No access log by default: the proxy in front keeps one, and each line costs CPU.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# When one is kept: the path without its query string (search words, postcodes), no client
# address, referrer or user agent (personal data); time, status, size and duration.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'


def post_fork(server, worker):
    """Each worker opens its own database connections, never one inherited from the master."""
    from django.db import connections

    connections.close_all()
