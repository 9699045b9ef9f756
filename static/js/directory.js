// Directory enhancements: shortlist buttons without a page reload, print links (maps: maps.js).
// Every page works without this file; it only improves what is already there.

function enhanceShortlistForms() {
  document.querySelectorAll("form.signpost-shortlist-form").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button");
      const label = form.querySelector(".signpost-shortlist-label");
      const status = form.querySelector(".signpost-shortlist-status");
      button.disabled = true;
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(String(response.status));
        const result = await response.json();
        const added = result.in_shortlist;
        form.action = added ? form.dataset.removeUrl : form.dataset.addUrl;
        label.textContent = added ? button.dataset.labelRemove : button.dataset.labelAdd;
        status.textContent = added ? "Added to your shortlist" : "Removed from your shortlist";
      } catch (error) {
        form.submit(); // fall back to the ordinary form post
      } finally {
        button.disabled = false;
      }
    });
  });
}

function enhancePrintLinks() {
  document.querySelectorAll("[data-print-page]").forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      window.print();
    });
  });
}

enhanceShortlistForms();
enhancePrintLinks();
