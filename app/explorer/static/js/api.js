// The public JSON API, read the way any client reads it.

export class ApiError extends Error {}

export async function get(path, params = {}) {
  const response = await fetch(url(path, params), { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail ?? detail;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(`${response.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  return response.json();
}

// A path with its query string; empty values are left out, so a URL says only what was chosen.
export function url(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    query.set(name, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

// Where a `next` link points, as a path on this origin.
export function sameOrigin(next) {
  const target = new URL(next, location.href);
  return target.pathname + target.search;
}
