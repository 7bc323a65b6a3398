from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from productivity.api import api
from productivity.programme.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("productivity.core.urls")),
    path("accounts/", include("productivity.accounts.urls")),
    path("organisations/", include("productivity.organisations.urls")),
    path("programme/", include("productivity.programme.urls")),
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
