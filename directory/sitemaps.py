"""sitemap.xml entries for the public service pages (wired into portal/urls.py `sitemaps`)."""

from django.contrib.sitemaps import Sitemap

from directory.models import Service


class ServiceSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Service.objects.live().only("id", "modified_at").order_by("id")

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, item):
        return item.modified_at
