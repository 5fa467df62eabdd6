// mapview.js is the map: an offline world basemap (the embedded GeoJSON),
// event markers by type (letter) and status (colour), clustered when dense.
/* global L */
import { h, clear, statusBadge, docHref } from "./dom.js";

let worldPromise = null;

function world() {
  // The page loads app.js with the assets' version; the basemap shares it.
  const v = new URL(document.querySelector('script[type="module"]').src).search;
  if (!worldPromise) worldPromise = fetch("/static/world.geojson" + v).then((r) => r.json());
  return worldPromise;
}

const STATUS_RANK = ["false", "misleading", "contested", "outlet-unable-to-verify", "unverified", "corroborated", "confirmed"];

export function typeLetter(type) {
  const t = (type || "?").toLowerCase();
  if (t.startsWith("battle")) return "B";
  if (t.startsWith("explosion")) return "E";
  if (t.startsWith("violence")) return "V";
  if (t.startsWith("protest")) return "P";
  if (t.startsWith("riot")) return "R";
  if (t.startsWith("strategic")) return "S";
  return t.charAt(0).toUpperCase();
}

export function slug(s) {
  return (s || "other").toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

export class EventMap {
  constructor(box) {
    this.box = box;
    this.map = L.map(box, { worldCopyJump: true, minZoom: 2, maxZoom: 14, attributionControl: true, preferCanvas: false })
      .setView([48.5, 31.5], 5);
    this.map.attributionControl.setPrefix("Leaflet");
    this.map.attributionControl.addAttribution("Basemap: world-countries (ODbL)");
    world().then((gj) => {
      L.geoJSON(gj, { style: { className: "country", weight: 0.6 }, interactive: false }).addTo(this.map).bringToBack();
    });
    this.cluster = L.markerClusterGroup({
      maxClusterRadius: 40,
      showCoverageOnHover: false,
      iconCreateFunction: (c) => {
        const ms = c.getAllChildMarkers();
        let worst = ms[0].options.status;
        for (const m of ms) if (STATUS_RANK.indexOf(m.options.status) < STATUS_RANK.indexOf(worst)) worst = m.options.status;
        const el = h("div", {}, h("span", {}, String(ms.length)));
        return L.divIcon({ html: el, className: "cluster st-" + slug(worst), iconSize: [36, 36] });
      },
    });
    this.map.addLayer(this.cluster);
  }

  show(markers) {
    this.cluster.clearLayers();
    const layers = markers.map((m) => {
      const el = h("span", {}, typeLetter(m.type));
      const icon = L.divIcon({ html: el, className: `marker ty-${slug(m.type)} st-${slug(m.status)}`, iconSize: [22, 22] });
      const mk = L.marker([m.lat, m.lon], { icon, status: m.status, title: `${m.type} at ${m.place || "?"} (${m.status})` });
      mk.bindPopup(() => popup(m));
      return mk;
    });
    this.cluster.addLayers(layers);
    this.box.dataset.markers = String(markers.length);
  }

  bbox() {
    const b = this.map.getBounds();
    const c = (v, lo, hi) => Math.min(hi, Math.max(lo, v)).toFixed(3);
    return [c(b.getWest(), -180, 180), c(b.getSouth(), -90, 90), c(b.getEast(), -180, 180), c(b.getNorth(), -90, 90)].join(",");
  }

  invalidate() { this.map.invalidateSize(); }
}

function popup(m) {
  return h("div", { class: "popup" },
    h("strong", {}, m.type), m.sub_type ? " · " + m.sub_type : "", h("br"),
    m.place || "", m.day ? " · " + m.day : "", h("br"),
    statusBadge(m.status), m.event_status ? h("span", { class: "muted" }, " event " + m.event_status) : "", h("br"),
    m.text ? h("q", {}, m.text) : "", h("br"),
    h("a", { href: docHref(m.doc, m.id) }, "Open the article" + (m.source ? " (" + m.source + ")" : "")),
    m.story ? [" · ", h("a", { href: "#/story/" + encodeURIComponent(m.story) }, "story")] : "");
}

export function legend() {
  return h("div", { class: "legend" },
    ["B battles", "E explosions", "V violence against civilians", "P protests", "R riots", "S strategic"].map((t) => h("span", {}, t)),
    h("br"),
    ["unverified", "corroborated", "contested", "confirmed", "false"].map((s) => h("span", { class: "dot st-" + s }, s)));
}

export { clear };
