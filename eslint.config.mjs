import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const FORMAT_HOME =
  "Format dates and numbers with lib/format.ts (useFormat, formatFor): one home, explicit locale and time zone.";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "bench/http/bare/.next/**",
      ".data/**",
      "node_modules/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Doors stay thin: pages, actions, route handlers and components never touch the database schema
    // or the query builder; they call verbs and queries in lib/.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "next-intl", importNames: ["useFormatter"], message: FORMAT_HOME },
            { name: "next-intl/server", importNames: ["getFormatter"], message: FORMAT_HOME },
          ],
          patterns: [
            {
              group: ["drizzle-orm", "drizzle-orm/*"],
              message: "Query the database in lib/, not in app/ or components/.",
            },
            { group: ["@/db/schema", "@/db/schema/*"], message: "Use the schema in lib/ and db/ only." },
          ],
        },
      ],
    },
  },
  {
    // One home for formatting: server and browser must write the same text (hydration), so nobody
    // formats with the machine's locale or time zone, or with options of their own.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/format.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "MemberExpression[object.name='Intl'][property.name=/^(DateTimeFormat|NumberFormat|RelativeTimeFormat)$/]",
          message: FORMAT_HOME,
        },
        {
          selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]",
          message: FORMAT_HOME,
        },
      ],
    },
  },
  {
    // Every spec runs under the shared fixture, which fails it on any browser error.
    files: ["e2e/**/*.ts"],
    ignores: ["e2e/fixtures.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              importNames: ["test"],
              message:
                "Import test from ./fixtures: it fails a spec on page errors, console errors and HTTP errors.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
