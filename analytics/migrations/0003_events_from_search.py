"""The search and referral events, moved here from the search app: the tables it created
(search_searchevent, search_searchclick, search_referralevent) are taken over as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_opening_times'),
        ('directory', '0002_seed_taxonomy_and_service_workflow'),
        ('search_analytics', '0002_monthly_roll_ups'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ReferralEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.UUIDField(unique=True)),
                        ('created_hour', models.DateTimeField(db_index=True)),
                        ('team', models.CharField(max_length=30)),
                        ('postcode_district', models.CharField(blank=True, max_length=4)),
                        ('is_carer', models.BooleanField(default=False)),
                        ('carer_assessment_requested', models.BooleanField(default=False)),
                        ('needs', models.JSONField(blank=True, default=list, help_text='Wellbeing outcome codes chosen.')),
                        ('session_hash', models.CharField(blank=True, db_index=True, max_length=16)),
                        ('outcome', models.CharField(blank=True, db_index=True, max_length=40)),
                        ('closed_month', models.DateField(blank=True, null=True)),
                        ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='directory.area')),
                    ],
                    options={
                        'db_table': 'search_referralevent',
                    },
                ),
                migrations.CreateModel(
                    name='SearchEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('occurred_hour', models.DateTimeField(db_index=True, help_text='Time of the search, to the hour.')),
                        ('query', models.CharField(blank=True, help_text='Normalised, scrubbed text.', max_length=200)),
                        ('categories', models.JSONField(blank=True, default=list)),
                        ('category', models.CharField(blank=True, help_text='First category filter, for grouping (code).', max_length=100)),
                        ('kind', models.CharField(blank=True, max_length=20)),
                        ('filters', models.JSONField(blank=True, default=dict, help_text='radius, open_now, free, age, sort.')),
                        ('postcode_district', models.CharField(blank=True, help_text='Outcode only, e.g. "S6".', max_length=4)),
                        ('result_count', models.PositiveIntegerField(default=0)),
                        ('latency_ms', models.FloatField(default=0)),
                        ('backend', models.CharField(blank=True, max_length=20)),
                        ('session_hash', models.CharField(blank=True, db_index=True, max_length=16)),
                        ('is_carer_search', models.BooleanField(default=False)),
                        ('followed_by_referral', models.BooleanField(default=False)),
                        ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='directory.area')),
                    ],
                    options={
                        'db_table': 'search_searchevent',
                    },
                ),
                migrations.CreateModel(
                    name='SearchClick',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField(blank=True, null=True)),
                        ('occurred_hour', models.DateTimeField(db_index=True)),
                        ('session_hash', models.CharField(blank=True, db_index=True, max_length=16)),
                        ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='directory.service')),
                        ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='clicks', to='search_analytics.searchevent')),
                    ],
                    options={
                        'db_table': 'search_searchclick',
                    },
                ),
                migrations.AddIndex(
                    model_name='searchevent',
                    index=models.Index(fields=['query', 'occurred_hour'], name='searchevent_query_hour'),
                ),
                migrations.AddIndex(
                    model_name='searchevent',
                    index=models.Index(fields=['category', 'occurred_hour'], name='searchevent_category_hour'),
                ),
                migrations.AddIndex(
                    model_name='searchevent',
                    index=models.Index(fields=['area', 'occurred_hour'], name='searchevent_area_hour'),
                ),
                migrations.AddIndex(
                    model_name='searchevent',
                    index=models.Index(fields=['result_count', 'occurred_hour'], name='searchevent_results_hour'),
                ),
            ],
        ),
    ]
