"""Emails are sent by the background worker: a test that expects one runs the worker's step over what is queued.

`manage.py db_worker` checks its database connection between tasks and closes one inside a transaction, which
would end an ordinary test's transaction; so this claims and runs each ready task with the worker's own
`run_task`, as the worker does, inside the test's transaction.
"""

from django.core import mail
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def send_queued() -> list:
    """Run every queued task as the background worker would, and return the outbox."""
    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test-worker", excluded_queue_names=[])
    while (result := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        result.refresh_from_db()
        assert result.status == "SUCCESSFUL", f"{result.task_path} failed: {result.traceback}"
    return mail.outbox
