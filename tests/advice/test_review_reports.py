import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from advice.reports import overdue_pages
from tests.factories.content import (
    AdviceIndexPageFactory,
    AdvicePageFactory,
    CarersHubPageFactory,
    PageFeedbackFactory,
    overdue,
)

REVIEW_URL = "/admin/reports/advice/review/"
FEEDBACK_URL = "/admin/reports/advice/feedback/"


@pytest.fixture
def pages(home_page):
    index = AdviceIndexPageFactory(parent=home_page)
    late = AdvicePageFactory(
        parent=index, title="Blue Badge parking", next_review=overdue(40), content_owner="Team A"
    )
    current = AdvicePageFactory(parent=index, title="Power of attorney")
    hub = CarersHubPageFactory(parent=home_page, next_review=overdue(3), content_owner="Carers")
    return late, current, hub


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        username="editor", email="editor@council.example", password="a-long-password-123"
    )
    group = Group.objects.create(name="Test editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=Page.objects.get(depth=1),
        permission=Permission.objects.get(codename="change_page"),
    )
    user.groups.add(group)
    return user


def test_overdue_pages_spans_page_types(pages):
    late, current, hub = pages
    found = {page.id for page in overdue_pages()}
    assert found == {late.id, hub.id}
    tomorrow = timezone.localdate() + datetime.timedelta(days=400)
    assert current.id in {page.id for page in overdue_pages(today=tomorrow)}


def test_default_next_review_is_a_year_ahead(pages):
    _late, current, _hub = pages
    assert current.next_review == timezone.localdate() + datetime.timedelta(days=365)
    assert not current.is_overdue_for_review


def test_editor_sees_overdue_pages_report(client, pages, editor):
    client.force_login(editor)
    response = client.get(REVIEW_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pages due for review" in html
    assert "Blue Badge parking" in html and "Team A" in html
    assert "Support for carers" in html
    assert "Power of attorney" not in html


def test_overdue_report_exports_csv(client, pages, editor):
    client.force_login(editor)
    response = client.get(REVIEW_URL, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "Blue Badge parking" in body and "Power of attorney" not in body


def test_reports_need_an_editor(client, pages, db):
    anonymous = client.get(REVIEW_URL)
    assert anonymous.status_code == 302
    nobody = get_user_model().objects.create_user(
        username="nobody", email="nobody@council.example", password="a-long-password-123"
    )
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert client.get(REVIEW_URL).status_code in (302, 403)
    assert client.get(FEEDBACK_URL).status_code in (302, 403)


def test_feedback_report_counts_per_page_and_lists_comments(client, pages, editor):
    late, current, _hub = pages
    PageFeedbackFactory(page=late, helpful=True)
    PageFeedbackFactory(page=late, helpful=False, comment="Say where to apply.")
    PageFeedbackFactory(page=late, helpful=False)
    client.force_login(editor)
    html = client.get(FEEDBACK_URL).content.decode()
    assert "Blue Badge parking" in html
    assert "Power of attorney" not in html  # no feedback yet
    detail = client.get(f"{FEEDBACK_URL}{late.id}/")
    assert detail.status_code == 200
    assert "Say where to apply." in detail.content.decode()


def test_feedback_report_counts(pages):
    from advice.feedback import feedback_counts

    late, _current, _hub = pages
    PageFeedbackFactory(page=late, helpful=True)
    PageFeedbackFactory(page=late, helpful=False, comment="Unclear")
    row = feedback_counts(Page.objects.filter(id=late.id)).get()
    assert (row.helpful_yes, row.helpful_no, row.comments) == (1, 1, 1)
