"""The Directory menu in the Wagtail admin: listings (moderated snippets) and their reference data."""

from functools import wraps

import django_filters
from django import forms
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.csv_import import CSV_IMPORTED
from directory.csv_import_admin import CsvImportViewSet
from directory.duplicates import MERGED, SET_ASIDE
from directory.duplicates_admin import DuplicatesViewSet
from directory.editor import (
    QualityPanel,
    ScheduleInlinePanel,
    ServiceForm,
    TimeInput,
    description_widget,
)
from directory.home_panels import DirectoryPanel
from directory.models import (
    Area,
    LocalAreaCoordinator,
    Location,
    Organisation,
    Service,
    TaxonomyTerm,
)
from directory.patches import (
    EDIT_ALL_PATCHES,
    REFUSED_OUTSIDE_PATCH,
    SUGGESTION_FIELD_APPLIED,
    is_patch_limited,
    limit_to_patches,
    may_open,
    refuse_outside_patch,
)
from directory.providers import wagtail_hooks as provider_hooks  # noqa: F401 - registers hooks
from directory.quality import check_choices, failing_ids
from directory.review_links import CONFIRMED_CORRECT
from directory.reviews import NEEDS_CHECKING
from directory.sources.admin import ProvenancePanel, SourceViewSet
from directory.suggestions.viewsets import SuggestionsViewSet
from portal.home_panels import add_panel


class ReviewDueColumn(DateColumn):
    """The review date, flagged when it has passed."""

    cell_template_name = "directory/admin/review_due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.review_due < timezone.localdate()
        return context


ANY_PROBLEM = "any"


class ServiceFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(
        label="Overdue for review",
        method="filter_overdue",
        widget=django_filters.widgets.BooleanWidget(),
    )
    needs_checking = django_filters.BooleanFilter(
        label="Needs checking (taken down when long overdue)",
        method="filter_needs_checking",
        widget=django_filters.widgets.BooleanWidget(),
    )
    area = django_filters.ModelChoiceFilter(
        label="Area or patch",
        queryset=Area.objects.filter(kind__in=[Area.Kind.WARD, Area.Kind.LAC_PATCH]),
        method="filter_area",
    )

    quality = django_filters.ChoiceFilter(
        label="Quality problems",
        choices=[(ANY_PROBLEM, "Any problem"), *check_choices()],
        method="filter_quality",
        empty_label="Any or none",
    )

    class Meta:
        model = Service
        fields = ["kind", "status", "live", "taxonomy_terms"]

    def filter_quality(self, queryset, name, value):
        """Listings failing the chosen quality check (or any): the checks run over the listings
        already filtered, in a fixed number of queries (directory.quality)."""
        if not value:
            return queryset
        code = None if value == ANY_PROBLEM else value
        return queryset.filter(pk__in=failing_ids(queryset, code))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Q(review_due__lt=timezone.localdate())
        return queryset.filter(overdue if value else ~overdue)

    def filter_needs_checking(self, queryset, name, value):
        if value is None:
            return queryset
        taken_down = Q(needs_checking_since__isnull=False)
        return queryset.filter(taken_down if value else ~taken_down)

    def filter_area(self, queryset, name, area):
        """Listings at a location in the area (or in a ward of the patch), or covering it."""
        if area is None:
            return queryset
        return queryset.filter(
            Q(service_at_locations__location__area=area)
            | Q(service_at_locations__location__area__patches=area)
            | Q(service_areas=area)
        ).distinct()


class ServiceIndexView(SnippetIndexView):
    @cached_property
    def header_buttons(self):
        """Beside "Add listing", for whoever may add one: import them from a spreadsheet."""
        buttons = super().header_buttons
        if self.add_url:
            buttons.append(
                HeaderButton(
                    _("Import from a spreadsheet"),
                    url=reverse("directory_csv_import:upload"),
                    icon_name="upload",
                )
            )
        return buttons


class ServiceViewSet(SnippetViewSet):
    model = Service
    index_view_class = ServiceIndexView
    icon = "list-ul"
    menu_label = "Listings"
    ordering = "review_due"  # overdue first
    list_display = [
        "name",
        "organisation",
        Column("kind", label="Kind", accessor="get_kind_display"),
        ReviewDueColumn("review_due", label="Review due", sort_key="review_due"),
        "status",
        "live",
        DateColumn(
            "needs_checking_since", label="Taken down to check", sort_key="needs_checking_since"
        ),
    ]
    list_export = [
        "name",
        "organisation",
        "kind",
        "status",
        "live",
        "last_reviewed",
        "review_due",
        "needs_checking_since",
    ]
    filterset_class = ServiceFilterSet
    search_fields = ["name", "summary", "description"]
    search_backend_name = None  # plain database search in the admin
    copy_view_enabled = False
    inspect_view_enabled = True

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    QualityPanel(heading=_("Quality checks")),
                    FieldPanel("name"),
                    FieldPanel("organisation"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                    FieldPanel("summary"),
                    FieldPanel(
                        "description",
                        widget=description_widget(),
                        help_text=_("Paragraphs, bold, lists and links."),
                    ),
                    FieldPanel("taxonomy_terms", widget=forms.CheckboxSelectMultiple),
                    MultiFieldPanel(
                        [
                            FieldPanel("how_to_access"),
                            FieldPanel("eligibility"),
                            FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                            FieldPanel("languages"),
                            FieldPanel("accessibility_notes"),
                        ],
                        heading="Who it is for and how to get it",
                    ),
                    FieldRowPanel([FieldPanel("url"), FieldPanel("email")]),
                ],
                heading="Listing",
            ),
            ObjectList(
                [
                    InlinePanel("service_at_locations", heading="Locations", label="Location"),
                    ScheduleInlinePanel(
                        "schedules",
                        heading="Opening times",
                        label="Session",
                        panels=[
                            FieldPanel("weekdays"),
                            FieldRowPanel(
                                [
                                    FieldPanel("opens_at", widget=TimeInput()),
                                    FieldPanel("closes_at", widget=TimeInput()),
                                ]
                            ),
                            FieldPanel("service_at_location", heading="Where"),
                            FieldPanel("description"),
                            FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
                            FieldPanel("open_on_bank_holidays"),
                        ],
                    ),
                    FieldPanel("service_areas"),
                ],
                heading="Where and when",
            ),
            ObjectList(
                [
                    InlinePanel("phones", heading="Phone numbers", label="Phone number"),
                    InlinePanel("contacts", heading="Contacts", label="Contact"),
                ],
                heading="Contact",
            ),
            ObjectList(
                [
                    FieldPanel("is_free"),
                    FieldPanel("fees_description"),
                    InlinePanel("cost_options", heading="Prices", label="Price"),
                ],
                heading="Cost",
            ),
            ObjectList(
                [
                    FieldPanel("curator"),
                    FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_due")]),
                    ProvenancePanel(),
                ],
                heading="Review",
            ),
        ],
        base_form_class=ServiceForm,
    )

    def get_queryset(self, request):
        """Coordinators see only the listings in their patches (directory.patches)."""
        queryset = Service.objects.select_related("organisation", "latest_revision")
        return limit_to_patches(queryset, request.user)

    def get_urlpatterns(self):
        """Every view of one listing (edit, delete, history, preview, workflow…) is refused,
        and the attempt logged, when the listing is outside a coordinator's patches."""
        return [
            URLPattern(
                pattern.pattern,
                patch_guarded(pattern.callback, pattern.name),
                pattern.default_args,
                pattern.name,
            )
            if "pk" in getattr(pattern.pattern, "converters", {})
            or "(?P<pk>" in str(pattern.pattern)
            else pattern
            for pattern in super().get_urlpatterns()
        ]


def patch_guarded(view, view_name: str):
    @wraps(view)
    def guarded(request, *args, pk, **kwargs):
        service = get_object_or_404(Service, pk=unquote(str(pk)))
        if not may_open(request.user, service):
            return refuse_outside_patch(request, service, view_name)
        return view(request, *args, pk=pk, **kwargs)

    return guarded


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    search_backend_name = None
    icon = "group"
    list_display = ["name", "email", "phone", "charity_number"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("url"),
        FieldPanel("charity_number"),
        FieldPanel("logo"),
    ]


class LocationViewSet(SnippetViewSet):
    model = Location
    search_backend_name = None
    icon = "site"
    list_display = ["name", "address_1", "postcode", "area"]
    list_filter = ["step_free_access", "hearing_loop"]
    search_fields = ["name", "address_1", "postcode"]
    panels = [
        FieldPanel("name"),
        FieldPanel("address_1"),
        FieldPanel("address_2"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("postcode")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("area", help_text="Set from the postcode when you save."),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("hearing_loop"),
                FieldPanel("accessible_toilet"),
                FieldPanel("parking"),
                FieldPanel("accessibility_notes"),
            ],
            heading="Accessibility",
        ),
    ]

    def get_queryset(self, request):
        return Location.objects.select_related("area")


class AreaViewSet(SnippetViewSet):
    model = Area
    search_backend_name = None
    icon = "globe"
    list_display = ["name", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("code")]),
        FieldPanel("parent"),
        FieldPanel("wards"),
        FieldRowPanel([FieldPanel("centroid_latitude"), FieldPanel("centroid_longitude")]),
    ]


class LocalAreaCoordinatorViewSet(SnippetViewSet):
    model = LocalAreaCoordinator
    search_backend_name = None
    icon = "user"
    menu_label = "Local area coordinators"
    list_display = ["name", "role", "phone", "is_active"]
    list_filter = ["is_active", "patches"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        # Who may give out patches may edit in every patch: a coordinator cannot widen
        # their own (directory.patches).
        FieldPanel("patches", permission=EDIT_ALL_PATCHES),
        FieldPanel("user", permission=EDIT_ALL_PATCHES),
        FieldPanel("is_active"),
    ]


class TaxonomyTermViewSet(SnippetViewSet):
    model = TaxonomyTerm
    search_backend_name = None
    icon = "tag"
    menu_label = "Categories"
    list_display = ["name", "code", "parent", "is_public_category"]
    list_filter = ["taxonomy", "is_public_category"]
    search_fields = ["name", "code"]
    panels = [
        FieldPanel("taxonomy"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldPanel("description"),
        FieldPanel("parent"),
        FieldPanel("is_public_category"),
    ]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = "Directory"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        ServiceViewSet,
        OrganisationViewSet,
        LocationViewSet,
        AreaViewSet,
        LocalAreaCoordinatorViewSet,
        TaxonomyTermViewSet,
        DuplicatesViewSet,
        SourceViewSet,
    )


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_log_actions")
def register_directory_log_actions(actions):
    actions.register_action(
        REFUSED_OUTSIDE_PATCH,
        _("Refused: outside the coordinator's patches"),
        _("Refused: outside the coordinator's patches"),
    )
    actions.register_action(
        CSV_IMPORTED,
        _("Import listings from a spreadsheet"),
        _("Listings imported from a spreadsheet"),
    )
    actions.register_action(
        SUGGESTION_FIELD_APPLIED,
        _("Apply a suggested change"),
        _("Suggested change applied"),
    )
    actions.register_action(MERGED, _("Merge duplicate listings"), _("Merged with a duplicate"))
    actions.register_action(SET_ASIDE, _("Mark as not a duplicate"), _("Marked as not a duplicate"))
    actions.register_action(
        CONFIRMED_CORRECT,
        _("Confirm still correct"),
        _("Confirmed still correct (review email link)"),
    )
    actions.register_action(
        NEEDS_CHECKING,
        _("Take down to check"),
        _("Taken down to check: long past its review date"),
    )


@hooks.register("after_create_snippet")
def coordinators_curate_the_listings_they_add(request, instance):
    """A listing a coordinator adds is theirs to look after (so they can open it again
    before it has a location in their patches)."""
    if (
        isinstance(instance, Service)
        and instance.curator_id is None
        and is_patch_limited(request.user)
    ):
        Service.objects.filter(pk=instance.pk).update(curator=request.user)


@hooks.register("before_bulk_action")
def refuse_bulk_actions_outside_patch(request, action_type, objects, action_class_instance):
    """Bulk delete/publish/unpublish of listings: all of them must be in the user's patches."""
    for obj in objects:
        if isinstance(obj, Service) and not may_open(request.user, obj):
            return refuse_outside_patch(request, obj, f"bulk:{action_type}")
    return None


@hooks.register("register_admin_viewset")
def register_suggestions_viewset():
    """The coordinators' queue of public change suggestions (/admin/suggestions/)."""
    return SuggestionsViewSet()


@hooks.register("register_admin_viewset")
def register_csv_import_viewset():
    """Import listings from a spreadsheet (/admin/listings-import/)."""
    return CsvImportViewSet()


@hooks.register("construct_homepage_panels")
def add_directory_panel(request, panels):
    """Suggestions waiting and listings overdue for review (directory.home_panels)."""
    add_panel(panels, DirectoryPanel(request))
