"""The shared rate limit used by the public forms."""

import pytest
from django.test import RequestFactory

from portal import ratelimit


def request_from(address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_client_address_without_proxies_is_remote_addr(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_address(request_from("10.0.0.1", "1.2.3.4")) == "10.0.0.1"


def test_client_address_behind_one_proxy_is_the_last_forwarded_entry(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = request_from("10.0.0.1", "6.6.6.6, 1.2.3.4")  # the first entry is client-supplied
    assert ratelimit.client_address(request) == "1.2.3.4"


def test_hit_counts_per_client_and_scope(settings):
    from django.core.cache import cache

    cache.clear()
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.SUGGESTION_RATE_LIMIT = "2/h"
    first, second = request_from("192.0.2.1"), request_from("192.0.2.2")
    assert [ratelimit.hit(first, "suggestion", "SUGGESTION_RATE_LIMIT") for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert ratelimit.hit(second, "suggestion", "SUGGESTION_RATE_LIMIT")
    settings.SUGGESTION_RATE_LIMIT = "off"
    assert ratelimit.hit(first, "suggestion", "SUGGESTION_RATE_LIMIT")


def test_a_bad_rate_names_its_setting(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.SUGGESTION_RATE_LIMIT = "lots"
    with pytest.raises(ImproperlyConfigured, match="SUGGESTION_RATE_LIMIT"):
        ratelimit.hit(request_from("192.0.2.1"), "suggestion", "SUGGESTION_RATE_LIMIT")
