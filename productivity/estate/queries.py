"""Who sees which assets (the platform's one rule), and the register's domain verbs."""

from django.db.models import Q

from productivity.accounts.scoping import OrganisationScopedQuerySet


class PublishedAssetDeleted(Exception):
    """A published asset is never deleted: people may have relied on what was published."""


class AssetQuerySet(OrganisationScopedQuerySet):
    """The public sees published assets; the owner's members see all of its assets; its editors change them."""

    organisation_path = "owner"

    def public(self):
        return self.filter(is_published=True)

    def also_visible_to(self, user):
        """The partnership's shared view: members of a partnership see its other bodies' unpublished assets."""
        from productivity.estate.returns_queries import partner_organisation_ids

        partners = partner_organisation_ids(user)
        return Q(owner_id__in=partners) if partners else None

    def standing(self):
        """Assets not withdrawn: what registers, maps and figures count (a withdrawn asset keeps its page)."""
        return self.filter(withdrawn_at__isnull=True)

    def delete(self):
        if self.filter(is_published=True).exists():
            raise PublishedAssetDeleted("Published assets cannot be deleted: only unpublished assets may be")
        return super().delete()

    def of_owner(self, organisation):
        return self.filter(owner=organisation)

    def flagged(self, code: str | None = None):
        """Assets with any data-quality flag, or with the flag ``code``."""
        if code is None:
            return self.exclude(flags=[])
        # The flags' JSON as text holds the code in quotes, on SQLite and PostgreSQL alike.
        return self.filter(flags__icontains=f'"{code}"')

    def matching(self, text: str):
        """Search by name, address, postcode, asset code or UPRN."""
        return self.filter(Q(name__icontains=text) | Q(address__icontains=text) | Q(postcode__icontains=text)
                           | Q(asset_code__icontains=text) | Q(uprn=text))

