import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download a browser here). The web server is
 * the real `npm start` path on its own embedded database, reset to the demo data on every run.
 */
export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: /instances\.spec\.ts/, use: { ...devices["Desktop Chrome"], channel: undefined } },
    // The shop as several instances (e2e/instances.spec.ts): its own processes on the build this web
    // server made, after the browser specs, so that its storms have the machine to themselves.
    { name: "instances", testMatch: /instances\.spec\.ts/, dependencies: ["chromium"] },
  ],
  webServer: {
    command: "node --import tsx scripts/start.ts",
    url: `http://localhost:${PORT}/api/health`,
    // `npm start` builds first: minutes on a busy two-core machine.
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HUB_DATA_DIR: ".data/e2e-pg",
      // Its own PostgreSQL port per web server port, so runs on different E2E_PORTs never share one.
      HUB_PG_PORT: String(54380 + PORT - 3100),
      HUB_RESEED: "1",
      NEXTAUTH_SECRET: "e2e-secret-0123456789abcdef0123456789",
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      DATABASE_URL: "",
    },
  },
});
