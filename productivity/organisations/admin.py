from django.contrib import admin

from productivity.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "kind", "authority_type", "region", "end_date"]
    list_filter = ["kind", "authority_type", "region"]
    search_fields = ["name", "gss_code", "registry_code"]
