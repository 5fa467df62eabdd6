// app.js routes between the views (by the URL fragment) and draws the map,
// the claims board, stories, the audit trail and search results.
import { h, clear, statusBadge, docHref, fmtTime, contentText } from "./dom.js";
import { get, loadSession, currentSession, signIn, signOut } from "./api.js";
import { state, setState, onState } from "./state.js";
import { EventMap, legend, slug } from "./mapview.js";
import { renderTimeline } from "./timeline.js";
import { articleView } from "./article.js";
import { reviewBox, STATUSES } from "./review.js";

const main = document.getElementById("view");
let unsub = null;
let seenTypes = new Set();

function route() {
  if (unsub) { unsub(); unsub = null; }
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, qs] = hash.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(qs || "");
  for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", a.dataset.nav === (parts[0] || "map"));
  const run = {
    undefined: () => mapView(),
    claims: () => claimsView(),
    stories: () => storiesView(),
    story: () => storyView(parts[1]),
    doc: () => articleView(main, parts[1], parts[2]),
    reviews: () => reviewsView(),
    search: () => searchView(params.get("q") || ""),
  }[parts[0]];
  if (!run) { clear(main).appendChild(h("p", {}, "No such page.")); return; }
  Promise.resolve(run()).catch(showError);
}

function showError(e) {
  clear(main).appendChild(h("div", { class: "problem", role: "alert" }, h("strong", {}, "Error: "), e.message || String(e)));
}

function rangeBar() {
  const bar = document.getElementById("range");
  clear(bar);
  bar.hidden = !(state.from || state.to);
  if (bar.hidden) return;
  bar.append("Dates: ", h("strong", {}, `${state.from} – ${state.to}`), " ",
    h("button", { type: "button", class: "link", onclick: () => setState({ from: "", to: "" }) }, "clear"));
}
onState(rangeBar);

function eventParams(extra) {
  return { type: state.type, status: state.status, source: state.source, from: state.from, to: state.to, ...extra };
}

// mapView: filters, the map, the timeline and the list of events.
async function mapView() {
  clear(main);
  const typeSel = h("select", { id: "f-type", "aria-label": "Event type" }, h("option", { value: "" }, "All types"));
  const statusSel = h("select", { id: "f-status", "aria-label": "Status" }, h("option", { value: "" }, "All statuses"),
    STATUSES.map((s) => h("option", { value: s, selected: s === state.status }, s)));
  const source = h("input", { type: "search", id: "f-source", placeholder: "Source", value: state.source, "aria-label": "Source" });
  const fillTypes = () => {
    const cur = state.type;
    clear(typeSel).appendChild(h("option", { value: "" }, "All types"));
    for (const t of [...seenTypes].sort()) typeSel.appendChild(h("option", { value: t, selected: t === cur }, t));
  };
  fillTypes();
  typeSel.addEventListener("change", () => setState({ type: typeSel.value }));
  statusSel.addEventListener("change", () => setState({ status: statusSel.value }));
  source.addEventListener("change", () => setState({ source: source.value.trim() }));
  const mapBox = h("div", { id: "map", class: "map" });
  const count = h("span", { class: "muted", id: "map-count" });
  const tl = h("div", { id: "timeline", class: "timeline" });
  const list = h("ol", { id: "event-list", class: "event-list" });
  const exportLinks = h("span", { class: "exports" });
  const fillExports = () => {
    clear(exportLinks).append("Export: ");
    [["acled-csv", "ACLED CSV"], ["geojson", "GeoJSON"], ["jsonl", "records"]].forEach(([f, label], i) => {
      const u = new URLSearchParams({ format: f });
      for (const [k, v] of Object.entries(eventParams())) if (v) u.set(k, v);
      if (i) exportLinks.append(" · ");
      exportLinks.append(h("a", { href: "/api/export?" + u.toString(), download: "" }, label));
    });
  };
  fillExports();
  main.appendChild(h("div", { class: "home" },
    h("div", { class: "filters" }, typeSel, statusSel, source, count, exportLinks),
    h("div", { class: "map-wrap" }, mapBox, legend()),
    h("section", {}, h("h2", {}, "Events per day ", h("small", { class: "muted" }, "drag to select dates")), tl),
    h("section", {}, h("h2", {}, "Events"), list)));
  const map = new EventMap(mapBox);
  let seq = 0, mapSeq = 0;
  // The map asks only for what is in view, so that zooming in on a dense
  // area shows all of its events.
  const refreshMap = async () => {
    const my = ++mapSeq;
    const markers = await get("/api/map", eventParams({ limit: 5000, bbox: map.bbox() }));
    if (my !== mapSeq) return;
    let added = false;
    for (const m of markers.items) if (!seenTypes.has(m.type)) { seenTypes.add(m.type); added = true; }
    if (added) fillTypes();
    map.show(markers.items);
    count.textContent = markers.next ? `the first ${markers.items.length} events in view (zoom in for all)` : `${markers.items.length} events in view`;
  };
  map.map.on("moveend", () => refreshMap().catch(showError));
  const refresh = async () => {
    const my = ++seq;
    fillExports();
    const [, timeline, events] = await Promise.all([
      refreshMap(),
      get("/api/timeline", { type: state.type, status: state.status, source: state.source }),
      get("/api/events", eventParams({ limit: 100 })),
    ]);
    if (my !== seq) return;
    renderTimeline(tl, timeline);
    clear(list);
    if (!events.items.length) list.appendChild(h("li", { class: "muted" }, "No events match."));
    for (const e of events.items) {
      list.appendChild(h("li", { class: "ty-" + slug(e.type) },
        h("a", { href: docHref(e.document_id, e.id) }, e.type, e.sub_type ? " · " + e.sub_type : ""), " ",
        statusBadge(e.story_status || "unverified"), " ",
        h("span", { class: "muted" }, [e.place_info ? e.place_info.name : "", e.day, e.source].filter(Boolean).join(" · "))));
    }
  };
  unsub = onState(() => refresh().catch(showError));
  await refresh();
  setTimeout(() => map.invalidate(), 0);
}

// claimsView: the claims board.
async function claimsView() {
  clear(main);
  const f = { status: "", speaker: "", source: "", reviewed: "" };
  const statusSel = h("select", { "aria-label": "Status", id: "c-status" }, h("option", { value: "" }, "All statuses"), STATUSES.map((s) => h("option", { value: s }, s)));
  const speaker = h("input", { type: "search", placeholder: "Speaker", "aria-label": "Speaker" });
  const source = h("input", { type: "search", placeholder: "Source", "aria-label": "Source" });
  const reviewed = h("label", {}, h("input", { type: "checkbox" }), " reviewed only");
  const body = h("tbody");
  const more = h("button", { type: "button", hidden: true }, "More");
  main.appendChild(h("div", { class: "board" },
    h("h1", {}, "Claims"),
    h("div", { class: "filters" }, statusSel, speaker, source, reviewed),
    h("div", { class: "table-wrap" }, h("table", { class: "claims" },
      h("thead", {}, h("tr", {}, ["Speaker", "Cue", "Content", "Status", "Sources", "Outlet", "Date"].map((x) => h("th", {}, x)))), body)),
    more));
  const storyCache = new Map();
  let cursor = "";
  let seq = 0;
  const load = async (reset) => {
    // Only the latest request draws: a slow answer to an older filter
    // must not add its rows to a newer one.
    const my = ++seq;
    const page = await get("/api/claims", { ...f, from: state.from, to: state.to, cursor: reset ? "" : cursor, limit: 50 });
    const ids = [...new Set(page.items.map((c) => c.story).filter((s) => s && !storyCache.has(s)))];
    await Promise.all(ids.map(async (id) => { try { storyCache.set(id, await get("/api/stories/" + encodeURIComponent(id))); } catch { storyCache.set(id, null); } }));
    if (my !== seq) return;
    if (reset) clear(body);
    for (const c of page.items) {
      const st = c.story ? storyCache.get(c.story) : null;
      body.appendChild(h("tr", {},
        h("td", {}, c.speaker_name || c.speaker),
        h("td", {}, c.cue ? c.cue.text : ""),
        h("td", {}, h("a", { href: docHref(c.document_id, c.id) }, contentText(c))),
        h("td", {}, statusBadge(c.status), c.reviewed ? h("span", { class: "muted", title: "reviewed" }, " ✓") : ""),
        h("td", { class: "num" }, st ? h("a", { href: "#/story/" + encodeURIComponent(st.id) }, String(st.sources)) : "1"),
        h("td", {}, c.source || ""),
        h("td", {}, c.published || "")));
    }
    if (!body.children.length) body.appendChild(h("tr", {}, h("td", { colspan: 7, class: "muted" }, "No claims match.")));
    cursor = page.next;
    more.hidden = !cursor;
  };
  const change = () => {
    f.status = statusSel.value; f.speaker = speaker.value.trim(); f.source = source.value.trim();
    f.reviewed = reviewed.querySelector("input").checked ? "true" : "";
    load(true).catch(showError);
  };
  for (const el of [statusSel, speaker, source, reviewed]) el.addEventListener("change", change);
  more.addEventListener("click", () => load(false).catch(showError));
  unsub = onState(() => load(true).catch(showError));
  await load(true);
}

async function storiesView() {
  const page = await get("/api/stories", { limit: 200 });
  clear(main);
  main.appendChild(h("h1", {}, "Stories"));
  if (!page.items.length) main.appendChild(h("p", { class: "muted" }, "No stories yet: stories form when several documents report the same event or claim."));
  main.appendChild(h("ul", { class: "stories" }, page.items.map((s) => h("li", {},
    h("a", { href: "#/story/" + encodeURIComponent(s.id) }, s.title || s.id), " ", statusBadge(s.status),
    h("span", { class: "muted" }, ` ${s.sources} independent source${s.sources === 1 ? "" : "s"}`, s.place ? " · " + s.place : "", s.from ? " · " + s.from : "")))));
}

async function storyView(id) {
  const s = await get("/api/stories/" + encodeURIComponent(id));
  clear(main);
  main.appendChild(h("div", { class: "story" },
    h("h1", {}, s.title || s.id), h("p", {}, statusBadge(s.status), s.reviewed ? ` (reviewed; computed: ${s.computed_status})` : "",
      ` · ${s.sources} independent source${s.sources === 1 ? "" : "s"} (${(s.outlets || []).join(", ")}) · ${s.documents} document${s.documents === 1 ? "" : "s"}`,
      s.place ? " · " + s.place : "", s.from ? ` · ${s.from}${s.to && s.to !== s.from ? " – " + s.to : ""}` : ""),
    (s.contradictions || []).length ? h("div", { class: "contradictions" }, h("h2", {}, "Contradictions"),
      h("ul", {}, s.contradictions.map((c) => h("li", {}, h("strong", {}, c.kind), ": ", c.note)))) : "",
    h("h2", {}, "Sources"),
    h("ul", { class: "members" }, (s.members || []).map((m) => h("li", {},
      h("a", { href: docHref(m.doc, m.item) }, m.source || m.doc), " ", m.kind === "claim" ? "claim" : m.type, m.sub_type ? " · " + m.sub_type : "",
      m.status ? ` (${m.status})` : "", m.place ? " · " + m.place : "", m.text ? [" · ", h("q", {}, m.text)] : ""))),
    h("h2", {}, "Review"),
    reviewBox(`/api/stories/${encodeURIComponent(s.id)}/review`, s.status, s.reviews, () => storyView(id))));
}

async function reviewsView() {
  const page = await get("/api/reviews", { limit: 500 });
  clear(main);
  main.appendChild(h("h1", {}, "Audit trail"));
  if (!page.items.length) { main.appendChild(h("p", { class: "muted" }, "No reviews yet.")); return; }
  main.appendChild(h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, ["When", "Who", "What", "Old", "New", "Note"].map((x) => h("th", {}, x)))),
    h("tbody", {}, page.items.slice().reverse().map((r) => {
      const [doc, item] = r.target.split("/");
      const href = r.kind === "claim" ? docHref(doc, item) : "#/story/" + encodeURIComponent(r.target);
      return h("tr", {}, h("td", {}, fmtTime(r.at)), h("td", {}, r.reviewer), h("td", {}, h("a", { href }, r.kind + " " + r.target)),
        h("td", {}, statusBadge(r.old_status)), h("td", {}, statusBadge(r.new_status)), h("td", {}, r.note || ""));
    })))));
}

async function searchView(q) {
  document.querySelector("#search input").value = q;
  clear(main);
  main.appendChild(h("h1", {}, "Search: ", q));
  if (!q) return;
  const res = await get("/api/search", { q, limit: 50 });
  if (!res.items.length) main.appendChild(h("p", { class: "muted" }, "Nothing found."));
  main.appendChild(h("ol", { class: "hits" }, res.items.map((x) => h("li", {},
    h("a", { href: docHref(x.document_id, x.claim_id) }, x.kind === "claim" ? "Claim" : x.title || "Document"),
    h("div", { class: "snippet" }, x.snippet)))));
}

function renderWho() {
  const who = clear(document.getElementById("who"));
  const s = currentSession();
  if (s.signed_in) {
    who.append(h("span", {}, s.name), " ", h("button", { type: "button", class: "link", onclick: async () => { await signOut(); renderWho(); route(); } }, "Sign out"));
  } else {
    who.append(h("button", { type: "button", id: "signin-open", onclick: openSignIn }, "Sign in"));
  }
}

function openSignIn() {
  const dlg = document.getElementById("signin");
  document.getElementById("signin-error").textContent = "";
  dlg.showModal();
}

document.addEventListener("sitrep:signin", openSignIn);
document.getElementById("signin-form").addEventListener("submit", async (ev) => {
  if (ev.submitter && ev.submitter.value === "cancel") return;
  ev.preventDefault();
  const input = ev.target.elements.token;
  try {
    await signIn(input.value.trim());
    input.value = "";
    document.getElementById("signin").close();
    renderWho();
    route();
  } catch (e) {
    document.getElementById("signin-error").textContent = e.message;
  }
});
document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  location.hash = "#/search?q=" + encodeURIComponent(ev.target.elements.q.value.trim());
});
window.addEventListener("hashchange", route);

async function start() {
  try { await loadSession(); } catch { /* reads may still work */ }
  renderWho();
  const s = currentSession();
  if (s.reads_open === false && !s.signed_in) {
    clear(main).appendChild(h("p", {}, "This server's records are private: sign in with an API token to read them."));
    openSignIn();
    return;
  }
  route();
}
// Leaflet is a classic deferred script; modules run after it.
start();
