import pytest
from django.db import OperationalError
from django.shortcuts import render
from django.test import Client, RequestFactory

from portal import views


@pytest.mark.django_db
def test_404_renders_in_site_style(client, home_page):
    response = client.get("/this-page-does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "govuk-header" in html and "govuk-footer" in html
    assert 'href="/services/"' in html


def test_500_page_renders_without_database():
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"999" in response.content


@pytest.mark.django_db
def test_robots_txt_keeps_search_results_and_shortlist_out(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /services/?" in text
    assert "Disallow: /shortlist/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.django_db
def test_a_request_too_large_gets_the_site_layout_with_urgent_numbers(client, home_page, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = client.post("/shortlist/add/", {"service": "x" * 1000})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Sorry, we could not use what was sent" in html
    assert "govuk-header" in html and "govuk-footer" in html
    assert "If you need help urgently" in html


@pytest.mark.django_db
def test_too_many_fields_gets_the_site_layout(client, home_page, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = client.post("/shortlist/add/", {f"f{n}": "x" for n in range(20)})
    assert response.status_code == 400
    assert "Sorry, we could not use what was sent" in response.content.decode()


@pytest.mark.django_db
def test_a_missing_csrf_token_gets_the_site_layout(home_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/self-referral/start/", {})
    assert response.status_code == 403
    html = response.content.decode()
    assert "The form was open for too long" in html and "govuk-footer" in html


def test_a_database_error_is_a_503_that_says_try_again(monkeypatch):
    def locked(request):
        raise OperationalError("database is locked")

    request = RequestFactory().get("/")
    try:
        locked(request)
    except OperationalError:
        response = views.server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert b"Sorry, the service is unavailable" in response.content
    assert b'href="tel:999"' in response.content


def test_the_400_page_falls_back_when_the_layout_cannot_be_built(monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("no database")

    monkeypatch.setattr(
        views,
        "render",
        lambda request, template, *a, **k: (
            broken() if request is not None else render(request, template, *a, **k)
        ),
    )
    response = views.bad_request(RequestFactory().get("/"))
    assert response.status_code == 400
    assert b"Sorry, we could not use what was sent" in response.content
