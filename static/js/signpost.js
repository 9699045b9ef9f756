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
