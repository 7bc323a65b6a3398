"""Settings for the test suite and the benchmarks: the platform's own, plus the imports app's sample domain."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "productivity.imports.tests.sample"]

# On SQLite the test database is a file, not memory, so that a worker process started by a test (the
# kill -9 tests) shares it with the test. One file per test run, so that runs side by side do not collide.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import os
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"productivity-test-{os.getpid()}.sqlite3")
    }
