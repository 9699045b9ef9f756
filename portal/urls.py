from allauth.account import views as allauth_views
from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.documents import urls as wagtaildocs_urls

from directory.sitemaps import ServiceSitemap
from portal import feedback, information_ease, views

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

sitemaps = {"pages": WagtailSitemap, "services": ServiceSitemap}

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    # The admin's own sign-in and sign-out go through allauth (rate limits, MFA).
    path(
        "admin/login/",
        RedirectView.as_view(url=reverse_lazy("account_login"), query_string=True),
        name="wagtailadmin_login",
    ),
    path("admin/logout/", allauth_views.logout, name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("portal.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("contact/", views.contact, name="contact"),
    path("feedback/", feedback.give_feedback, name="service_feedback"),
    path("feedback/thanks/", feedback.feedback_thanks, name="service_feedback_thanks"),
    path("information-ease/", information_ease.answer, name="information_ease"),
    # Signpost apps (each owns its urls.py)
    path("api/oruk/", include("directory.oruk.urls")),
    path("", include("directory.suggestions.urls")),
    path("", include("directory.providers.urls")),
    path("", include("coordination.urls")),
    path("", include("directory.urls")),
    path("", include("search.urls")),
    path("", include("referrals.urls")),
    path("", include("carers.urls")),
    path("", include("checks.urls")),
    path("", include("advice.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    urlpatterns += [
        path("404/", views.page_not_found),
        path("500/", views.server_error),
    ]

# Wagtail serves everything not matched above: keep this last.
urlpatterns += [path("", include(wagtail_urls))]
