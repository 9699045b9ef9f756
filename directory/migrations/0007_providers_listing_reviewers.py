"""Coordinators (and Administrators) review changes in the listings' moderation workflow.

Provider accounts (#25 item 1) send every change through the workflow assigned to listings;
its approval task was Wagtail's default "Moderators" group only, which no Signpost role is in,
so a change waiting there locked the listing for coordinators (Wagtail's WorkflowLock) and no
one but a superuser could approve it. This adds the Coordinator and Administrator role groups
to each group-approval task of that workflow (found by portal.RoleGroup, or by name).
"""

from django.db import migrations

from portal.roles import ADMINISTRATOR, COORDINATOR

REVIEWER_ROLES = (COORDINATOR, ADMINISTRATOR)


def _tasks_and_groups(apps):
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.filter(app_label="directory", model="service")
        .first()
    )
    link = apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(
        content_type=content_type
    )
    workflow_ids = link.values("workflow_id")
    task_ids = (
        apps.get_model("wagtailcore", "WorkflowTask")
        .objects.filter(workflow_id__in=workflow_ids)
        .values("task_id")
    )
    tasks = apps.get_model("wagtailcore", "GroupApprovalTask").objects.filter(pk__in=task_ids)
    role_groups = apps.get_model("portal", "RoleGroup").objects.filter(role__in=REVIEWER_ROLES)
    group_model = apps.get_model("auth", "Group")
    groups = list(group_model.objects.filter(pk__in=role_groups.values("group_id")))
    if not groups:
        groups = list(group_model.objects.filter(name__in=REVIEWER_ROLES))
    return tasks, groups


def add_reviewers(apps, schema_editor):
    tasks, groups = _tasks_and_groups(apps)
    for task in tasks:
        task.groups.add(*groups)


def remove_reviewers(apps, schema_editor):
    tasks, groups = _tasks_and_groups(apps)
    for task in tasks:
        task.groups.remove(*groups)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_listings_that_stay_true"),
        ("portal", "0005_rolegroup_require_mfa_for_all_staff"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_reviewers, remove_reviewers)]
