"""When a listing past its review date says "may be out of date", and when it is taken down.

The periods are a site setting (`ListingReviewPolicy`), read through the cache. A listing is
out of date once its review date is more than `out_of_date_after_days` behind today: its
public page says so and search ranks it lower. After `unpublish_after_days` more it is
unpublished to the "needs checking" queue (`manage.py check_overdue_listings`).
"""

import datetime

from django.utils import timezone

from directory.models import ListingReviewPolicy
from portal import sitecache


def review_policy(site=None) -> ListingReviewPolicy:
    """The site's review periods (a request's site, else the default site; their defaults
    when there is no site yet)."""
    site = site or sitecache.default_site()
    if site is None:
        return ListingReviewPolicy()
    return sitecache.site_settings(ListingReviewPolicy, site)


def out_of_date_before(
    today: datetime.date | None = None, policy: ListingReviewPolicy | None = None, site=None
) -> datetime.date:
    """Listings whose review was due before this day are out of date today."""
    policy = policy or review_policy(site)
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=policy.out_of_date_after_days)


def take_down_before(
    today: datetime.date | None = None, policy: ListingReviewPolicy | None = None
) -> datetime.date:
    """Live listings whose review was due before this day are taken down today."""
    policy = policy or review_policy()
    today = today or timezone.localdate()
    return out_of_date_before(today, policy) - datetime.timedelta(days=policy.unpublish_after_days)


def is_out_of_date(service, today: datetime.date | None = None, site=None) -> bool:
    """Whether the listing's page should say "may be out of date" (no policy read for a
    listing whose review date has not passed: most of them)."""
    today = today or timezone.localdate()
    return service.review_due < today and service.review_due < out_of_date_before(today, site=site)
