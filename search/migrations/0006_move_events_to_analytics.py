"""The search and referral events moved to the analytics app, which now owns them: only Django's
record of the models changes here; the tables stay as they are (analytics 0003 takes them over)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('search_analytics', '0003_events_from_search'),
        ('search', '0005_opening_times'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='searchclick',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='searchclick',
                    name='service',
                ),
                migrations.RemoveField(
                    model_name='searchevent',
                    name='area',
                ),
                migrations.DeleteModel(
                    name='ReferralEvent',
                ),
                migrations.DeleteModel(
                    name='SearchClick',
                ),
                migrations.DeleteModel(
                    name='SearchEvent',
                ),
            ],
        ),
    ]
