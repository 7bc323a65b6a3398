from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from productivity.api import api
from productivity.overview.views import council_moved, home

urlpatterns = [
    path("", home, name="home"),
    path("", include("productivity.overview.urls")),
    # The council page moved to the overview app: old links and bookmarks are sent on.
    path("programme/councils/<str:slug>/", council_moved, name="council-moved"),
    path("", include("productivity.core.urls")),
    path("accounts/", include("productivity.accounts.urls")),
    path("organisations/", include("productivity.organisations.urls")),
    path("imports/", include("productivity.imports.urls")),
    path("programme/", include("productivity.programme.urls")),
    path("estate/", include("productivity.estate.urls")),
    path("procurement/", include("productivity.procurement.urls")),
    path("reports/", include("productivity.reports.urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "productivity.core.views.bad_request"
handler403 = "productivity.core.views.permission_denied"
handler404 = "productivity.core.views.page_not_found"
handler500 = "productivity.core.views.server_error"
