// review.js is the review form and the audit trail shown under a claim or a
// story.
import { h, clear, statusBadge, fmtTime } from "./dom.js";
import { send, currentSession } from "./api.js";

export const STATUSES = ["unverified", "outlet-unable-to-verify", "corroborated", "contested", "confirmed", "false", "misleading"];

// reviewBox returns the form and trail for one target. path is the review
// endpoint; onDone runs after a saved review.
export function reviewBox(path, current, reviews, onDone) {
  const box = h("div", { class: "review" });
  const trail = h("ol", { class: "trail" });
  for (const r of reviews || []) {
    trail.appendChild(h("li", {},
      h("time", { datetime: r.at }, fmtTime(r.at)), " ", h("strong", {}, r.reviewer), ": ",
      statusBadge(r.old_status), " → ", statusBadge(r.new_status),
      r.note ? h("div", { class: "note" }, r.note) : ""));
  }
  if (!currentSession().signed_in) {
    box.appendChild(h("p", { class: "muted" }, h("button", { type: "button", class: "link", onclick: () => document.dispatchEvent(new Event("sitrep:signin")) }, "Sign in"), " to review."));
  } else {
    const sel = h("select", { name: "status", "aria-label": "New status" }, STATUSES.map((s) => h("option", { value: s, selected: s === current }, s)));
    const note = h("textarea", { name: "note", rows: 2, maxlength: 4000, placeholder: "Why (kept in the audit trail)", "aria-label": "Note" });
    const msg = h("span", { class: "error" });
    const btn = h("button", { type: "submit" }, "Save review");
    const form = h("form", { class: "review-form" }, sel, note, btn, msg);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      btn.disabled = true;
      msg.textContent = "";
      try {
        await send("POST", path, { status: sel.value, note: note.value, old_status: current || undefined });
        onDone();
      } catch (e) {
        msg.textContent = e.message;
        btn.disabled = false;
      }
    });
    box.appendChild(form);
  }
  if (reviews && reviews.length) box.append(h("h4", {}, "Audit trail"), trail);
  return box;
}

export { clear };
