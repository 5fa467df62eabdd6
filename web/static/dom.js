// dom.js builds elements. Text always goes in through textContent, never
// innerHTML, so article text and extracted strings cannot become markup.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function statusBadge(status) {
  const s = status || "unverified";
  return h("span", { class: "badge st-" + s, title: "status: " + s }, s);
}

// docLink links to an article view, optionally to one item in it.
export function docHref(doc, item) {
  return "#/doc/" + encodeURIComponent(doc) + (item ? "/" + encodeURIComponent(item) : "");
}

export function fmtTime(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

// contentText is what a claim says: a quotation interrupted by its
// attribution ("“A,” she said. “B.”") is shown as its parts, so that the
// attribution between them is not read as the speaker's words.
export function contentText(c) {
  if (!c || !c.content) return "";
  const parts = c.content_parts || [];
  if (parts.length > 1) return parts.map((p) => p.text).join(" … ");
  return c.content.text || "";
}
