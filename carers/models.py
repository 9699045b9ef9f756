"""The carers' hub: one landing page with advice sections, carers' support near the visitor
and the route to a carer's assessment (the self-referral form in carer mode)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from advice.blocks import AdviceStreamBlock, contents_from
from advice.models import ReviewablePageMixin
from carers.listings import carers_support_near
from directory.remembered_place import last_search_place


class CarersHubPage(ReviewablePageMixin, Page):
    """The carers' hub (slug "carers"): who counts as a carer, assessments, the carers' centre, planning, breaks, money."""

    intro = models.CharField(
        max_length=300,
        default="If you look after someone who could not manage without your help, you are a carer. "
        "You can get support too.",
    )
    assessment_heading = models.CharField(max_length=120, default="Ask for a carer's assessment")
    assessment_text = models.TextField(
        default="A carer's assessment is a conversation about how caring affects you and what "
        "would help. It is free. You can ask for one even if the person you care for does not "
        "get help from the council."
    )
    body = StreamField(AdviceStreamBlock())

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("assessment_heading"),
        FieldPanel("assessment_text"),
        FieldPanel("body"),
        *ReviewablePageMixin.review_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("assessment_text"),
        index.SearchField("body"),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["advice.AdvicePage"]
    max_count = 1

    class Meta:
        verbose_name = _("Carers' hub page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        place = last_search_place(request)
        context.update(
            contents=contents_from(self.body),
            place=place,
            carers_support=carers_support_near(place),
            carers_support_url=f"{reverse('search:service_search')}?kind=carers_support",
            # a carer's assessment is the self-referral form in carer mode
            assessment_url=f"{reverse('referrals:landing')}?as=carer",
            child_pages=self.get_children().live().public().specific().order_by("title"),
        )
        return context
