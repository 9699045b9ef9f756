"""The Wagtail site and its SiteSettings, kept in the cache instead of read on every request.

Every public page shows the council's name and numbers (SiteSettings), and Wagtail looks up
the Site for each request: two queries per page, the Site one with a CASE annotation that
costs more to build than to run. Both are cached (Redis in production, shared by every
worker) and dropped whenever a Site, a page or the settings are saved or deleted; a short
timeout bounds anything missed (e.g. a change made straight in the database).
"""

from contextlib import suppress

from django.core.cache import cache
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site

TIMEOUT = 300  # seconds
SITES_KEY = "portal:sites"
SETTINGS_KEY = "portal:site-settings:{model}:{site_id}"  # one key per settings model and site
SECTIONS_KEY = "portal:sections"
DEFAULT_SITE_KEY = "portal:default-site"
MAX_HOSTS = 20  # ALLOWED_HOSTS bounds the host names; this bounds the cached dict anyway


def site_for_request(request):
    """The Wagtail Site for this request (or None), as Site.find_for_request would find it."""
    host = f"{request.get_host()}|{request.get_port()}"  # get_host() checks ALLOWED_HOSTS
    sites = cache.get(SITES_KEY) or {}
    if host in sites:
        return sites[host]
    site = Site._find_for_request(request)  # Wagtail's own lookup, uncached
    if len(sites) < MAX_HOSTS:
        cache.set(SITES_KEY, {**sites, host: site}, TIMEOUT)
    return site


def default_site():
    """The default Wagtail site (or None), for work done outside a request (commands, the
    search backends): cached with the sites."""
    cached = cache.get(DEFAULT_SITE_KEY)
    if cached is None:
        cached = Site.objects.filter(is_default_site=True).first() or False
        cache.set(DEFAULT_SITE_KEY, cached, TIMEOUT)
    return cached or None


def site_settings(model, site):
    """`model.for_site(site)` through the cache (model: a BaseSiteSetting subclass; one whose
    own `for_site` reads this cache gives its uncached lookup as `uncached_for_site`)."""
    key = SETTINGS_KEY.format(model=model._meta.label_lower, site_id=site.pk)
    cached = cache.get(key)
    if cached is None:
        cached = getattr(model, "uncached_for_site", model.for_site)(site)
        cache.set(key, cached, TIMEOUT)
    return cached


def section_url(request, slug: str) -> str:
    """The URL of the live page with this slug directly under the request's site root (a
    section such as the advice index, the carers' hub or the privacy notice); "" if none.

    The header and footer link to these on every page, so they are looked up together (two
    or three queries) and kept in the cache with the sites: a warm cache costs no queries.
    A page links to several sections: the first lookup keeps them on the request, so the
    others cost no trip to the cache (Redis) either.
    """
    site = getattr(request, "_wagtail_site", None)
    if site is None:
        return ""
    urls = getattr(request, "_signpost_sections", None)
    if urls is None:
        sections = cache.get(SECTIONS_KEY) or {}
        if site.pk not in sections:
            pages = Page.objects.get(pk=site.root_page_id).get_children().live()
            sections = {**sections, site.pk: {page.slug: page.get_url(request) for page in pages}}
            cache.set(SECTIONS_KEY, sections, TIMEOUT)
        urls = request._signpost_sections = sections[site.pk]
    return urls.get(slug) or ""


class CachedSiteMiddleware:
    """Finds the request's Wagtail site through the cache, where Wagtail will look for it
    (`request._wagtail_site`). Goes after CommonMiddleware, which rejects unknown hosts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # With the database down, leave the lookup to the view (/healthz answers 503).
        with suppress(DatabaseError):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)


def forget_sites(sender, instance, **kwargs):
    if isinstance(instance, Site | Page):
        cache.delete_many([SITES_KEY, SECTIONS_KEY, DEFAULT_SITE_KEY])


def forget_site_settings(sender, instance, **kwargs):
    cache.delete(SETTINGS_KEY.format(model=sender._meta.label_lower, site_id=instance.site_id))


def connect(settings_model) -> None:
    """Drop cached sites when a Site or page changes, cached settings when they change."""
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(forget_sites, dispatch_uid=f"portal.sitecache.sites.{name}")
        signal.connect(
            forget_site_settings,
            sender=settings_model,
            dispatch_uid=f"portal.sitecache.settings.{settings_model._meta.label_lower}.{name}",
        )
