from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "sifa 司法"
admin.site.site_title = "sifa"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("reconsideration/", include("sifa.reconsideration.urls")),
    path("litigation/", include("sifa.litigation.urls")),
    path("mediation/", include("sifa.mediation.urls")),
    path("legalaid/", include("sifa.legalaid.urls")),
    path("reports/", include("sifa.reports.urls")),
    path("apply/", include("sifa.portal.urls")),
    path("api/", include("sifa.api.urls")),
    path("", include("sifa.core.urls")),
]
# No route serves uploaded files, in any mode: each goes out through its line's download view (core.files).
