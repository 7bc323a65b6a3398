"""Programme URLs: each view module declares its own patterns."""

from productivity.programme.views import browse, edit, imports

app_name = "programme"

urlpatterns = [*edit.urlpatterns, *imports.urlpatterns, *browse.urlpatterns]
