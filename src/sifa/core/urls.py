from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import drilldown, lookups, views, views_account, views_api_clients, views_imports, views_privacy

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html",
                                                redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views_account.PasswordChangeView.as_view(), name="password_change"),
    path("two-factor/", views_account.verify, name="two_factor_verify"),
    path("two-factor/enrol/", views_account.enrol, name="two_factor_enrol"),
    path("search/", views.search, name="search"),
    path("privacy/", views_privacy.data_request_list, name="data_requests"),
    path("privacy/new/", views_privacy.data_request_new, name="data_request_new"),
    path("privacy/<int:pk>/", views_privacy.data_request_detail, name="data_request"),
    path("privacy/<int:pk>/held.xlsx", views_privacy.data_request_export, name="data_request_export"),
    path("units/", views.unit_tree, name="unit_tree"),
    path("parties/", views.party_list, name="party_list"),
    path("parties/new/", views.party_edit, name="party_new"),
    path("parties/<int:pk>/", views.party_detail, name="party_detail"),
    path("parties/<int:pk>/edit/", views.party_edit, name="party_edit"),
    path("parties/<int:pk>/reveal/", views.party_reveal, name="party_reveal"),
    path("audit/", views.audit_list, name="audit_list"),
    path("api-clients/", views_api_clients.api_client_list, name="api_clients"),
    path("api-clients/new/", views_api_clients.api_client_issue, name="api_client_issue"),
    path("api-clients/<int:pk>/revoke/", views_api_clients.api_client_revoke, name="api_client_revoke"),
    path("imports/job/<int:pk>/", views_imports.import_job, name="import_job"),
    path("imports/job/<int:pk>/errors.xlsx", views_imports.import_errors, name="import_errors"),
    path("imports/<slug:kind>/", views_imports.import_new, name="import_new"),
    path("imports/<slug:kind>/template.xlsx", views_imports.import_template, name="import_template"),
    path("lookup/<str:name>/", lookups.lookup_view, name="lookup"),
    path("statistics/cases/", drilldown.drilldown_view, name="drilldown"),
    path("cases/", include("sifa.core.urls_cases")),  # namespace "core": correction, appointments
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", views.metrics, name="metrics"),
    path("tasks/failed/", views.failed_task_list, name="failed_tasks"),
    path("tasks/failed/<uuid:pk>/retry/", views.failed_task_retry, name="failed_task_retry"),
]
