"""Programme URLs: each view module declares its own patterns."""

from productivity.programme.views import browse, councils, edit, figures

app_name = "programme"

urlpatterns = [
    *edit.urlpatterns,
    *browse.urlpatterns,
    *councils.urlpatterns,
    *figures.urlpatterns,
]
