"""The Carers Centre as the first partner organisation: it works from the Carers Centre
queue, and the referrals already there belong to it (accepted: it has been dealing with
them since they were routed there)."""

from django.db import migrations

CARERS_CENTRE = "carers_centre"


def create_carers_centre(apps, schema_editor):
    Partner = apps.get_model("referrals", "Partner")
    Referral = apps.get_model("referrals", "Referral")
    partner, _created = Partner.objects.get_or_create(
        team=CARERS_CENTRE, defaults={"name": "Carers Centre", "working_days": 5}
    )
    Referral.objects.filter(team=CARERS_CENTRE, partner__isnull=True).update(
        partner=partner, handover="accepted"
    )


def remove_carers_centre(apps, schema_editor):
    Partner = apps.get_model("referrals", "Partner")
    Referral = apps.get_model("referrals", "Referral")
    Referral.objects.filter(partner__team=CARERS_CENTRE).update(partner=None, handover="")
    apps.get_model("referrals", "HandoverEvent").objects.filter(
        partner__team=CARERS_CENTRE
    ).delete()
    Partner.objects.filter(team=CARERS_CENTRE).delete()


class Migration(migrations.Migration):
    dependencies = [("referrals", "0007_partners")]

    operations = [migrations.RunPython(create_carers_centre, remove_carers_centre)]
