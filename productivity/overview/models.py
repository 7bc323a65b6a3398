"""Papers people follow, to be told by email when they (or a correction of them) are published."""

from django.conf import settings
from django.db import models


class PaperFollow(models.Model):
    """``user`` follows ``report``: they hear when it is published, and when a paper correcting it is."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="paper_follows")
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "report"], name="follow_a_paper_once")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.report}"
