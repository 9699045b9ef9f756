"""Demo content for the portal: site settings and the required footer pages."""

import datetime

from wagtail.models import Site

from portal.models import HomePage, SiteSettings, StandardPage

REQUIRED_PAGES = [
    (
        "accessibility-statement",
        "Accessibility statement",
        "How accessible this website is, and how to tell us about a problem.",
        "<p>We want as many people as possible to be able to use this website. You should be able to "
        "change colours and fonts, zoom in up to 400% without text spilling off the screen, and get "
        "around the website using just a keyboard or speech recognition software.</p>"
        "<h2>How we tested this website</h2><p>We test every page type with automated checks (axe-core, "
        "WCAG 2.2 AA rules), with a keyboard only, at 320 pixels wide and without JavaScript.</p>"
        "<h2>Reporting accessibility problems</h2><p>If you find a problem, call First Contact and we will "
        "fix it or give you the information another way.</p>",
    ),
    (
        "privacy",
        "Privacy notice",
        "What we do with the information you give us.",
        "<p>The council is the data controller. When you ask for help using the self-referral form, "
        "we use your information to contact you and arrange support under the Care Act 2014.</p>"
        "<h2>Searches</h2><p>We count what people search for to plan local support. We never store your "
        "IP address, your full postcode or anything that could identify you with a search.</p>"
        "<h2>How long we keep information</h2><p>Referrals are deleted a set time after we close them. "
        "We keep only anonymous counts.</p>",
    ),
    (
        "cookies",
        "Cookies",
        "The small files this website puts on your device.",
        "<p>We only use cookies that are essential: one to remember your answers while "
        "you fill in a form, one to remember the area you last searched and one to remember your last search, "
        "so that you can go back to your results from a listing (all deleted when you close "
        "your browser or after a short time), and one to protect forms from misuse. We do not use "
        "analytics or advertising cookies. To count how many people search and then ask for "
        "help, we use a code made from your connection and browser that changes every day; it is "
        "not stored on your device and cannot be turned back into who you are.</p>"
        "<p>Your shortlist is kept in a cookie on your device for 30 days after you last change it, "
        "so it is still there after you close your browser. It holds only the numbers of the services "
        "you saved, and we keep no copy of it. Choose “Remove all from shortlist” on your shortlist "
        "to delete it sooner.</p>",
    ),
]


# Separate office-hours and out-of-hours lines, so the urgent-help pages show which one to call
# now (portal.hours). 0114 496 0xxx is Ofcom's range for drama: no real line is called.
DEMO_SETTINGS = {
    "safeguarding_phone": "0114 273 4908",
    "out_of_hours_phone": "0114 496 0999",
    "office_opens_at": datetime.time(8, 45),
    "office_closes_at": datetime.time(17, 0),
    "phase_tag": "Beta",
}


def load(stdout, listings: int, seed: int) -> None:
    """Create the footer pages and fill in site settings (idempotent)."""
    home = HomePage.objects.first()
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Signpost"
    site.save()
    site_settings = SiteSettings.for_site(site)  # creates the row with its defaults
    for field, value in DEMO_SETTINGS.items():
        setattr(site_settings, field, value)
    site_settings.save()
    for slug, title, summary, body in REQUIRED_PAGES:
        if StandardPage.objects.filter(slug=slug).exists():
            continue
        home.add_child(instance=StandardPage(title=title, slug=slug, summary=summary, body=body))
    stdout.write(f"  {len(REQUIRED_PAGES)} required pages")
