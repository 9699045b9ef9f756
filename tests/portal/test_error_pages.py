import pytest
from django.test import RequestFactory

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
