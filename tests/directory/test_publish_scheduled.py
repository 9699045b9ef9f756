"""Scheduled publishing of listings uses Wagtail's own `publish_scheduled` command."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from directory.models import Service
from tests.factories.directory import ServiceFactory

pytestmark = pytest.mark.django_db


def test_a_listing_scheduled_to_go_live_is_published_when_due():
    service = ServiceFactory(name="Opening soon", live=False)
    service.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = service.save_revision()
    revision.publish(skip_permission_checks=True)
    assert not Service.objects.live().filter(pk=service.pk).exists()

    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    # an hour passes
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled", stdout=StringIO())
    assert Service.objects.live().filter(pk=service.pk).exists()


def test_a_listing_past_its_expiry_is_unpublished():
    service = ServiceFactory(name="Summer only")
    Service.objects.filter(pk=service.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled", stdout=StringIO())
    service.refresh_from_db()
    assert not service.live
    assert service.expired
