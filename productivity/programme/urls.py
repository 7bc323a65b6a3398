"""Programme URLs: each view module declares its own patterns."""

from productivity.programme.views import browse

app_name = "programme"

urlpatterns = [*browse.urlpatterns]
