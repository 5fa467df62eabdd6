// api.js talks to the JSON API. Errors are RFC 9457 problem details; they
// are thrown as ApiError with the server's detail.

export class ApiError extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || "HTTP " + status);
    this.problem = problem;
    this.status = status;
  }
}

let session = { signed_in: false };

export function currentSession() {
  return session;
}

export async function loadSession() {
  session = await get("/api/session");
  return session;
}

export async function get(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  }
  const res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  return answer(res);
}

export async function send(method, path, body) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (session.csrf) headers["X-CSRF-Token"] = session.csrf;
  const res = await fetch(path, {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer(res);
}

async function answer(res) {
  if (res.status === 204) return null;
  const ct = res.headers.get("Content-Type") || "";
  const body = ct.includes("json") ? await res.json() : await res.text();
  if (!res.ok) throw new ApiError(typeof body === "object" ? body : { detail: body }, res.status);
  return body;
}

export async function signIn(token) {
  session = await send("POST", "/api/session", { token });
  return session;
}

export async function signOut() {
  await send("DELETE", "/api/session");
  session = { signed_in: false };
}
