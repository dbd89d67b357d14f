from django.contrib import admin
from django.urls import include, path

from sifa.core import lines

admin.site.site_header = "sifa 司法"
admin.site.site_title = "sifa"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # every business line's pages under its prefix (core.lines: declared in the line's AppConfig)
    *[path(line.url_prefix, include(line.urls)) for line in lines.all()],
    path("reports/", include("sifa.reports.urls")),
    path("apply/", include("sifa.portal.urls")),
    path("api/", include("sifa.api.urls")),
    path("", include("sifa.core.urls")),
]
# No route serves uploaded files, in any mode: each goes out through its line's download view (core.files).
