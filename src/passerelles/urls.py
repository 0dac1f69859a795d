from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("", include("passerelles.projects.urls")),
    path("", include("passerelles.organisations.urls")),
    path("", include("passerelles.territories.urls")),
    path("", include("passerelles.documents.urls")),
    path("", include("passerelles.matching.urls")),
    path("", include("passerelles.search.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
# The API answers in one place whatever the language, so it stays outside i18n_patterns.
urlpatterns += [path("api/", include("passerelles.api.urls"))]
