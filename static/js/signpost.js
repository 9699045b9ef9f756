// Progressive enhancement only: every page works without this file.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();

// The results page's filters: collapsed under 641 px (the first result on the first screen),
// open from 641 px, where they sit beside the results.
const filterPanel = document.querySelector("details.signpost-filter-panel");
if (filterPanel) {
  const wide = window.matchMedia("(min-width: 40.0625em)");
  const openWhenWide = () => {
    if (wide.matches) filterPanel.open = true;
  };
  openWhenWide();
  wide.addEventListener("change", openWhenWide);
}

// "Was this page helpful?": send it without leaving the page, then put the thank-you in the
// form's place and move focus to it. Anything but a thank-you (a mistake in the form, a
// network error) falls back to sending the form as usual, which shows the errors.
const feedback = document.querySelector("[data-signpost-feedback]");
const feedbackForm = feedback && feedback.querySelector("form");
if (feedbackForm) {
  feedbackForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const response = await fetch(feedbackForm.action, {
        method: "POST",
        body: new FormData(feedbackForm),
        headers: { "Signpost-Fragment": "feedback" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(`feedback: ${response.status}`);
      feedback.innerHTML = await response.text();
      const thanks = feedback.querySelector("#feedback-thanks");
      if (thanks) thanks.focus();
    } catch {
      feedbackForm.submit();
    }
  });
}
