"""Encryption at rest, key rotation, references and routing."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from referrals import crypto
from referrals.choices import FilledInBy, Team
from referrals.models import CaseNote, Referral
from referrals.references import ALPHABET, is_reference, new_reference
from referrals.routing import team_for
from tests.factories.referrals import answers, referral

pytestmark = pytest.mark.django_db


def raw_answers(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers_encrypted FROM referrals_referral WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_personal_answers_are_encrypted_at_rest():
    made = referral()
    raw = raw_answers(made.pk)
    assert "Margaret" not in raw and "S1 2HH" not in raw and "1942" not in raw
    assert Referral.objects.get(pk=made.pk).answers["person"]["full_name"] == "Margaret Example"


def test_key_rotation_re_encrypts_with_the_new_key(settings):
    made = referral()
    note = CaseNote(referral=made)
    note.text = "Spoke to daughter"
    note.save()
    old_key = settings.FIELD_ENCRYPTION_KEY
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = f"{new_key},{old_key}"
    call_command("rotate_referral_keys")
    settings.FIELD_ENCRYPTION_KEY = new_key  # the old key is gone
    assert Referral.objects.get(pk=made.pk).answers["person"]["full_name"] == "Margaret Example"
    assert CaseNote.objects.get(pk=note.pk).text == "Spoke to daughter"
    settings.FIELD_ENCRYPTION_KEY = old_key
    with pytest.raises(crypto.InvalidToken):
        Referral.objects.get(pk=made.pk).answers  # noqa: B018


def test_references_are_unambiguous():
    for _ in range(200):
        reference = new_reference()
        assert is_reference(reference)
        assert not set(reference[3:].replace("-", "")) & set("0O1IL")
    assert set(ALPHABET).isdisjoint("0O1IL")


def test_reference_collision_is_retried(monkeypatch):
    first = referral()
    drawn = iter([first.reference, "SP-2345-67"])
    monkeypatch.setattr("referrals.services.new_reference", lambda: next(drawn))
    second = referral()
    assert second.reference == "SP-2345-67"


@pytest.mark.parametrize(
    ("who", "carer", "team"),
    [
        (FilledInBy.MYSELF, {}, Team.FIRST_CONTACT),
        (FilledInBy.SOMEONE_ELSE, {}, Team.FIRST_CONTACT),
        (FilledInBy.CARER, {"support_for": "carer", "wants_assessment": False}, Team.CARERS_CENTRE),
        (FilledInBy.CARER, {"support_for": "both", "wants_assessment": False}, Team.CARERS_CENTRE),
        (
            FilledInBy.CARER,
            {"support_for": "cared_for", "wants_assessment": True},
            Team.CARERS_CENTRE,
        ),
        (
            FilledInBy.CARER,
            {"support_for": "cared_for", "wants_assessment": False},
            Team.FIRST_CONTACT,
        ),
    ],
)
def test_routing(who, carer, team):
    assert team_for(answers(who, carer=carer)) == team
