"""Locust's visitor for benchmarks/web.py: one page, asked for again as soon as it arrives (no think time).

BENCH_WEB_PATH is the page; BENCH_WEB_COOKIE, if set, is sent as the Cookie header (a signed-in session).
Every request says X-Forwarded-Proto: https, as the HTTPS-terminating proxy in front of gunicorn does in
production (docs/operations.md), so the production settings serve it instead of redirecting to HTTPS.
Anything but a 2xx (a redirect included: none is followed) counts as a failure, with its status.
"""

import os

from locust import FastHttpUser, constant, task

PATH = os.environ["BENCH_WEB_PATH"]
HEADERS = {"X-Forwarded-Proto": "https"}
if os.environ.get("BENCH_WEB_COOKIE"):
    HEADERS["Cookie"] = os.environ["BENCH_WEB_COOKIE"]


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def page(self):
        with self.client.get(PATH, name=PATH, headers=HEADERS, allow_redirects=False,
                             catch_response=True) as response:
            if not 200 <= response.status_code < 300:
                response.failure(f"HTTP {response.status_code}")
