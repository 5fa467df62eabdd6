// article.js is the article view: the text with every evidence span
// highlighted by kind, beside the record extracted from it.
import { h, clear, statusBadge, docHref, contentText } from "./dom.js";
import { get } from "./api.js";
import { reviewBox } from "./review.js";

const KINDS = [
  ["claim", "Claims"], ["person", "People"], ["org", "Organisations"], ["place", "Places"],
  ["date", "Dates"], ["figure", "Figures"], ["event", "Events"],
];

// spansOf lists the record's evidence spans with their kind and item.
export function spansOf(rec) {
  const out = [];
  const add = (sp, kind, id) => { if (sp && sp.end > sp.start) out.push({ start: sp.start, end: sp.end, kind, id }); };
  for (const e of rec.entities || []) {
    const kind = e.type === "PER" ? "person" : ["GPE", "LOC", "FAC"].includes(e.type) ? "place" : "org";
    for (const m of e.mentions || []) add(m, kind, e.id);
  }
  for (const p of rec.places || []) for (const m of p.mentions || []) add(m, "place", p.id);
  for (const t of rec.times || []) for (const m of t.mentions || []) add(m, "date", t.id);
  for (const q of rec.quantities || []) for (const m of q.evidence || []) add(m, "figure", q.id);
  for (const c of rec.claims || []) { add(c.content, "claim", c.id); add(c.cue, "claim", c.id); }
  for (const ev of rec.events || []) add(ev.trigger, "event", ev.id);
  return out;
}

// highlight splits text (code points) at every span boundary and wraps
// each covered piece in a <mark> whose classes name the kinds covering it.
export function highlight(text, spans, focus) {
  const chars = Array.from(text);
  const n = chars.length;
  const cuts = new Set([0, n]);
  for (const s of spans) { cuts.add(Math.max(0, Math.min(n, s.start))); cuts.add(Math.max(0, Math.min(n, s.end))); }
  const bounds = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i], b = bounds[i + 1];
    const piece = chars.slice(a, b).join("");
    const on = spans.filter((s) => s.start <= a && s.end >= b);
    if (!on.length) { frag.appendChild(document.createTextNode(piece)); continue; }
    const kinds = [...new Set(on.map((s) => s.kind))];
    const ids = [...new Set(on.map((s) => s.id))];
    const cls = ["hl", ...kinds.map((k) => "hl-" + k)];
    if (focus && ids.includes(focus)) cls.push("focus");
    frag.appendChild(h("mark", { class: cls.join(" "), dataset: { ids: ids.join(" ") }, title: kinds.join(", ") }, piece));
  }
  return frag;
}

export async function articleView(main, docID, focus) {
  const rec = await get("/api/records/" + encodeURIComponent(docID));
  const d = rec.document;
  clear(main);
  const textBox = h("div", { class: "article-text", id: "article-text" });
  const toggles = h("div", { class: "kinds" }, KINDS.map(([k, label]) => {
    const cb = h("input", { type: "checkbox", checked: true, onchange: () => textBox.classList.toggle("hide-" + k, !cb.checked) });
    return h("label", { class: "kind hl-" + k }, cb, label);
  }));
  textBox.appendChild(highlight(d.text, spansOf(rec), focus));
  const side = h("aside", { class: "record" });
  main.appendChild(h("div", { class: "article" },
    h("section", { class: "article-main" },
      h("h1", {}, d.title || "(untitled)"),
      h("p", { class: "meta" }, d.source || "unknown source", d.published ? " · " + d.published : "",
        d.published_inferred ? " (inferred)" : "", d.url ? [" · ", h("a", { href: safeURL(d.url), rel: "noopener noreferrer", target: "_blank" }, "original")] : ""),
      toggles, textBox),
    side));
  const focusEl = textBox.querySelector("mark.focus");
  if (focusEl) focusEl.scrollIntoView({ block: "center" });
  textBox.addEventListener("click", (ev) => {
    const m = ev.target.closest("mark");
    if (!m) return;
    for (const id of m.dataset.ids.split(" ")) {
      const card = side.querySelector(`[data-item="${CSS.escape(id)}"]`);
      if (card) { card.scrollIntoView({ block: "nearest" }); card.classList.add("flash"); setTimeout(() => card.classList.remove("flash"), 800); break; }
    }
  });
  await renderRecord(side, rec, () => articleView(main, docID, focus));
}

function safeURL(u) {
  try {
    const x = new URL(u);
    return x.protocol === "http:" || x.protocol === "https:" ? x.href : "#";
  } catch { return "#"; }
}

async function renderRecord(side, rec, reload) {
  const byId = (list) => new Map((list || []).map((x) => [x.id, x]));
  const places = byId(rec.places), times = byId(rec.times), ents = byId(rec.entities);
  const docID = rec.document.id;
  side.appendChild(h("h2", {}, "Claims"));
  if (!(rec.claims || []).length) side.appendChild(h("p", { class: "muted" }, "No claims found."));
  for (const c of rec.claims || []) {
    const card = h("div", { class: "card claim-card", dataset: { item: c.id } });
    side.appendChild(card);
    let stored = null;
    try { stored = await get(`/api/claims/${encodeURIComponent(docID)}/${encodeURIComponent(c.id)}`); } catch { /* shown as extracted */ }
    const status = stored ? stored.status : c.status;
    const speaker = c.speaker_name || (ents.get(c.speaker) || {}).name || c.speaker;
    card.append(
      h("div", { class: "claim-head" }, h("strong", {}, speaker), " ", h("em", {}, c.cue && c.cue.text || ""), " ", statusBadge(status)),
      h("blockquote", {}, contentText(c)),
      c.medium ? h("div", { class: "muted" }, "medium: ", c.medium.text) : "",
      c.hedges && c.hedges.length ? h("div", { class: "muted" }, "hedges: ", c.hedges.map((x) => x.text).join("; ")) : "",
      stored && stored.story ? h("a", { href: "#/story/" + encodeURIComponent(stored.story) }, "story") : "",
      reviewBox(`/api/claims/${encodeURIComponent(docID)}/${encodeURIComponent(c.id)}/review`, status, stored ? stored.reviews : [], reload));
  }
  side.appendChild(h("h2", {}, "Events"));
  if (!(rec.events || []).length) side.appendChild(h("p", { class: "muted" }, "No events found."));
  for (const e of rec.events || []) {
    const p = places.get(e.place), t = times.get(e.date);
    side.appendChild(h("div", { class: "card", dataset: { item: e.id } },
      h("strong", {}, e.type), e.sub_type ? " · " + e.sub_type : "", " ", h("span", { class: "muted" }, e.status),
      h("div", {}, p ? `${p.name} (${e.place_precision || p.precision})` : "place unknown", " · ",
        e.date_value || (t && t.value) || "date unknown", e.date_precision ? ` (${e.date_precision})` : ""),
      e.actor1 ? h("div", {}, "actors: ", [e.actor1, e.actor2].filter(Boolean).map((a) => a.name + (a.side ? ` [${a.side}]` : "")).join(" vs ")) : "",
      e.fatalities && e.fatalities.best != null ? h("div", {}, "fatalities: ", String(e.fatalities.best)) : "",
      e.trigger ? h("q", {}, e.trigger.text) : ""));
  }
  const simple = (title, list, fmt) => {
    if (!(list || []).length) return;
    side.appendChild(h("h2", {}, title));
    side.appendChild(h("ul", { class: "items" }, list.map((x) => h("li", { dataset: { item: x.id } }, fmt(x)))));
  };
  simple("People and groups", rec.entities, (e) => [h("strong", {}, e.name), ` ${e.type}`, e.side ? ` [${e.side}]` : "",
    (e.roles || []).length ? " — " + e.roles.map((r) => r.title).join("; ") : ""]);
  simple("Places", rec.places, (p) => [h("strong", {}, p.name), ` ${p.kind || ""} ${p.precision}`,
    p.lat || p.lon ? ` (${(+p.lat).toFixed(2)}, ${(+p.lon).toFixed(2)})` : "", p.admin1 ? `, ${p.admin1}` : "", p.country ? `, ${p.country}` : ""]);
  simple("Dates", rec.times, (t) => [h("strong", {}, ((t.mentions || [])[0] || {}).text || t.value), ` → ${t.value}`, t.mod ? ` ${t.mod}` : "", t.precision ? ` (${t.precision})` : ""]);
  simple("Figures", rec.quantities, (q) => [h("strong", {}, String(q.value)), ` ${q.qualifier}`, q.unit ? ` ${q.unit}` : "", q.measure ? ` ${q.measure}` : "",
    q.as_of && times.get(q.as_of) ? ` as of ${times.get(q.as_of).value}` : ""]);
}

export { docHref };
