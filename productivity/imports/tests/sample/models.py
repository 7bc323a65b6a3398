from django.db import models


class SampleLine(models.Model):
    """An organisation, a date and an amount: the least a bulk file of payments says."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["organisation", "day", "amount"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.day} {self.amount}"
