"""Import URLs: the views module declares its own patterns."""

from productivity.imports.views import app_name, urlpatterns  # noqa: F401
