"""Advice pages (index + article), review dates for content pages, and page feedback."""

import datetime
from collections import Counter

from django import forms
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from advice.blocks import AdviceStreamBlock, contents_from

REVIEW_INTERVAL = datetime.timedelta(days=365)
CONTENTS_LIST_MIN_HEADINGS = 3


def default_next_review() -> datetime.date:
    return timezone.localdate() + REVIEW_INTERVAL


class ReviewablePageMixin(models.Model):
    """A content owner and a next-review date; overdue pages appear in "Pages due for review"."""

    content_owner = models.CharField(
        max_length=120, blank=True, help_text=_("The team or person who keeps this page accurate.")
    )
    next_review = models.DateField(
        default=default_next_review, help_text=_("When the content owner should check this page.")
    )

    review_panels = [
        MultiFieldPanel(
            [FieldPanel("content_owner"), FieldPanel("next_review")], heading=_("Review")
        )
    ]

    class Meta:
        abstract = True

    @property
    def is_overdue_for_review(self) -> bool:
        return self.next_review < timezone.localdate()


class AdviceIndexPage(Page):
    """The list of advice topics (the section's landing page, slug "advice")."""

    intro = models.CharField(
        max_length=250,
        default="Plain-English advice about care and support, staying independent and looking after someone.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["advice.AdvicePage"]
    max_count = 1

    class Meta:
        verbose_name = "Advice index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = self.pages_by_topic()
        return context

    def pages_by_topic(self) -> list[dict]:
        """[{"topic": TaxonomyTerm | None, "pages": [AdvicePage]}], topics A-Z, untagged last.

        Each page is listed once, under its main topic: of the topics it is tagged with, the
        one most pages here share (then the first A-Z), so the index has a few full groups
        rather than a page repeated under each of its topics ("Feeling lonely" is tagged
        social activities, befriending and mental health). Its other topics still link from
        the page itself.
        """
        pages = list(
            AdvicePage.objects.live()
            .public()
            .child_of(self)
            .order_by("title")
            .prefetch_related("topics")
        )
        pages_per_topic = Counter(topic for page in pages for topic in page.topics.all())
        groups: dict = {}
        untagged = []
        for advice_page in pages:
            topics = list(advice_page.topics.all())
            if not topics:
                untagged.append(advice_page)
                continue
            main = min(topics, key=lambda term: (-pages_per_topic[term], term.name))
            groups.setdefault(main, []).append(advice_page)
        ordered = [
            {"topic": topic, "pages": groups[topic]}
            for topic in sorted(groups, key=lambda term: term.name)
        ]
        if untagged:
            ordered.append({"topic": None, "pages": untagged})
        return ordered


class AdvicePage(ReviewablePageMixin, Page):  # noqa: DJ008 (Page has __str__)
    """One advice article, tagged with directory categories so pages and listings cross-link."""

    summary = models.CharField(
        max_length=250, help_text=_("One or two plain sentences, shown in lists and search.")
    )
    topics = ParentalManyToManyField(
        "directory.TaxonomyTerm",
        blank=True,
        related_name="advice_pages",
        help_text=_("Directory categories this page is about."),
    )
    body = StreamField(AdviceStreamBlock())

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        *ReviewablePageMixin.review_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["advice.AdviceIndexPage", "carers.CarersHubPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Advice page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        contents = contents_from(self.body)
        context["contents"] = contents if len(contents) >= CONTENTS_LIST_MIN_HEADINGS else []
        search_url = reverse("search:service_search")
        context["topic_links"] = [
            {"topic": topic, "search_url": f"{search_url}?category={topic.code}"}
            for topic in self.topics.all()
        ]
        return context


class PageFeedback(models.Model):
    """An anonymous "Was this page helpful?" answer. Comments are scrubbed of personal details."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    comment = models.TextField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"

    def __str__(self):
        return f"{'Yes' if self.helpful else 'No'} on page {self.page_id}"


class AdviceSearchEntry(models.Model):
    """A live, public advice page in the site search's own full-text index (advice.search).

    Only live pages outside private sections have a row; `advice.search.index_advice_pages`
    rebuilds the rows whenever a page that holds advice is published, unpublished, moved or
    deleted, or a section's privacy changes. The full text lives in an FTS5 table
    `advice_search_fts` (external content = this table, kept in step by triggers) on SQLite
    and in a generated, weighted `document tsvector` column on PostgreSQL (migration 0002).
    """

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="The page's text and its topics.")
    url = models.CharField(max_length=255)

    def __str__(self):
        return self.title
