import { afterEach, beforeEach, vi } from "vitest";

// A test that logs console.error fails: an unexpected error is a bug even when the assertion passed.
// Tests that expect an error log replace console.error themselves (vi.spyOn(...).mockImplementation).
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0) {
    const first = errors[0]!.map((a) => (a instanceof Error ? a.stack : String(a))).join(" ");
    throw new Error(`console.error was called ${errors.length} time(s): ${first}`);
  }
});

process.env.NEXTAUTH_SECRET ??= "test-secret-for-vitest-only-0123456789";
process.env.NEXTAUTH_URL ??= "http://localhost:3000";
