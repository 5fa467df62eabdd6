// state.js holds the filters every view shares: the date range the timeline
// sets, and the map's type and status filters. Views subscribe to changes.

const listeners = new Set();

export const state = { from: "", to: "", type: "", status: "", source: "" };

export function setState(patch) {
  let changed = false;
  for (const [k, v] of Object.entries(patch)) {
    if (state[k] !== v) { state[k] = v; changed = true; }
  }
  if (changed) for (const fn of listeners) fn(state);
}

export function onState(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
