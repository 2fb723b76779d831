/**
 * Where a sign-in may send the browser afterwards: only a path on this site. `callbackUrl` comes from
 * the address bar, so anything else — `//evil.example`, `/\evil.example` (browsers read `\` as `/`),
 * `javascript:…`, an absolute URL, control characters — gives `fallback`. Used by the sign-in form and
 * by Auth.js's redirect callback (lib/auth/options.ts).
 */
export function safeCallbackPath(raw: string | null | undefined, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  // A path, and nothing a browser could read as the start of another host or a scheme.
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(raw)) return fallback;
  const base = "http://same-origin.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Auth.js's redirect callback: same-origin URLs (a path, or on baseUrl's origin) pass; anything else is the home page. */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const origin = new URL(baseUrl).origin;
  const rest = url === origin ? "/" : url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
  const path = safeCallbackPath(rest, "");
  return path ? `${origin}${path}` : baseUrl;
}
