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
export const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: CSP },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];
