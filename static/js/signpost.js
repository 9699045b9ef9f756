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

// Self-referral: warn before the answers would be deleted for inactivity, with "Keep going"
// (saves them again, so their time starts again). The answers' time runs from the moment
// this page was sent, so the timer does too. Without this script nothing warns, and the
// start page says how long answers are kept.
const timeoutDialog = document.querySelector("[data-signpost-timeout]");
if (timeoutDialog && typeof timeoutDialog.showModal === "function") {
  const seconds = Number(timeoutDialog.dataset.timeoutSeconds);
  const warnBefore = Math.min(300, seconds / 2);
  const warning = timeoutDialog.querySelector("[data-signpost-timeout-warning]");
  const expired = timeoutDialog.querySelector("[data-signpost-timeout-expired]");
  const keepGoing = timeoutDialog.querySelector("[data-signpost-keep-going]");
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  let warnTimer;
  let expireTimer;

  const showExpired = () => {
    warning.hidden = true;
    expired.hidden = false;
    if (!timeoutDialog.open) timeoutDialog.showModal();
    expired.querySelector("a").focus();
  };
  const start = () => {
    clearTimeout(warnTimer);
    clearTimeout(expireTimer);
    warnTimer = setTimeout(() => {
      timeoutDialog.showModal();
      keepGoing.focus();
    }, (seconds - warnBefore) * 1000);
    expireTimer = setTimeout(showExpired, seconds * 1000);
  };
  keepGoing.addEventListener("click", async () => {
    try {
      const response = await fetch(timeoutDialog.dataset.keepGoingUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token ? token.value : "", "Signpost-Fragment": "keep-going" },
        credentials: "same-origin",
      });
      if (response.status === 410) return showExpired();
      if (!response.ok) throw new Error(`keep going: ${response.status}`);
      timeoutDialog.close();
      start();
    } catch {
      // Could not reach the server: leave the warning up, so they can try again.
    }
  });
  // Escape closes a modal dialog; closing it is "Keep going" too, never a lost warning.
  timeoutDialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (!warning.hidden) keepGoing.click();
  });
  start();
}
