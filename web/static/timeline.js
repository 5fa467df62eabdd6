// timeline.js draws events per day as bars. Dragging across it selects a
// date range, which filters the map, the lists and the claims board.
import { h, clear } from "./dom.js";
import { state, setState } from "./state.js";

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

const DAY = 86400000;
const dayNum = (s) => Math.floor(Date.parse(s + "T00:00:00Z") / DAY);
const dayStr = (n) => new Date(n * DAY).toISOString().slice(0, 10);

export function renderTimeline(box, data) {
  clear(box);
  const days = data.days || [];
  if (!days.length) {
    box.appendChild(h("p", { class: "muted" }, "No dated events."));
    return;
  }
  const first = dayNum(days[0].day), last = dayNum(days[days.length - 1].day);
  const span = Math.max(1, last - first + 1);
  const counts = new Map(days.map((d) => [dayNum(d.day), d.count]));
  const maxC = Math.max(...days.map((d) => d.count));
  const W = 1000, H = 80, bw = W / span;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H + 16}`, preserveAspectRatio: "none", class: "tl-svg", role: "img" });
  root.appendChild(svg("title", {})).textContent = `${data.total} events from ${days[0].day} to ${days[days.length - 1].day}; drag to select a range`;
  const sel = svg("rect", { class: "tl-sel", x: 0, y: 0, width: 0, height: H });
  root.appendChild(sel);
  for (const [n, c] of counts) {
    const bh = Math.max(2, (c / maxC) * (H - 4));
    const r = svg("rect", { class: "tl-bar", x: (n - first) * bw, y: H - bh, width: Math.max(1, bw - 1), height: bh });
    r.appendChild(svg("title", {})).textContent = `${dayStr(n)}: ${c} event${c === 1 ? "" : "s"}`;
    root.appendChild(r);
  }
  const l1 = svg("text", { x: 2, y: H + 13, class: "tl-label" });
  l1.textContent = dayStr(first);
  const l2 = svg("text", { x: W - 2, y: H + 13, class: "tl-label", "text-anchor": "end" });
  l2.textContent = dayStr(last);
  root.append(l1, l2);

  const toDay = (ev) => {
    const rect = root.getBoundingClientRect();
    const x = Math.min(Math.max(0, ev.clientX - rect.left), rect.width);
    return first + Math.min(span - 1, Math.floor((x / rect.width) * span));
  };
  const showSel = (a, b) => {
    const lo = Math.min(a, b), hi = Math.max(a, b);
    sel.setAttribute("x", (lo - first) * bw);
    sel.setAttribute("width", (hi - lo + 1) * bw);
  };
  if (state.from && state.to) showSel(Math.max(first, dayNum(state.from)), Math.min(last, dayNum(state.to)));
  let start = null;
  root.addEventListener("pointerdown", (ev) => {
    start = toDay(ev);
    root.setPointerCapture(ev.pointerId);
    showSel(start, start);
  });
  root.addEventListener("pointermove", (ev) => { if (start !== null) showSel(start, toDay(ev)); });
  root.addEventListener("pointerup", (ev) => {
    if (start === null) return;
    const end = toDay(ev);
    const lo = Math.min(start, end), hi = Math.max(start, end);
    start = null;
    setState({ from: dayStr(lo), to: dayStr(hi) });
  });
  box.appendChild(root);
}
