"""Programme URLs: each view module declares its own patterns."""

from productivity.programme.views import browse, councils, edit, figures, imports

app_name = "programme"

urlpatterns = [
    *edit.urlpatterns,
    *imports.urlpatterns,
    *browse.urlpatterns,
    *councils.urlpatterns,
    *figures.urlpatterns,
]
