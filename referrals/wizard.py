"""The self-referral wizard: one question page per step, each with its own URL (so the back
link and browser history work without JavaScript), answers kept encrypted server-side."""

import logging
import uuid

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from formtools.wizard.views import NamedUrlWizardView

from checks.eligibility_flow import BadAnswers
from directory.models import Service
from directory.shortlist import shortlist_ids
from portal import ratelimit
from portal.visits import visit_key
from referrals import crypto, forms, from_check, routing
from referrals.answers import build_answers, summary
from referrals.choices import ContactMethod, FilledInBy, PersonAgrees, Urgency
from referrals.models import Referral
from referrals.next_steps import working_days_for
from referrals.references import is_reference
from referrals.services import stored_submission, submit_referral
from referrals.storage import EncryptedSessionStorage, timeout_minutes
from referrals.views import confirmation, site_settings

logger = logging.getLogger(__name__)

STEPS = [
    ("urgent", forms.UrgentForm),
    ("who", forms.WhoForm),
    ("consent", forms.ConsentForm),
    # Someone asking for another person, or a professional referring them: about
    # themselves first; a professional then says who consented to the referral, and when.
    ("your-name", forms.YourNameForm),
    ("relationship", forms.RelationshipForm),
    ("your-role", forms.ProfessionalRoleForm),
    ("your-organisation", forms.OrganisationForm),
    ("your-contact", forms.YourContactForm),
    ("consent-given-by", forms.ConsentGivenByForm),
    ("consent-date", forms.ConsentDateForm),
    # The person who needs help (or the carer), one question a page.
    ("name", forms.NameForm),
    ("date-of-birth", forms.DateOfBirthForm),
    ("address", forms.AddressForm),
    ("contact", forms.ContactForm),
    ("best-time", forms.BestTimeForm),  # only if they can be phoned
    ("contact-notes", forms.ContactNotesForm),
    ("communication", forms.CommunicationForm),
    ("situation", forms.SituationForm),
    ("what-matters", forms.WhatMattersForm),
    ("outcomes", forms.OutcomesForm),
    # A carer's own caring role.
    ("carer-hours", forms.CaringHoursForm),
    ("carer-support", forms.SupportForForm),
    ("carers-assessment", forms.CarersAssessmentForm),
    ("about-cared-for", forms.TellAboutCaredForForm),
    ("cared-for", forms.CaredForForm),  # only if the carer wants to tell us about them
    ("gp", forms.GPForm),
    ("services", forms.ServicesForm),  # only if they saved services to a shortlist
    ("tried", forms.TriedForm),
    ("check", forms.CheckForm),  # check your answers, then "Accept and send"
]
REFERRER_STEPS = ("your-name", "your-contact")  # someone else or a professional
PROFESSIONAL_STEPS = ("your-role", "your-organisation", "consent-given-by", "consent-date")
CARER_STEPS = ("carer-hours", "carer-support", "carers-assessment", "about-cared-for")
NO_SUMMARY = {"urgent", "check"}
STEP_URL_NAME = "referrals:step"
DONE_STEP = "finished"  # formtools' done step: stores the referral
# `/self-referral/start/?as=...`: the answer the "who" question starts with.
PRESETS = {"carer": FilledInBy.CARER, "professional": FilledInBy.PROFESSIONAL}


def filled_in_by(wizard) -> str:
    return (wizard.get_cleaned_data_for_step("who") or {}).get("filled_in_by", "")


def is_carer(wizard) -> bool:
    return filled_in_by(wizard) == FilledInBy.CARER


def is_for_someone_else(wizard) -> bool:
    return filled_in_by(wizard) == FilledInBy.SOMEONE_ELSE


def is_professional(wizard) -> bool:
    return filled_in_by(wizard) == FilledInBy.PROFESSIONAL


def is_referrer(wizard) -> bool:
    """Someone asking for another person, or a professional referring them."""
    return is_for_someone_else(wizard) or is_professional(wizard)


def not_professional(wizard) -> bool:
    """A professional says who consented on their own pages, not the "consent" step."""
    return not is_professional(wizard)


def tells_about_cared_for(wizard) -> bool:
    answer = wizard.get_cleaned_data_for_step("about-cared-for") or {}
    return is_carer(wizard) and bool(answer.get("tell_about_cared_for"))


def can_be_phoned(wizard) -> bool:
    contact = wizard.get_cleaned_data_for_step("contact") or {}
    return contact.get("contact_method") in {ContactMethod.PHONE, ContactMethod.EITHER}


def saved_services(wizard) -> bool:
    return bool(wizard.looked_at())


class ReferralWizard(NamedUrlWizardView):
    storage_name = "referrals.storage.EncryptedSessionStorage"
    template_name = "referrals/wizard/step.html"
    condition_dict = {
        "consent": not_professional,
        **dict.fromkeys(REFERRER_STEPS, is_referrer),
        "relationship": is_for_someone_else,
        **dict.fromkeys(PROFESSIONAL_STEPS, is_professional),
        **dict.fromkeys(CARER_STEPS, is_carer),
        "cared-for": tells_about_cared_for,
        "best-time": can_be_phoned,
        "services": saved_services,
    }

    @classmethod
    def answers_kept_url(cls, step=None, **_kwargs):
        """Where to carry on if this address's step cannot be saved (the database blipped):
        portal's 503 page says the answers so far are kept and links here. The step's own
        address (no personal data in it); after the last step, the last question."""
        names = [name for name, _form in STEPS]
        if step in names:
            return reverse(STEP_URL_NAME, kwargs={"step": step})
        if step == DONE_STEP:
            return reverse(STEP_URL_NAME, kwargs={"step": names[-1]})
        return reverse("referrals:landing")

    def get(self, request, *args, **kwargs):
        step = kwargs.get("step")
        if step is None:  # /self-referral/start/: a fresh wizard
            preset = request.GET.get("as")
            # From the carers' hub or the professionals' start page: "who" preset.
            start_afresh(self.storage, {"as": preset} if preset in PRESETS else {})
            return redirect(self.get_step_url(self.steps.first))
        if self.storage.expired or not self.storage.started:
            return self._finished_already(step) or self._expired()
        missing = self._first_unanswered_before(step)
        if missing:  # a later step's address typed in: answer the earlier questions first
            self.storage.current_step = missing
            return redirect(self.get_step_url(missing))
        if "change" in request.GET and step in self.get_form_list():
            self.storage.extra_data = {**self.storage.extra_data, "changing": True}
        return super().get(request, *args, **kwargs)

    def post(self, *args, **kwargs):
        posted_step = self.request.POST.get(f"{self.prefix}-current_step")
        if self.storage.expired or not self.storage.started:
            return self._finished_already(posted_step) or self._expired()
        if posted_step and posted_step not in self.get_form_list():
            # A step that does not apply to these answers (or no step at all): formtools
            # would look its form up and fail, so go back to the current question.
            return redirect(self.get_step_url(self.steps.current))
        missing = self._first_unanswered_before(posted_step)
        if missing:  # a later step sent before the earlier questions were answered
            self.storage.current_step = missing
            return redirect(self.get_step_url(missing))
        return super().post(*args, **kwargs)

    def _first_unanswered_before(self, step):
        """The first step before `step` with no stored answer, or None."""
        steps = list(self.get_form_list())
        if step not in steps:
            return None
        for earlier in steps[: steps.index(step)]:
            if not self.storage.get_step_data(earlier):
                return earlier
        return None

    def _finished_already(self, step):
        """A repeat of the last step, or of the finishing address, after this wizard run was
        sent (a double click, a browser retrying, a request that raced the one that sent
        it): the same confirmation again, never the first question as if nothing was sent."""
        finishing = step in {self.done_step_name, self.steps.last}
        if finishing and self.request.session.get("referral_reference"):
            return redirect("referrals:done")
        return None

    def _expired(self):
        self.storage.reset()
        if self.storage.expired:
            messages.info(
                self.request,
                _(
                    "We deleted your answers because you did not do anything for %(minutes)s minutes. Please start again."
                )
                % {"minutes": timeout_minutes()},
            )
        return redirect("referrals:start")

    def get_form_kwargs(self, step=None):
        kwargs = {}
        if step not in {"urgent", "who"}:
            kwargs["filled_in_by"] = filled_in_by(self)
        if step == "services":
            kwargs["service_choices"] = self.looked_at()
        if step == "check":
            # "Email me a confirmation": never to a professional (the team emails them when
            # the referral is closed), nor to the person they refer on their behalf.
            kwargs["has_email"] = not is_professional(self) and bool(
                (self.get_cleaned_data_for_step("contact") or {}).get("email")
            )
        return kwargs

    def get_form_initial(self, step):
        record = self.storage.extra_data.get(from_check.EXTRA_KEY)
        if record and step in {"who", "outcomes"}:  # pre-filled from the check, never skipped
            if step == "who":
                return {"filled_in_by": from_check.filled_in_by(record)}
            return {"outcomes": from_check.outcomes(record)}
        preset = PRESETS.get(self.storage.extra_data.get("as"))
        if step == "who" and preset:
            return {"filled_in_by": preset}
        if step == "services":
            return {"services": [sid for sid, _name in self.looked_at()]}
        return {}

    def looked_at(self):
        """Service choices, [(id, name)], from the shortlist and the answers already given, so
        a removed item stays removable and a kept one stays valid."""
        if hasattr(self, "_looked_at_cache"):
            return self._looked_at_cache
        stored = self.storage.get_step_data("services") or {}
        ids = [*shortlist_ids(self.request), *stored.get("services-services", [])]
        valid = []
        for value in ids:
            try:
                valid.append(uuid.UUID(str(value)))
            except ValueError:
                continue
        names = dict(Service.objects.filter(pk__in=valid).values_list("pk", "name"))
        self._looked_at_cache = [(str(pk), names[pk]) for pk in dict.fromkeys(valid) if pk in names]
        return self._looked_at_cache

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        prev = self.steps.prev
        context["back_url"] = self.get_step_url(prev) if prev else self._landing_url()
        context["step_template"] = f"referrals/wizard/{self.steps.current}.html"
        context["as_carer"] = self._as(FilledInBy.CARER)
        context["as_professional"] = self._as(FilledInBy.PROFESSIONAL)
        context["timeout_seconds"] = settings.REFERRAL_WIZARD_TIMEOUT_SECONDS
        context["timeout_minutes"] = timeout_minutes()
        if self.steps.current == "check":
            forms_by_step = {
                step: self.get_form(step=step, data=self.storage.get_step_data(step))
                for step in self.get_form_list()
                if step not in NO_SUMMARY
            }
            for bound in forms_by_step.values():
                bound.is_valid()
            context["sections"] = summary(forms_by_step)
            # The team these answers go to promises its own number of working days.
            team = routing.team_for(build_answers(forms_by_step))
            context["working_days"] = working_days_for(team, site_settings(self.request))
            record = self.storage.extra_data.get(from_check.EXTRA_KEY)
            if record:
                context["from_check"] = {
                    "sending": from_check.carried(self.storage.extra_data) is not None,
                    "result": from_check.likelihood_label(record),
                }
        return context

    def _as(self, who_preset) -> bool:
        """Speak to a carer (or a professional): they said so on the "who" step, or (before
        it) came from the carers' hub (or the professionals' start page); someone who came
        from there but said otherwise is not one."""
        who = filled_in_by(self)
        if who:
            return who == who_preset
        return PRESETS.get(self.storage.extra_data.get("as")) == who_preset

    def _landing_url(self) -> str:
        if self.storage.extra_data.get("as") == "professional":
            return reverse("referrals:professional")
        return reverse("referrals:landing")

    def render_next_step(self, form, **kwargs):
        current = self.steps.current
        if current == "urgent" and form.cleaned_data["situation"] != Urgency.NONE:
            return redirect(
                reverse("referrals:urgent") + f"?reason={form.cleaned_data['situation']}"
            )
        if current == "consent" and form.cleaned_data.get("person_agrees") == PersonAgrees.NO:
            return redirect("referrals:consent_needed")
        if self.storage.extra_data.get("changing"):
            return self._next_after_change(current)
        return super().render_next_step(form, **kwargs)

    def _next_after_change(self, current):
        """After a change from Check your answers: the next unanswered step, else back there."""
        steps = list(self.get_form_list())
        for step in steps[steps.index(current) + 1 :]:
            if step == "check" or not self.storage.get_step_data(step):
                if step == "check":
                    self.storage.extra_data = {**self.storage.extra_data, "changing": False}
                self.storage.current_step = step
                return redirect(self.get_step_url(step))
        return redirect(self.get_step_url("check"))

    def render_done(self, form, **kwargs):
        """Over the rate limit: say so before formtools finishes, which would delete the
        answers; they are kept, so the person can send them once the limit has passed."""
        finishing = kwargs.get("step") == self.done_step_name  # not the POST's redirect to it
        if (
            finishing
            and stored_submission(self._submission_key()) is None  # a repeat is not counted
            and not ratelimit.hit(self.request, scope="referral", setting="REFERRAL_RATE_LIMIT")
        ):
            logger.info("Self-referral refused for now: rate limit (answers kept)")
            return render(
                self.request, "referrals/rejected.html", {"answers_kept": True}, status=429
            )
        return super().render_done(form, **kwargs)

    def done(self, form_list, form_dict=None, **kwargs):
        if form_dict["check"].cleaned_data.get("website"):
            logger.info("Self-referral rejected: honeypot filled")
            return render(self.request, "referrals/rejected.html", status=400)
        answers = build_answers(form_dict)
        record = from_check.carried(self.storage.extra_data)
        if record is not None:  # they chose to bring the check's answers, and kept them
            answers["check"] = record
        if answers["urgent"] != Urgency.NONE:
            return redirect(reverse("referrals:urgent") + f"?reason={answers['urgent']}")
        if answers["consent"].get("person_agrees") == PersonAgrees.NO:
            return redirect("referrals:consent_needed")
        referral = submit_referral(
            answers,
            visit=visit_key(self.request),
            submission_key=self._submission_key(),
        )
        # Stored. The confirmation page reads the reference from the session; if the session
        # cannot be saved now (the database blipped after the commit), the middleware shows
        # the confirmation here instead, so the person still sees their reference. Their
        # answers then stay in the session: sent again, the submission key finds this one.
        self.request.session["referral_reference"] = referral.reference
        response = redirect("referrals:done")
        response.if_session_not_saved = lambda: confirmation(self.request, referral)
        return response

    def _submission_key(self):
        return submission_key(self.storage)


def start_afresh(storage, extra: dict) -> None:
    """A new wizard run in this session's wizard storage (the answers of any earlier one
    dropped), at its first question, with a new submission key and `extra` data."""
    storage.reset()
    storage.extra_data = {"submission_key": uuid.uuid4().hex, **extra}
    storage.current_step = STEPS[0][0]


def _storage(request) -> EncryptedSessionStorage:
    return EncryptedSessionStorage(ReferralWizard().get_prefix(request), request)


@require_POST
@never_cache
def start_from_check(request):
    """ "Ask for an assessment and bring these answers" on a check's result page: the check's
    signed answers start the wizard with who is filling in and the outcomes pre-filled, and
    are kept (codes only) in the wizard's session storage; nothing goes in the database
    until the referral is sent. A token that cannot be read: a clear page, 400."""
    try:
        record = from_check.read(request.POST.get("kind", ""), request.POST.get("answers", ""))
    except BadAnswers:
        return render(request, "referrals/from_check_unreadable.html", status=400)
    extra = {from_check.EXTRA_KEY: record}
    if record["kind"] == "carer":
        extra["as"] = "carer"  # the carers' route, as from the carers' hub
    storage = _storage(request)
    start_afresh(storage, extra)
    request.session[storage.prefix] = crypto.encrypt_json(storage.data)
    return redirect(STEP_URL_NAME, step=storage.current_step)


@never_cache
def keep_check(request):
    """From Check your answers: "Send the answers from the check with this request?" """
    storage = _storage(request)
    if storage.expired or not storage.started or not storage.extra_data.get(from_check.EXTRA_KEY):
        return redirect("referrals:start")
    form = forms.SendCheckForm(
        request.POST if request.method == "POST" else None,
        initial={"send": "yes" if from_check.carried(storage.extra_data) else "no"},
    )
    if request.method == "POST" and form.is_valid():
        storage.extra_data = {
            **storage.extra_data,
            from_check.SEND_KEY: form.cleaned_data["send"] == "yes",
        }
        request.session[storage.prefix] = crypto.encrypt_json(storage.data)
        return redirect(STEP_URL_NAME, step="check")
    record = storage.extra_data[from_check.EXTRA_KEY]
    return render(
        request,
        "referrals/from_check_keep.html",
        {
            "form": form,
            "result": from_check.likelihood_label(record),
            "as_carer": record.get("kind") == "carer",
        },
    )


@require_POST
@never_cache
def keep_going(request):
    """ "Keep going" in the warning shown before the answers would expire: saves them again,
    which starts their time again (the token's timestamp is the last save). 204 for the
    page's script; without JavaScript the warning never shows, but a form posting here is
    sent back to its question. Nothing to keep (expired, never started): 410."""
    storage = _storage(request)
    if storage.expired or not storage.started:
        return HttpResponse(status=410)
    request.session[storage.prefix] = crypto.encrypt_json(storage.data)
    if request.headers.get("Signpost-Fragment") == "keep-going":
        return HttpResponse(status=204)
    return redirect(STEP_URL_NAME, step=storage.current_step)


def submission_key(storage) -> uuid.UUID | None:
    key = storage.extra_data.get("submission_key")
    return uuid.UUID(key) if key else None


@never_cache
def finished(request):
    """The confirmation, shown only once the referral has been stored; nothing personal in
    the URL. The wizard puts the reference in the session after the commit. A repeat of the
    final step that raced it (a double click, a browser retrying) can save the session last,
    with the answers and no reference (sessions are written whole, last write wins); that
    run's submission key then finds the referral already stored, so the person still sees
    their reference, never the start page as if nothing was sent."""
    referral = _referral_sent_in(request)
    if referral is None:
        return redirect("referrals:landing")
    return confirmation(request, referral)


def _referral_sent_in(request) -> Referral | None:
    """The referral this session sent: by the reference it holds, else by its wizard run's
    submission key (see `finished`)."""
    reference = request.session.get("referral_reference", "")
    if is_reference(reference):
        referral = Referral.objects.filter(reference=reference).first()
        if referral is not None:
            return referral
    storage = EncryptedSessionStorage(ReferralWizard().get_prefix(request), request)
    return stored_submission(submission_key(storage))


wizard_view = ReferralWizard.as_view(STEPS, url_name=STEP_URL_NAME, done_step_name=DONE_STEP)
