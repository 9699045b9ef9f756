"""Factories for advice and carers' pages (created in the Wagtail tree, published)."""

import datetime

import factory
from django.utils import timezone

from advice.models import AdviceIndexPage, AdvicePage, PageFeedback
from carers.models import CarersHubPage

factory.Faker._DEFAULT_LOCALE = "en_GB"


class PageFactory(factory.Factory):
    """Builds a page and adds it under `parent` (default: the site's home page), published."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, live=True, **kwargs):
        from wagtail.models import Site

        parent = parent or Site.objects.get(is_default_site=True).root_page
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.unpublish()
        page.refresh_from_db()
        return page


class AdviceIndexPageFactory(PageFactory):
    class Meta:
        model = AdviceIndexPage

    title = "Advice"
    slug = "advice"


class AdvicePageFactory(PageFactory):
    class Meta:
        model = AdvicePage

    title = factory.Sequence(lambda n: f"Advice article {n}")
    slug = factory.Sequence(lambda n: f"advice-article-{n}")
    summary = factory.Faker("sentence")
    content_owner = "Adult social care information team"
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": "What you can do"},
            {"type": "text", "value": "<p>Plain advice about getting support.</p>"},
        ]
    )

    @classmethod
    def _create(cls, model_class, *args, topics=(), **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        if topics:
            page.topics.set(topics)
            revision = page.save_revision()
            if page.live:
                revision.publish()
            page.refresh_from_db()
        return page


class CarersHubPageFactory(PageFactory):
    class Meta:
        model = CarersHubPage

    title = "Support for carers"
    slug = "carers"
    content_owner = "Carers' centre"
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": "What counts as a carer"},
            {"type": "text", "value": "<p>You look after someone who needs help.</p>"},
        ]
    )


class PageFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageFeedback

    helpful = True
    comment = ""


def overdue(days: int = 10) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)
