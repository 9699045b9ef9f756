"""Possible duplicate listings (#25): scoring, finding pairs, merging (with the merged
listing's page and API id redirecting), "not a duplicate", the coordinators' queue and the
`find_duplicates` command."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from directory import duplicates
from directory.duplicates import (
    CANDIDATE_SCORE,
    MERGED,
    SET_ASIDE,
    STRONG_SCORE,
    find_pairs,
    held_listing_can_publish,
    merge,
    not_duplicate,
    strong_match,
)
from directory.models import ChangeSuggestion, DuplicatePair, Service
from directory.models.upkeep import Source, SourceRecord
from directory.patches import REFUSED_OUTSIDE_PATCH
from portal.roles import COORDINATOR, FIRST_CONTACT, sync_roles
from tests.factories.accounts import activate_totp, staff_user
from tests.factories.directory import (
    LocationFactory,
    PhoneFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def listing(name, postcode=None, phone=None, **fields):
    service = ServiceFactory(
        name=name,
        email=fields.pop("email", ""),
        url=fields.pop("url", ""),
        location=LocationFactory(postcode=postcode) if postcode else None,
        **fields,
    )
    if phone:
        PhoneFactory(service=service, number=phone)
    return service


def pair_between(first, second):
    return duplicates.pair_of(first, second)


# Scoring


def test_same_name_punctuation_aside_and_same_place_is_strong():
    club = listing("St. Mary's Lunch Club", postcode="DN15 6NL")
    twin = listing("st marys lunch-club", postcode="dn156nl")
    pairs = find_pairs()
    assert len(pairs) == 1
    pair = pairs[0]
    assert {pair.first, pair.second} == {club, twin}
    assert pair.score >= STRONG_SCORE
    assert "names 100% alike" in pair.reasons and "same postcode DN15 6NL" in pair.reasons
    assert str(pair.first_id) < str(pair.second_id)


def test_similar_names_in_different_towns_with_nothing_shared_are_not_recorded():
    listing("Brigg Lunch Club", postcode="DN20 8AA", phone="01652 000001")
    listing("Barton Lunch Club", postcode="DN18 5AA", phone="01652 000002")
    assert find_pairs() == []
    assert not DuplicatePair.objects.exists()


def test_different_names_sharing_a_phone_number_are_a_candidate():
    first = listing("Ashby Carers Group", phone="01724 297000")
    second = listing("Tuesday coffee morning", phone="+44 (0)1724 297 000")
    [pair] = find_pairs()
    assert {pair.first, pair.second} == {first, second}
    assert CANDIDATE_SCORE <= pair.score < STRONG_SCORE
    assert "same phone" in pair.reasons


def test_email_and_website_are_compared_normalised():
    first = listing("Men's Shed", email="Shed@Example.org", url="https://www.example.org/shed/")
    second = listing("Mens Shed", email="shed@example.org", url="http://example.org/shed")
    listings = duplicates.load_listings(Service.objects.all())
    score, reasons = duplicates.score(listings[first.pk], listings[second.pk])
    assert "same email" in reasons and "same website" in reasons
    assert score >= STRONG_SCORE


def test_the_same_long_description_is_evidence():
    text = "<p>A friendly lunch club for older people, with a hot meal and a chat.</p>"
    listing("Lunch club", description=text)
    listing("Lunch club", description=text.upper())
    [pair] = find_pairs()
    assert "same description" in pair.reasons and pair.score >= STRONG_SCORE


def test_a_detail_many_listings_share_is_not_evidence():
    names = "Archery Bowls Choir Dance Embroidery Football Gardening Hockey Ironing Judo Karate"
    for name in names.split()[: duplicates.COMMON_DETAIL + 1]:
        listing(name, email="contact@example.org")
    assert find_pairs() == []


def test_websites_lose_tracking_parameters_but_keep_the_rest():
    assert (
        duplicates.normalise_website("HTTPS://www.Example.org/club/?fbclid=abc&utm_source=x")
        == "example.org/club"
    )
    assert duplicates.normalise_website("http://example.org/?id=4") == "example.org?id=4"


# Finding pairs


def test_find_pairs_twice_records_no_more_pairs_and_rescores_open_ones():
    listing("Lunch club", postcode="DN15 6NL")
    other = listing("Lunch Club!", postcode="DN15 6NL")
    assert len(find_pairs()) == 1
    pair = DuplicatePair.objects.get()
    PhoneFactory(service=other, number="01724 000000")
    assert len(find_pairs()) == 1
    assert DuplicatePair.objects.count() == 1
    pair.refresh_from_db()
    assert pair.score >= STRONG_SCORE


def test_a_pair_set_aside_stays_closed():
    coordinator = staff_user(COORDINATOR)
    listing("Lunch club", postcode="DN15 6NL")
    listing("Lunch club", postcode="DN15 6NL")
    [pair] = find_pairs()
    not_duplicate(pair, coordinator)
    assert find_pairs() == []
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.NOT_DUPLICATE
    assert pair.decided_by == coordinator and pair.decided_at
    assert ModelLogEntry.objects.filter(action=SET_ASIDE).count() == 2


def test_merged_listings_are_not_paired_again():
    keep = listing("Lunch club", postcode="DN15 6NL")
    other = listing("Lunch club", postcode="DN15 6NL")
    find_pairs()
    merge(keep, other, staff_user(COORDINATOR))
    assert find_pairs() == []


def test_find_pairs_for_some_services_only_involves_them():
    new = listing("Lunch club", postcode="DN15 6NL")
    listing("Lunch club", postcode="DN15 6NL")
    listing("Knit and natter", phone="01724 111111")
    listing("Knitting circle", phone="01724 111111")
    pairs = find_pairs([new])
    assert len(pairs) == 1 and new in (pairs[0].first, pairs[0].second)


def test_strong_match_pairs_a_new_listing_with_a_live_one():
    live = listing("Lunch club", postcode="DN15 6NL", phone="01724 000000")
    listing("Lunch club", postcode="DN20 1AA", live=False)  # not live: not a match
    new = listing("The Lunch Club", postcode="DN15 6NL", phone="01724 000000", live=False)
    pair = strong_match(new)
    assert pair is not None and {pair.first, pair.second} == {live, new}
    assert pair.status == DuplicatePair.Status.OPEN and pair.score >= STRONG_SCORE
    assert strong_match(new) == pair  # recorded once
    assert DuplicatePair.objects.count() == 1


def test_strong_match_is_none_for_a_weak_or_set_aside_pair():
    live = listing("Lunch club", postcode="DN15 6NL")
    new = listing("Lunch clubs", live=False)  # a name alike only: a candidate, not strong
    assert strong_match(new) is None
    twin = listing("Lunch club", postcode="DN15 6NL", live=False)
    pair = strong_match(twin)
    assert {pair.first, pair.second} == {live, twin}
    not_duplicate(pair, staff_user(COORDINATOR))
    assert strong_match(twin) is None


# Merging


@pytest.fixture
def merged():
    """Two copies of one service from two sources, merged (the second into the first)."""
    keep = listing("Lunch club", postcode="DN15 6NL")
    other = listing("Lunch club.", postcode="DN15 6NL")
    older = listing("Lunch Club", postcode="DN15 6NL", live=False)
    Service.objects.filter(pk=older.pk).update(merged_into=other)
    first_feed = Source.objects.create(name="North Lincolnshire")
    second_feed = Source.objects.create(name="North Lincolnshire again")
    SourceRecord.objects.create(source=first_feed, external_id="1", service=keep, content_hash="a")
    revision = other.save_revision()
    record = SourceRecord.objects.create(
        source=second_feed,
        external_id="1",
        service=other,
        content_hash="b",
        applied_revision=revision,
    )
    suggestion = ChangeSuggestion.objects.create(service=other, details="Now on Fridays")
    third = listing("Lunch club", phone="01724 000000")
    PhoneFactory(service=other, number="01724 000000")
    find_pairs()
    assert DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN).count() == 3
    user = staff_user(COORDINATOR)
    merge(keep, other, user)
    return {
        "keep": keep,
        "other": other,
        "older": older,
        "record": record,
        "suggestion": suggestion,
        "third": third,
        "user": user,
    }


def test_merge_keeps_one_and_moves_everything_to_it(merged):
    keep, other = merged["keep"], merged["other"]
    other.refresh_from_db()
    assert other.merged_into == keep and not other.live
    assert other.status == Service.Status.INACTIVE
    assert other.revisions.exists()  # nothing lost
    merged["older"].refresh_from_db()
    assert merged["older"].merged_into == keep
    merged["record"].refresh_from_db()
    assert merged["record"].service == keep and merged["record"].applied_revision is None
    merged["suggestion"].refresh_from_db()
    assert merged["suggestion"].service == keep
    pair = pair_between(keep, other)
    assert pair.status == DuplicatePair.Status.MERGED and pair.decided_by == merged["user"]
    # other's open pair with the third listing now belongs to the kept one
    assert pair_between(keep, merged["third"]).status == DuplicatePair.Status.OPEN
    assert pair_between(other, merged["third"]) is None
    assert ModelLogEntry.objects.filter(action=MERGED).count() == 2


def test_merge_refuses_a_listing_already_merged(merged):
    with pytest.raises(duplicates.MergeRefused):
        merge(merged["third"], merged["other"], merged["user"])


def test_merged_listing_page_and_api_id_redirect(client, merged):
    keep, other, older = merged["keep"], merged["other"], merged["older"]
    response = client.get(reverse("directory:service_detail", args=[other.pk]))
    assert response.status_code == 301
    assert response["Location"] == keep.get_absolute_url()
    response = client.get(reverse("directory:service_detail", args=[older.pk]))  # a chain
    assert response.status_code == 301 and response["Location"] == keep.get_absolute_url()
    response = client.get(reverse("oruk:service", args=[other.pk]))
    assert response.status_code == 301
    assert response["Location"] == reverse("oruk:service", args=[keep.pk])
    assert client.get(response["Location"]).json()["id"] == str(keep.pk)
    assert client.get(reverse("directory:service_detail", args=[keep.pk])).status_code == 200


def test_an_unpublished_listing_that_is_not_merged_is_still_not_found(client):
    draft = listing("Draft", live=False)
    assert client.get(reverse("directory:service_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("oruk:service", args=[draft.pk])).status_code == 404


# The queue


@pytest.fixture
def coordinator(client):
    sync_roles()  # Wagtail adds publish_service after the roles' post_migrate sync
    user = staff_user(COORDINATOR)
    client.force_login(user)
    return user


def first_contact_user():
    user = staff_user(FIRST_CONTACT)
    activate_totp(user)  # First Contact staff must use MFA
    return user


@pytest.fixture
def pair(coordinator):
    listing("Lunch club", postcode="DN15 6NL", curator=coordinator)
    listing("Lunch Club", postcode="DN15 6NL", curator=coordinator)
    [found] = find_pairs()
    return found


def test_queue_lists_open_pairs_highest_first(client, pair):
    weaker_a = listing("Carers group", phone="01724 111111", curator=pair.first.curator)
    weaker_b = listing("Coffee morning", phone="01724 111111", curator=pair.first.curator)
    find_pairs()
    response = client.get(reverse("directory_duplicates:queue"))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("Lunch club") < content.index(weaker_a.name)
    assert weaker_b.name in content and "same phone" in content
    assert "<caption" in content and 'scope="col"' in content


def test_pair_page_shows_both_side_by_side_with_three_buttons(client, pair):
    response = client.get(reverse("directory_duplicates:pair", args=[pair.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Keep the left one, merge the right into it" in content
    assert "Keep the right one, merge the left into it" in content
    assert "Not a duplicate" in content and "DN15 6NL" in content
    assert 'scope="row"' in content and "csrfmiddlewaretoken" in content


def test_the_menu_item_is_for_those_who_change_listings(client, pair):
    assert "Possible duplicates" in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(first_contact_user())
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200 and "Possible duplicates" not in dashboard.content.decode()


def test_first_contact_staff_may_not_open_the_queue(client, pair):
    client.force_login(first_contact_user())
    response = client.get(reverse("directory_duplicates:queue"))
    assert response.status_code == 302  # Wagtail sends them to the dashboard
    assert response["Location"] == reverse("wagtailadmin_home")
    response = client.post(reverse("directory_duplicates:not_duplicate", args=[pair.pk]))
    assert response["Location"] == reverse("wagtailadmin_home")
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.OPEN


def test_merge_from_the_pair_page(client, pair):
    url = reverse("directory_duplicates:merge", args=[pair.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"keep": "second"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("directory_duplicates:queue")
    assert "now leads to" in response.content.decode()
    pair.refresh_from_db()
    pair.first.refresh_from_db()
    assert pair.status == DuplicatePair.Status.MERGED
    assert pair.first.merged_into == pair.second


def test_merge_without_a_choice_says_so(client, pair):
    response = client.post(
        reverse("directory_duplicates:merge", args=[pair.pk]), {"keep": "both"}, follow=True
    )
    assert response.status_code == 200
    assert "Choose which listing to keep" in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.OPEN


def test_not_a_duplicate_from_the_pair_page(client, coordinator, pair):
    response = client.post(
        reverse("directory_duplicates:not_duplicate", args=[pair.pk]), follow=True
    )
    assert "marked as not duplicates" in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.NOT_DUPLICATE and pair.decided_by == coordinator
    again = client.post(reverse("directory_duplicates:not_duplicate", args=[pair.pk]), follow=True)
    assert "already decided" in again.content.decode()


def test_a_held_listing_is_published_when_it_is_not_a_duplicate(client, coordinator):
    live = listing("Lunch club", postcode="DN15 6NL", curator=coordinator)
    held = listing("Lunch club", postcode="DN15 6NL", curator=coordinator, live=False)
    revision = held.save_revision()
    held.refresh_from_db()
    pair = strong_match(held)
    moderated = Source.objects.create(name="Check first", trust=Source.Trust.MODERATE)
    SourceRecord.objects.create(source=moderated, external_id="1", service=held)
    assert not held_listing_can_publish(held)  # its pair is open
    pair.status = DuplicatePair.Status.NOT_DUPLICATE
    pair.save()
    # A "check first" source's new listing waits for moderation whatever the queue says.
    assert not held_listing_can_publish(held)
    pair.status = DuplicatePair.Status.OPEN
    pair.save()
    trusted = Source.objects.create(name="Trusted", trust=Source.Trust.PUBLISH)
    SourceRecord.objects.create(
        source=trusted, external_id="1", service=held, applied_revision=revision
    )
    assert pair is not None
    assert not held_listing_can_publish(held)  # its pair is open
    response = client.post(
        reverse("directory_duplicates:not_duplicate", args=[pair.pk]), follow=True
    )
    assert "is now published" in response.content.decode()
    held.refresh_from_db()
    assert held.live
    assert ModelLogEntry.objects.filter(action="wagtail.publish", object_id=str(held.pk)).exists()
    live.refresh_from_db()
    assert live.live


def test_a_coordinator_outside_the_patches_is_refused(client, coordinator):
    outsider = listing("Lunch club", postcode="DN15 6NL")
    mine = listing("Lunch club", postcode="DN15 6NL", curator=coordinator)
    [pair] = find_pairs()
    assert "Lunch club" not in client.get(reverse("directory_duplicates:queue")).content.decode()
    response = client.get(reverse("directory_duplicates:pair", args=[pair.pk]))
    assert response.status_code == 403
    response = client.post(reverse("directory_duplicates:merge", args=[pair.pk]), {"keep": "first"})
    assert response.status_code == 403
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.OPEN
    assert ModelLogEntry.objects.filter(
        action=REFUSED_OUTSIDE_PATCH, object_id=str(outsider.pk)
    ).exists()
    assert mine.merged_into is None


# The command


def test_find_duplicates_command(capsys):
    listing("Lunch club", postcode="DN15 6NL")
    listing("Lunch club", postcode="DN15 6NL")
    listing("Carers group", phone="01724 111111")
    listing("Coffee morning", phone="01724 111111")
    call_command("find_duplicates", "--dry-run")
    assert "2 possible duplicate pair(s) would be open, 1 strong" in capsys.readouterr().out
    assert not DuplicatePair.objects.exists()
    call_command("find_duplicates")
    assert "2 possible duplicate pair(s) open, 1 strong" in capsys.readouterr().out
    assert DuplicatePair.objects.count() == 2


def test_a_new_listing_with_exactly_the_same_name_as_a_live_one_is_held():
    listing("Spanish conversation", postcode="DN15 6NL")
    new = listing("Spanish  Conversation!", live=False)  # nothing else shared
    pair = strong_match(new)
    assert pair is not None and pair.score >= STRONG_SCORE
    assert "exactly the same name" in pair.reasons
    # Only an exact name: a close one with nothing shared is published.
    other = listing("Spanish conversation class", live=False)
    assert strong_match(other) is None


def test_one_networks_group_in_two_places_is_not_strong():
    text = "A friendly singing group for people living with dementia and the people who care."
    first = listing("Singing for the Brain – Halfway", postcode="S20 3GS", description=text)
    second = listing("Singing for the Brain – Park Hill", postcode="S2 5PH", description=text)
    listings = duplicates.load_listings(Service.objects.filter(pk__in=[first.pk, second.pk]))
    result, reasons = duplicates.score(listings[first.pk], listings[second.pk])
    assert result < CANDIDATE_SCORE and "different postcodes" in reasons
    # The same name in another place is not held back either.
    new = listing("Singing for the Brain – Halfway", postcode="S2 5PH", live=False)
    assert strong_match(new) is None


def test_a_new_listing_is_paired_with_its_closest_name_when_scores_tie():
    text = "Phonics games for children, with a family worker on hand for parents to talk to."
    for age in ("7-8", "9-11", "5-6"):
        listing(
            f"Curly's Funetics phonics club ({age} year olds)",
            postcode="DN15 6NL",
            description=text,
        )
    name = "Curly's Funetics phonics club (9-11 year olds)"  # the others are 94% alike: 100 too
    new = listing(name, postcode="DN15 6NL", description=text, live=False)
    pair = strong_match(new)
    assert {pair.first.name, pair.second.name} == {name}
