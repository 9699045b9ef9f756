"""What the results page keeps between searches (search.categories, the filters panel in
search_tags, the ASCOF question) is the same for everyone, follows the admin's changes, keeps
nothing a visitor typed, and never fails the page when the cache fails."""

import contextlib

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from directory.models import TaxonomyTerm
from search import categories, pagecache
from tests.factories.directory import PostcodeFactory, ServiceFactory, TaxonomyTermFactory

pytestmark = pytest.mark.django_db

URL = "/services/"


@pytest.fixture
def listing():
    PostcodeFactory(postcode="S1 2HH", latitude=53.380410, longitude=-1.469915)
    memory = TaxonomyTerm.objects.get(code="memory-dementia")
    return ServiceFactory(name="Memory café", summary="For memory problems.", categories=[memory])


def category_labels(response) -> str:
    return response.content.decode().split('id="filters"')[1].split("</details>")[0]


def test_a_category_renamed_in_the_admin_shows_on_the_next_search(client, listing):
    first = client.get(URL, {"q": "memory"})
    assert "Memory problems and dementia" in category_labels(first)
    with categories_read() as read:
        client.get(URL, {"q": "memory"})
    assert read == []  # kept: no query for the categories on a second page

    term = TaxonomyTerm.objects.get(code="memory-dementia")
    term.name = "Memory and dementia support"
    term.save()
    again = client.get(URL, {"q": "memory"})
    assert "Memory and dementia support" in category_labels(again)
    assert "Memory problems and dementia" not in category_labels(again)


def test_a_category_added_or_deleted_changes_the_form_at_once(client, listing):
    TaxonomyTermFactory(code="new-category", name="A new category")
    response = client.get(URL, {"category": "new-category"})
    assert response.context["query"].categories == ("new-category",)
    TaxonomyTerm.objects.filter(code="new-category").get().delete()
    response = client.get(URL, {"category": "new-category"})
    assert response.context["query"].categories == ()


def test_a_category_hidden_from_the_public_is_no_longer_offered(client, listing):
    client.get(URL, {"q": "memory"})
    term = TaxonomyTerm.objects.get(code="memory-dementia")
    term.is_public_category = False
    term.save()
    response = client.get(URL, {"q": "memory", "category": "memory-dementia"})
    assert response.context["query"].categories == ()
    assert 'value="memory-dementia"' not in category_labels(response)


def test_the_categories_version_changes_again_when_the_change_commits(
    django_capture_on_commit_callbacks,
):
    before = categories.categories_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        TaxonomyTermFactory(code="committed", name="Committed")
    during = categories.categories_version()
    assert during != before
    for callback in callbacks:
        callback()
    assert categories.categories_version() not in {before, during}


def test_the_filters_panel_is_shared_but_never_holds_what_was_typed(client, listing):
    typed = {"q": "memory <b>café</b>", "postcode": "S1 2HH"}
    first = client.get(URL, typed)
    second = client.get(URL, typed)
    assert category_labels(first) == category_labels(second)
    panel = category_labels(second)
    assert 'name="q" value="memory &lt;b&gt;café&lt;/b&gt;"' in panel
    assert 'name="postcode" value="S1 2HH"' in panel
    stored = [
        value for key, value in cache._cache.items() if "search:filters:" in key
    ]  # LocMemCache: the pickled values
    assert stored
    for value in stored:
        assert b"memory" not in value and b"S1 2HH" not in value and b"S1%202HH" not in value
    # Another visitor's words, same choices: the same panel with their own words.
    other = client.get(URL, {"q": "dementia", "postcode": "S1 2HH"})
    assert 'name="q" value="dementia"' in category_labels(other)


def test_a_search_with_an_age_is_not_cached(client, listing):
    response = client.get(URL, {"q": "memory", "age": "77"})
    assert 'id="filter-age" name="age" type="text" inputmode="numeric" value="77"' in (
        category_labels(response)
    )
    assert not [key for key in cache._cache if "search:filters:" in key]
    plain = client.get(URL, {"q": "memory"})
    assert 'inputmode="numeric" value=""' in category_labels(plain)


def test_the_page_is_the_same_when_the_cache_fails(client, listing, monkeypatch, caplog):
    expected = client.get(URL, {"q": "memory", "postcode": "S1 2HH"})

    class Broken:
        """A cache that fails outright (the site's own, FallbackRedisCache, would answer from
        local memory instead; the rest of the site relies on that)."""

        def __getattr__(self, name):
            raise ConnectionError("cache down")

    monkeypatch.setattr(pagecache, "cache", Broken())
    response = client.get(URL, {"q": "memory", "postcode": "S1 2HH"})
    assert response.status_code == 200
    assert category_labels(response) == category_labels(expected)
    assert response.context["facets"] == expected.context["facets"]
    assert "Search page cache unavailable" in caplog.text


def test_each_visitor_gets_their_own_token_and_return_address_in_the_question(client, listing):
    first = client.get(URL, {"q": "memory"}).content.decode()
    other = Client().get(URL, {"q": "memory", "postcode": "S1 2HH"}).content.decode()

    def question(html):
        return html.split('id="information-ease-section"')[1].split("</section>")[0]

    token = 'name="csrfmiddlewaretoken" value="'
    assert question(first).split(token)[1][:20] != question(other).split(token)[1][:20]
    assert 'name="next" value="/services/?q=memory"' in question(first)
    assert 'name="next" value="/services/?q=memory&amp;postcode=S1+2HH"' in question(other)


@contextlib.contextmanager
def categories_read():
    """The statements reading the categories table while it is open."""
    found = []

    def wrapper(execute, sql, params, many, context):
        if "directory_taxonomyterm" in sql:
            found.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield found
