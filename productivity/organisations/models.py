"""Councils and other public bodies: the organisations that take part in, fund or run the programme."""

from django.db import models

from productivity.organisations.queries import OrganisationQuerySet


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Local authority"
    COMBINED_AUTHORITY = "combined_authority", "Combined authority"
    POLICE = "police", "Police force area"
    FIRE = "fire", "Fire and rescue authority"
    NHS = "nhs", "NHS body"
    CENTRAL_GOVERNMENT = "central_government", "Central government department"
    PROGRAMME_TEAM = "programme_team", "Programme team"
    OTHER = "other", "Other public body"


class Organisation(models.Model):
    slug = models.SlugField(max_length=40, unique=True, help_text="Stable identifier used in URLs and files.")
    gss_code = models.CharField("ONS GSS code", max_length=9, unique=True, null=True, blank=True)
    registry_code = models.CharField("Register code", max_length=5, blank=True)
    former_gss_codes = models.CharField(max_length=200, blank=True)
    alt_names = models.TextField(blank=True, help_text="Other names files use for it, separated by commas")
    name = models.CharField(max_length=200)
    official_name = models.CharField(max_length=250, blank=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    authority_type = models.CharField(max_length=5, blank=True, help_text="CTY, NMD, MD, UA, LBO, CC ...")
    authority_type_name = models.CharField(max_length=60, blank=True)
    region = models.CharField(max_length=60, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", help_text="Parent county"
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="predecessors",
        help_text="The authority that replaced it when it was merged or abolished",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    @property
    def is_council(self) -> bool:
        return self.kind == OrganisationKind.COUNCIL

    def matches_code(self, code: str) -> bool:
        code = code.strip().upper()
        former = {item.strip().upper() for item in self.former_gss_codes.split(",") if item.strip()}
        return code in {self.slug.upper(), (self.gss_code or "").upper(), self.registry_code.upper()} | former
