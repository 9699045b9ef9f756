"""ORUK API routes: every path works with and without a trailing slash (no redirects)."""

from django.urls import re_path

from directory.oruk import views

app_name = "oruk"

ID = r"(?P<{}>[^/]+)"

urlpatterns = [
    re_path(r"^$", views.index, name="index"),
    re_path(r"^openapi\.json/?$", views.openapi, name="openapi"),
    re_path(r"^services/?$", views.service_list, name="services"),
    re_path(rf"^services/{ID.format('service_id')}/?$", views.service_detail, name="service"),
    re_path(r"^organizations/?$", views.organization_list, name="organizations"),
    re_path(
        rf"^organizations/{ID.format('organization_id')}/?$",
        views.organization_detail,
        name="organization",
    ),
    re_path(r"^taxonomies/?$", views.taxonomy_list, name="taxonomies"),
    re_path(rf"^taxonomies/{ID.format('taxonomy_id')}/?$", views.taxonomy_detail, name="taxonomy"),
    re_path(r"^taxonomy_terms/?$", views.taxonomy_term_list, name="taxonomy_terms"),
    re_path(
        rf"^taxonomy_terms/{ID.format('term_id')}/?$",
        views.taxonomy_term_detail,
        name="taxonomy_term",
    ),
    re_path(
        r"^service_at_locations/?$", views.service_at_location_list, name="service_at_locations"
    ),
    re_path(
        rf"^service_at_locations/{ID.format('sal_id')}/?$",
        views.service_at_location_detail,
        name="service_at_location",
    ),
]
