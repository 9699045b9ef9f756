"""The Wagtail admin's "Import listings from a spreadsheet" (/admin/listings-import/).

Upload and check a CSV file (the report: rows ready, rows with problems), then import it.
Between the two steps the checked file's text waits in the server-side session (never in a
hidden field), and it is checked again before anything is written. Who may use it is the
viewset's policy: whoever may add listings (Coordinators, Administrators).
"""

from django import forms
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.permission_policies.base import ModelPermissionPolicy

from directory.csv_import import (
    MAX_FILE_BYTES,
    TEMPLATE_PATH,
    CsvFileError,
    RowsInvalid,
    check_csv,
    csv_source,
    decode,
    import_checked,
    log_import,
    refuse_outside_patches,
    service_ids,
)
from directory.models import Service, Source, SyncRun
from directory.patches import is_patch_limited
from directory.sources.sync import describe
from portal.admin_viewsets import GuardedView, GuardedViewSet

SESSION_KEY = "directory_csv_import"
PROBLEMS_SHOWN = 500


class UploadForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    source_name = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=120,
        help_text=gettext_lazy(
            'Where the listings come from, e.g. "Community hub list". Use the same name when '
            "you import an updated copy, so listings are updated rather than added twice."
        ),
        error_messages={"required": gettext_lazy("Enter a name for the source")},
    )
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("A .csv file in our template, up to 5 MB."),
        error_messages={
            "required": gettext_lazy("Choose a CSV file to check"),
            "empty": gettext_lazy("The file is empty."),
        },
    )

    def clean_source_name(self):
        try:
            return csv_source(self.cleaned_data["source_name"], create=False).name
        except CsvFileError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("The file must be a CSV file (ending .csv)"))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 5 MB"))
        try:
            text, note = decode(upload.read())
            self.checked = check_csv(text)
            self.checked.note = note
            refuse_outside_patches(
                self.checked, self.cleaned_data.get("source_name", ""), self.user
            )
        except CsvFileError as error:
            raise forms.ValidationError(str(error)) from error
        return text


def _page(request, template, context):
    return TemplateResponse(
        request,
        template,
        {
            "header_title": _("Import listings from a spreadsheet"),
            "page_title": _("Import listings from a spreadsheet"),
            "header_icon": "upload",
            "template_url": reverse("directory_csv_import:template"),
            **context,
        },
    )


class UploadView(GuardedView):
    """The upload form; a good file's report, with the import buttons."""

    def get(self, request):
        return self.form_page(request, UploadForm(user=request.user))

    @staticmethod
    def form_page(request, form):
        sources = Source.objects.filter(kind=Source.Kind.CSV).values_list("name", flat=True)
        return _page(
            request, "directory/admin/csv_upload.html", {"form": form, "sources": list(sources)}
        )

    def post(self, request):
        form = UploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.form_page(request, form)
        request.session[SESSION_KEY] = {
            "text": form.cleaned_data["file"],
            "source": form.cleaned_data["source_name"],
        }
        return _report(request, form.checked, form.cleaned_data["source_name"])


def _report(request, checked, source_name):
    return _page(
        request,
        "directory/admin/csv_report.html",
        {
            "checked": checked,
            "source_name": source_name,
            "problems": checked.problems[:PROBLEMS_SHOWN],
            "more_problems": max(0, len(checked.problems) - PROBLEMS_SHOWN),
            "bad_row_count": len(checked.bad_rows),
        },
    )


class ImportView(GuardedView):
    """Check the file kept in the session again, and write it (all rows, or the good ones)."""

    http_method_names = ["post"]

    def post(self, request):
        pending = request.session.get(SESSION_KEY)
        if not pending:
            messages.error(request, _("Upload the file again: it is no longer waiting."))
            return redirect("directory_csv_import:upload")
        try:
            checked = check_csv(pending["text"])
            refuse_outside_patches(checked, pending["source"], request.user)
            source = csv_source(pending["source"])
            existing = set(service_ids(checked, source.name))
            run = import_checked(source, checked, partial=request.POST.get("rows") == "good")
        except CsvFileError as error:
            messages.error(request, str(error))
            return redirect("directory_csv_import:upload")
        except RowsInvalid:
            messages.error(request, _("Some rows have problems, so nothing was imported."))
            return _report(request, checked, pending["source"])
        del request.session[SESSION_KEY]
        if is_patch_limited(request.user):  # as for a listing they add in the editor
            new = set(service_ids(checked, source.name)) - existing
            Service.objects.filter(pk__in=new, curator=None).update(curator=request.user)
        log_import(source, checked, run, user=request.user)
        if run.status == SyncRun.Status.FAILED:
            messages.error(request, describe(run))
            return _report(request, checked, pending["source"])
        messages.success(
            request,
            _("Imported %(count)s rows from the spreadsheet into %(source)s: %(summary)s.")
            % {"count": len(checked), "source": source.name, "summary": describe(run)},
        )
        return redirect("wagtailsnippets_directory_service:list")


class TemplateView(GuardedView):
    http_method_names = ["get", "head"]

    def get(self, request):
        return FileResponse(
            TEMPLATE_PATH.open("rb"),
            as_attachment=True,
            filename="signpost-listings-template.csv",
            content_type="text/csv",
        )


class CsvImportViewSet(GuardedViewSet):
    """Whoever may add listings may import them."""

    name = "directory_csv_import"
    url_prefix = "listings-import"
    menu_label = gettext_lazy("Import listings")
    icon = "upload"
    menu_order = 305
    permission_policy = ModelPermissionPolicy(Service)
    menu_action = "add"

    def get_urlpatterns(self):
        return [
            path("", self.guarded(UploadView, "add"), name="upload"),
            path("import/", self.guarded(ImportView, "add"), name="import"),
            path("template.csv", self.guarded(TemplateView, "add"), name="template"),
        ]
