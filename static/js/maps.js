// Maps on the results page and on listings (#20), drawn with Leaflet (static/vendor/leaflet).
// Every page works without this file. Leaflet and the tiles are fetched only once a map is
// shown; when no tile arrives (offline, blocked, or a council that forbids third-party tiles)
// the map area goes entirely, with no blank gap, and the list or the address stays.
// Settings come from the map area's data- attributes (templates: the `map_attributes` tag).

const TILE_WAIT_MS = 8000; // no tile by then: the tile server is not answering
const PLACE_ZOOM = 16;
const MAX_RESULTS_ZOOM = 15;
const LEAFLET_CREDIT = '<a href="https://leafletjs.com">Leaflet</a>';
const PIN_SIZE = 28; // px: markers are targets of at least 24 px (WCAG 2.5.8)

let leafletLoading = null;

function loadFile(element) {
  return new Promise((resolve, reject) => {
    element.addEventListener("load", resolve);
    element.addEventListener("error", () => reject(new Error("Leaflet did not load")));
    document.head.append(element);
  });
}

/** Leaflet's stylesheet and script (addresses from the map area), fetched once a page. */
function loadLeaflet(area) {
  if (!leafletLoading) {
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = area.dataset.leafletCss;
    const script = document.createElement("script");
    script.src = area.dataset.leafletJs;
    leafletLoading = Promise.all([loadFile(style), loadFile(script)]).then(() => window.L);
  }
  return leafletLoading;
}

function pinIcon(L, content) {
  return L.divIcon({
    className: "signpost-map__pin",
    html: content,
    iconSize: [PIN_SIZE, PIN_SIZE],
    iconAnchor: [PIN_SIZE / 2, PIN_SIZE / 2],
    tooltipAnchor: [0, -PIN_SIZE / 2],
  });
}

/**
 * A Leaflet map in `canvas`: `draw(map)` sets the view and adds markers, then the tiles are
 * added. `onNoTiles` runs (after the map is removed) when every tile in view failed, or none
 * arrived within TILE_WAIT_MS; one failing tile among others that arrive is not a failure.
 */
function createMap(L, canvas, area, draw, onNoTiles) {
  const map = L.map(canvas, { scrollWheelZoom: false });
  map.attributionControl.setPrefix(LEAFLET_CREDIT);
  canvas.setAttribute("role", "region");
  canvas.setAttribute("aria-label", area.dataset.mapLabel);
  draw(map);
  const tiles = L.tileLayer(area.dataset.tileUrl, {
    attribution: area.dataset.tileAttribution,
    maxZoom: 19,
  });
  let arrived = 0;
  let gone = false;
  const giveUp = () => {
    if (gone || arrived) return;
    gone = true;
    window.clearTimeout(timer);
    window.setTimeout(() => {
      map.remove();
      onNoTiles();
    }, 0);
  };
  const timer = window.setTimeout(giveUp, TILE_WAIT_MS);
  tiles.on("tileload", () => {
    arrived += 1;
    window.clearTimeout(timer);
  });
  tiles.on("load", giveUp); // every tile in view has answered: gives up only if none arrived
  tiles.addTo(map);
  return map;
}

/** A listing's place: the map shows at once, with a marker that is not a control. */
function showPlace(area) {
  const latitude = parseFloat(area.dataset.lat);
  const longitude = parseFloat(area.dataset.lon);
  if (Number.isNaN(latitude) || Number.isNaN(longitude)) return;
  const canvas = document.createElement("div");
  canvas.className = "signpost-map__tiles";
  area.prepend(canvas);
  const removeMap = () => {
    canvas.remove();
    area.classList.add("signpost-map--unavailable");
  };
  const draw = (map) => {
    map.setView([latitude, longitude], PLACE_ZOOM);
    window.L.marker([latitude, longitude], {
      icon: pinIcon(window.L, ""),
      interactive: false,
      keyboard: false,
    }).addTo(map);
  };
  loadLeaflet(area)
    .then((L) => createMap(L, canvas, area, draw, removeMap))
    .catch(removeMap);
}

/** One result as a marker: a link to its listing named by the listing, reached with Tab. */
function resultMarker(L, place) {
  const link = document.createElement("a");
  link.className = "signpost-map__pin-link";
  link.href = place.href;
  const name = document.createElement("span");
  name.className = "govuk-visually-hidden";
  name.textContent = place.name;
  link.append(name);
  const marker = L.marker([place.latitude, place.longitude], {
    icon: pinIcon(L, link),
    keyboard: false, // the link inside is the focusable part
    riseOnHover: true,
  });
  marker.bindTooltip(place.name, { direction: "top" });
  link.addEventListener("focus", () => marker.openTooltip());
  link.addEventListener("blur", () => marker.closeTooltip());
  return marker;
}

/**
 * Results too close together to tell apart as one marker: a button showing how many, which
 * opens a list of links to them (focus moves into it; Escape closes it and comes back).
 */
function groupMarker(L, map, places, area) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "signpost-map__pin-link signpost-map__pin-group";
  button.textContent = String(places.length);
  const names = places.map((place) => place.name).join("; ");
  button.setAttribute("aria-label", `${places.length} ${area.dataset.groupLabel}: ${names}`);
  button.setAttribute("aria-expanded", "false");
  const list = document.createElement("ul");
  list.className = "govuk-list signpost-map__group-list";
  places.forEach((place) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.className = "govuk-link";
    link.href = place.href;
    link.textContent = place.name;
    item.append(link);
    list.append(item);
  });
  const popup = L.popup({ offset: [0, -PIN_SIZE / 2], autoPanPaddingTopLeft: [PIN_SIZE, PIN_SIZE] }).setContent(list);
  const marker = L.marker([places[0].latitude, places[0].longitude], {
    icon: pinIcon(L, button),
    keyboard: false,
  });
  popup.setLatLng(marker.getLatLng());
  // Opened here, not by Leaflet's own marker click (the button's click would reach the map too).
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    if (map.hasLayer(popup)) {
      map.closePopup(popup);
      return;
    }
    map.openPopup(popup);
    button.setAttribute("aria-expanded", "true");
    list.querySelector("a").focus();
  });
  popup.on("remove", () => button.setAttribute("aria-expanded", "false"));
  list.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    map.closePopup(popup);
    button.focus();
  });
  return marker;
}

/**
 * Places in result order, gathered so that markers at this zoom are at least a marker and
 * a little apart (targets that do not overlap, WCAG 2.5.8): each joins the first group whose
 * marker is within reach, or starts one.
 */
function groupsAtThisZoom(map, places) {
  const groups = [];
  places.forEach((place) => {
    const point = map.latLngToLayerPoint([place.latitude, place.longitude]);
    const near = groups.find((group) => group.point.distanceTo(point) < PIN_SIZE + 4);
    if (near) near.places.push(place);
    else groups.push({ point, places: [place] });
  });
  return groups;
}

function drawResultMarkers(L, map, places, area) {
  const markers = L.layerGroup().addTo(map);
  const redraw = () => {
    markers.clearLayers();
    groupsAtThisZoom(map, places).forEach((group) => {
      const marker =
        group.places.length === 1
          ? resultMarker(L, group.places[0])
          : groupMarker(L, map, group.places, area);
      markers.addLayer(marker);
    });
  };
  redraw();
  map.on("zoomend", redraw);
}

function resultPlaces(area) {
  return [...area.querySelectorAll(".signpost-map__places [data-href]")]
    .map((item) => ({
      latitude: parseFloat(item.dataset.lat),
      longitude: parseFloat(item.dataset.lon),
      name: item.textContent.trim(),
      href: item.dataset.href,
    }))
    .filter((place) => !Number.isNaN(place.latitude) && !Number.isNaN(place.longitude));
}

/** The results page: a "Show map" button; the map (and Leaflet) only once it is pressed. */
function resultsMap(area) {
  const panel = area.querySelector(".signpost-map__panel");
  const places = resultPlaces(area);
  if (!panel || !places.length) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-4 signpost-map__toggle";
  button.setAttribute("aria-controls", panel.id);
  button.setAttribute("aria-expanded", "false");
  button.textContent = area.dataset.showLabel;
  area.prepend(button);

  // No tiles: the whole area goes; one line says so, taking focus if the button had it.
  const unavailable = () => {
    const hadFocus = area.contains(document.activeElement);
    const note = document.createElement("p");
    note.className = "govuk-body-s signpost-map__unavailable";
    note.tabIndex = -1;
    note.textContent = area.dataset.unavailable;
    area.replaceWith(note);
    if (hadFocus) note.focus();
  };
  const draw = (map) => {
    const bounds = window.L.latLngBounds(places.map((p) => [p.latitude, p.longitude]));
    map.fitBounds(bounds, { padding: [2 * PIN_SIZE, 2 * PIN_SIZE], maxZoom: MAX_RESULTS_ZOOM });
    drawResultMarkers(window.L, map, places, area);
  };
  let started = false;
  let shownMap = null;
  button.addEventListener("click", () => {
    const show = panel.hidden;
    panel.hidden = !show;
    button.setAttribute("aria-expanded", String(show));
    button.textContent = show ? area.dataset.hideLabel : area.dataset.showLabel;
    if (show && shownMap) shownMap.invalidateSize(); // the window may have changed meanwhile
    if (!show || started) return;
    started = true;
    const canvas = document.createElement("div");
    canvas.className = "signpost-map__tiles";
    panel.append(canvas);
    loadLeaflet(area)
      .then((L) => {
        shownMap = createMap(L, canvas, area, draw, unavailable);
      })
      .catch(unavailable);
  });
}

document.querySelectorAll('[data-signpost-map="place"]').forEach(showPlace);
document.querySelectorAll('[data-signpost-map="results"]').forEach(resultsMap);
