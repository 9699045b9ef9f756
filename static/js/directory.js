// Directory enhancements: shortlist buttons without a page reload, a small map, print links.
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

const TILE_SIZE = 256;
const ZOOM = 16;
const TILE_WAIT_MS = 8000; // no tile by then: the tile server is not answering

function tileOf(lat, lon) {
  const scale = 2 ** ZOOM;
  const x = ((lon + 180) / 360) * scale;
  const latRad = (lat * Math.PI) / 180;
  const y = ((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * scale;
  return { x, y };
}

function enhanceMaps() {
  document.querySelectorAll(".signpost-map[data-lat][data-lon]").forEach((container) => {
    const lat = parseFloat(container.dataset.lat);
    const lon = parseFloat(container.dataset.lon);
    if (Number.isNaN(lat) || Number.isNaN(lon)) return;
    const tiles = document.createElement("div");
    tiles.className = "signpost-map__tiles";
    tiles.setAttribute("role", "img");
    tiles.setAttribute("aria-label", `Map showing ${container.dataset.label || "the location"}`);
    container.prepend(tiles);
    const width = tiles.clientWidth || 600;
    const height = tiles.clientHeight || 300;
    const centre = tileOf(lat, lon);
    const originX = centre.x * TILE_SIZE - width / 2;
    const originY = centre.y * TILE_SIZE - height / 2;
    const credit = document.createElement("p");
    credit.className = "govuk-body-s signpost-attribution";
    credit.textContent = "Map data © OpenStreetMap contributors";
    let failed = false;
    let loaded = false;
    // Blocked, offline or never answering: the map area goes entirely (no blank gap where the
    // map was to be) and the plain link stays.
    const giveUp = () => {
      if (failed) return;
      failed = true;
      tiles.remove();
      credit.remove();
      container.classList.add("signpost-map--unavailable");
    };
    window.setTimeout(() => {
      if (!loaded) giveUp();
    }, TILE_WAIT_MS);
    for (let tx = Math.floor(originX / TILE_SIZE); tx * TILE_SIZE < originX + width; tx += 1) {
      for (let ty = Math.floor(originY / TILE_SIZE); ty * TILE_SIZE < originY + height; ty += 1) {
        const img = document.createElement("img");
        img.alt = "";
        img.src = `https://tile.openstreetmap.org/${ZOOM}/${tx}/${ty}.png`;
        img.style.left = `${tx * TILE_SIZE - originX}px`;
        img.style.top = `${ty * TILE_SIZE - originY}px`;
        img.addEventListener("load", () => {
          loaded = true;
        });
        img.addEventListener("error", giveUp);
        tiles.appendChild(img);
      }
    }
    const marker = document.createElement("span");
    marker.className = "signpost-map__marker";
    marker.style.left = `${width / 2}px`;
    marker.style.top = `${height / 2}px`;
    tiles.appendChild(marker);
    tiles.after(credit);
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
enhanceMaps();
enhancePrintLinks();
