"""A real background worker in its own process, on the test database, for tests that kill it."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def database_url() -> str:
    """The test database as a DATABASE_URL, for a process that is not the test."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user, host, port = db.get("USER") or "postgres", db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


class Worker:
    """``manage.py db_worker`` with the test's database, media folder and stale time."""

    def __init__(self, *, batch: bool = False):
        env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "config.test_settings",
               "MEDIA_ROOT": str(settings.MEDIA_ROOT), "IMPORT_STALE_SECONDS": str(settings.IMPORT_STALE_SECONDS),
               "LOG_LEVEL": "WARNING"}
        args = [sys.executable, "manage.py", "db_worker", "--queue-name", "default", "--no-startup-delay",
                "--interval", "0.2"]
        if batch:
            args.append("--batch")
        self.process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def kill(self) -> None:
        """kill -9: no chance to roll back, tidy up or say goodbye."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def wait(self, timeout: float = 120) -> str:
        out, _ = self.process.communicate(timeout=timeout)
        return out.decode(errors="replace")


def wait_until(condition, *, timeout: float = 60, every: float = 0.05, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"Timed out after {timeout} s waiting for {what}")
