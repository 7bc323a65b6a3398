"""How far a job has got, as its page, its JSON status and the API all show it (any BackgroundJob)."""

from dataclasses import asdict, dataclass

from django.utils import timezone

from productivity.imports.models import BackgroundJob, ImportRun


@dataclass(frozen=True)
class ProgressView:
    status: str
    status_label: str
    phase: str
    rows_done: int
    rows_total: int | None
    percent: int | None
    rows_per_second: int | None
    seconds_left: int | None
    working: bool
    finished: bool
    stale: bool

    def as_dict(self) -> dict:
        return asdict(self)


def progress_of(run: BackgroundJob) -> ProgressView:
    """Rows done of the total, the rate since the phase began and the time left at that rate."""
    total = run.rows_total
    done = min(run.rows_done, total) if total else run.rows_done
    percent = round(100 * done / total) if total else None
    rate = left = None
    began = run.phase_started_at or run.started_at
    if run.is_working and began and done:
        elapsed = max((timezone.now() - began).total_seconds(), 0.001)
        rate = int(done / elapsed)
        if total and rate:
            left = int((total - done) / rate)
    finished = getattr(run, "is_finished", not run.is_working)
    return ProgressView(run.status, run.get_status_display(), run.phase or _phase(run), done, total, percent, rate,
                        left, run.is_working, finished, run.is_stale())


def _phase(run: BackgroundJob) -> str:
    if not isinstance(run, ImportRun):
        return run.get_status_display()
    if run.status == ImportRun.Status.QUEUED:
        return "Waiting for the background worker to check it"
    if run.status == ImportRun.Status.CONFIRMED:
        return "Waiting for the background worker to import it"
    return run.get_status_display()


def duration(seconds: int | None) -> str:
    """'about 3 minutes', 'less than a minute'."""
    if seconds is None:
        return ""
    if seconds < 60:
        return "less than a minute"
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"about {minutes} minute{'s' if minutes != 1 else ''}"
    hours = round(minutes / 60)
    return f"about {hours} hours"
