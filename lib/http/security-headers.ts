import type { IncomingMessage, ServerResponse } from "node:http";
import { trustedProxyHops } from "./peer";

/**
 * A policy Next's production output satisfies without a nonce: Next inlines its bootstrap and RSC
 * payload scripts, so script-src keeps 'unsafe-inline', but no script, style, font, image or
 * connection can come from another origin, nothing may frame the shop, and <base>, <object> and form
 * targets elsewhere are refused. (A per-request nonce via proxy.ts would drop 'unsafe-inline' at the cost
 * of rendering every page dynamically.)
 */
const CSP = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "production" ? "" : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "Content-Security-Policy", value: CSP },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Wraps the Node request listener of `npm start` (scripts/serve.ts) so that every response carries the
 * security headers, set on the response before Next (or the page cache, or the 405 gate) writes it, and
 * HSTS over https only: our own TLS socket, or a trusted proxy that says it took https.
 *
 * Not next.config.ts's `headers()`: Next matches those per request and, for every value with a colon in
 * it (the CSP's `data:` and `blob:`), escapes and compiles the value with path-to-regexp on every
 * response, about 50 µs of the one thread a Node server has (bench/http/README.md, 2026-12-03). There
 * they stay for `next dev` only, which runs without this server.
 */
export function withSecurityHeaders(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    for (const h of SECURITY_HEADERS) res.setHeader(h.key, h.value);
    const proto = String(req.headers["x-forwarded-proto"] ?? "").split(",").pop()?.trim();
    if ((req.socket as { encrypted?: boolean }).encrypted || (trustedProxyHops() > 0 && proto === "https"))
      res.setHeader("Strict-Transport-Security", HSTS);
    void handle(req, res);
  };
}
