"""The production settings as they are, with only the collected static files moved to a scratch folder.

benchmarks/web.py serves the platform with these, so that it does not write into the working tree's
staticfiles/ (which `make serve` owns). Everything else, HTTPS handling included, is config.production.
"""

import os

from config.production import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_WEB_STATIC_ROOT"]
