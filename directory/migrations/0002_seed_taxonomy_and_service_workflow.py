"""Seed the public category vocabulary and put Services under the default moderation workflow."""

from django.db import migrations

from directory.vocabulary import CATEGORIES, TAXONOMY_NAME, TAXONOMY_URI

DEFAULT_WORKFLOW_NAME = "Moderators approval"


def seed_taxonomy(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    taxonomy, _ = Taxonomy.objects.get_or_create(
        name=TAXONOMY_NAME,
        defaults={
            "uri": TAXONOMY_URI,
            "version": "1",
            "description": "Needs and categories for adult social care and carers.",
        },
    )
    terms = {}
    for code, name, description, _parent in CATEGORIES:
        terms[code], _ = TaxonomyTerm.objects.update_or_create(
            code=code,
            defaults={
                "taxonomy": taxonomy,
                "name": name,
                "description": description,
                "term_uri": f"{TAXONOMY_URI}/{code}",
                "is_public_category": True,
            },
        )
    for code, _name, _description, parent in CATEGORIES:
        if parent:
            TaxonomyTerm.objects.filter(pk=terms[code].pk).update(parent=terms[parent])


def unseed_taxonomy(apps, schema_editor):
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm.objects.filter(code__in=[row[0] for row in CATEGORIES]).delete()
    Taxonomy.objects.filter(name=TAXONOMY_NAME, terms__isnull=True).delete()


def assign_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = (
        Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME, active=True).first()
        or Workflow.objects.filter(active=True).order_by("pk").first()
    )
    if workflow is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="directory", model="service")
    WorkflowContentType.objects.get_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )


def unassign_workflow(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__app_label="directory", content_type__model="service"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(seed_taxonomy, unseed_taxonomy),
        migrations.RunPython(assign_workflow, unassign_workflow),
    ]
