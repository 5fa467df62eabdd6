// vendor.mjs copies the front-end files sitrep embeds from node_modules into
// static/vendor and builds static/world.geojson, the offline basemap, from the
// world-countries package (ODbL). Run it after changing package.json:
//
//	cd web && npm ci && npm run vendor
//
// The Go build needs none of this: it embeds what this script wrote.
import fs from "node:fs";
import path from "node:path";

const nm = "node_modules";
const out = "static/vendor";
fs.mkdirSync(path.join(out, "images"), { recursive: true });
const copies = [
  ["leaflet/dist/leaflet.js", "leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet.css"],
  ["leaflet/LICENSE", "LICENSE.leaflet"],
  ["leaflet/dist/images/marker-icon.png", "images/marker-icon.png"],
  ["leaflet/dist/images/marker-icon-2x.png", "images/marker-icon-2x.png"],
  ["leaflet/dist/images/marker-shadow.png", "images/marker-shadow.png"],
  ["leaflet/dist/images/layers.png", "images/layers.png"],
  ["leaflet/dist/images/layers-2x.png", "images/layers-2x.png"],
  ["leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster.js"],
  ["leaflet.markercluster/dist/MarkerCluster.css", "MarkerCluster.css"],
  ["leaflet.markercluster/dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"],
  ["leaflet.markercluster/MIT-LICENCE.txt", "LICENSE.markercluster"],
  ["world-countries/LICENSE", "LICENSE.world-countries"],
];
for (const [from, to] of copies) {
  let text = fs.readFileSync(path.join(nm, from));
  if (to.endsWith(".js")) {
    // Source maps are not shipped; the reference would only 404.
    text = Buffer.from(text.toString().replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n"));
  }
  fs.writeFileSync(path.join(out, to), text);
}

// The basemap: every country, simplified (Douglas-Peucker, 0.05 degrees,
// about 5 km) and rounded to 0.01 degree so the whole world stays small
// enough for a first page load under 1 MB.
const TOL = 0.05;
const countries = JSON.parse(fs.readFileSync(path.join(nm, "world-countries/countries.json")));
const names = new Map(countries.map((c) => [c.cca3.toLowerCase(), c.name.common]));
const dataDir = path.join(nm, "world-countries/data");
const features = [];
for (const file of fs.readdirSync(dataDir).filter((f) => f.endsWith(".geo.json")).sort()) {
  const code = file.slice(0, 3);
  const fc = JSON.parse(fs.readFileSync(path.join(dataDir, file)));
  for (const f of fc.features || []) {
    if (!f.geometry) continue;
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const kept = [];
    for (const poly of polys) {
      const rings = poly.map(simplify).filter((r) => r.length >= 4);
      if (rings.length && rings[0].length >= 4) kept.push(rings);
    }
    if (!kept.length) continue;
    features.push({
      type: "Feature",
      properties: { iso3: code.toUpperCase(), name: names.get(code) || code.toUpperCase() },
      geometry: { type: "MultiPolygon", coordinates: kept },
    });
  }
}
crimeaCheck(features);
const world = {
  type: "FeatureCollection",
  attribution: "Country shapes: world-countries (mledoze/countries), ODbL 1.0; simplified by sitrep",
  features,
};
fs.writeFileSync("static/world.geojson", JSON.stringify(world));
console.log(`wrote static/world.geojson: ${features.length} countries, ${fs.statSync("static/world.geojson").size} bytes`);

function simplify(ring) {
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack = [[0, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    let best = -1, bi = -1;
    for (let i = a + 1; i < b; i++) {
      const d = segDist(ring[i], ring[a], ring[b]);
      if (d > best) { best = d; bi = i; }
    }
    if (best > TOL) { keep[bi] = 1; stack.push([a, bi], [bi, b]); }
  }
  const outRing = [];
  for (let i = 0; i < ring.length; i++) {
    if (!keep[i]) continue;
    const p = [Math.round(ring[i][0] * 100) / 100, Math.round(ring[i][1] * 100) / 100];
    const last = outRing[outRing.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) outRing.push(p);
  }
  return outRing;
}

function segDist(p, a, b) {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  let t = l2 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2 : 0;
  t = Math.max(0, Math.min(1, t));
  const x = a[0] + t * dx - p[0], y = a[1] + t * dy - p[1];
  return Math.sqrt(x * x + y * y);
}

// crimeaCheck makes sure the basemap draws Crimea as part of Ukraine: points
// in Simferopol, Sevastopol and Kerch must lie in Ukraine and in no other
// country. Where the source data ever assigns a Crimean polygon elsewhere,
// that polygon is moved to Ukraine.
function crimeaCheck(features) {
  const ukr = features.find((f) => f.properties.iso3 === "UKR");
  const points = [[34.10, 44.95], [33.52, 44.60], [36.47, 45.35]];
  for (const pt of points) {
    for (const f of features) {
      if (f === ukr) continue;
      const polys = f.geometry.coordinates;
      for (let i = polys.length - 1; i >= 0; i--) {
        if (inPoly(pt, polys[i])) {
          console.log(`moving polygon ${i} of ${f.properties.iso3} at ${pt} to UKR`);
          ukr.geometry.coordinates.push(polys[i]);
          polys.splice(i, 1);
        }
      }
    }
    if (!ukr.geometry.coordinates.some((p) => inPoly(pt, p))) {
      throw new Error(`crimea check: ${pt} is not inside Ukraine's shape`);
    }
  }
}

function inPoly(pt, poly) {
  if (!inRing(pt, poly[0])) return false;
  return !poly.slice(1).some((hole) => inRing(pt, hole));
}

function inRing(pt, ring) {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > pt[1]) !== (yj > pt[1]) && pt[0] < ((xj - xi) * (pt[1] - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}
