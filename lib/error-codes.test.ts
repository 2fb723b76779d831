import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runAction } from "@/lib/http/action";
import { toProblemResponse } from "@/lib/http/problem";
import { ERROR_CODES, type DomainErrorCode, type ErrorCode } from "./error-codes";
import { DatabaseUnavailable } from "@/db/outage";
import { Conflict, DomainError, Invalid, NotFound, PaymentDeclined, RateLimited } from "./errors";

const root = path.resolve(import.meta.dirname, "..");
const codes = Object.keys(ERROR_CODES) as ErrorCode[];

/** Any code, through the base class: what a subclass would carry. */
class AnyCode extends DomainError {}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

describe("the table of error codes", () => {
  it("lists every code once, with one status a client error, 500 or 503", () => {
    const text = readFileSync(path.join(root, "lib/error-codes.ts"), "utf8");
    const table = text.slice(text.indexOf("ERROR_CODES = {"), text.indexOf("} as const"));
    const written = [...table.matchAll(/^\s*"?([a-z_.]+)"?: (\d{3}),$/gm)].map((m) => m[1]!);
    expect(written.length).toBe(codes.length);
    expect(new Set(written).size).toBe(written.length);
    for (const code of codes)
      expect([400, 401, 402, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503]).toContain(ERROR_CODES[code]);
    expect(codes.filter((c) => ERROR_CODES[c] === 500)).toEqual(["internal"]);
    expect(codes.filter((c) => ERROR_CODES[c] === 503)).toEqual(["db.unavailable"]);
  });

  it("is where every thrown code's status comes from, whatever class throws it", () => {
    const statusOfClass = {
      BadRequest: 400,
      PaymentDeclined: 402,
      Forbidden: 403,
      NotFound: 404,
      Conflict: 409,
      PayloadTooLarge: 413,
      UnsupportedMediaType: 415,
    };
    const used = new Map<string, Set<number>>();
    for (const file of [...sources(path.join(root, "lib")), ...sources(path.join(root, "app"))]) {
      // Code only: a comment may show what does not compile.
      const text = readFileSync(file, "utf8").replace(/^\s*(\*|\/\/).*$/gm, "");
      for (const m of text.matchAll(
        /new (BadRequest|PaymentDeclined|Forbidden|NotFound|Conflict|PayloadTooLarge|UnsupportedMediaType)\(\s*"([^"]+)"/g,
      )) {
        const status = statusOfClass[m[1] as keyof typeof statusOfClass];
        used.set(m[2]!, (used.get(m[2]!) ?? new Set()).add(status));
      }
    }
    expect(used.size).toBeGreaterThan(30);
    for (const [code, statuses] of used) {
      expect({ code, statuses: [...statuses] }).toEqual({ code, statuses: [ERROR_CODES[code as ErrorCode]] });
    }
  });

  it("gives each class its status", () => {
    expect(new Conflict("order.insufficient_stock").status).toBe(409);
    expect(new NotFound("order.not_found").status).toBe(404);
    expect(new PaymentDeclined("payment.declined").status).toBe(402);
    expect(new Invalid({ a: "b" }).status).toBe(422);
    expect(new RateLimited(3).status).toBe(429);
  });
});

describe("the two mappers", () => {
  const domainCodes = codes.filter((c): c is DomainErrorCode => c !== "internal" && c !== "db.unavailable");

  it("answer problem+json with the table's status for every code", async () => {
    for (const code of domainCodes) {
      const res = toProblemResponse(new AnyCode(code, `because ${code}`));
      expect([code, res.status]).toEqual([code, ERROR_CODES[code]]);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(await res.json()).toMatchObject({ code, status: ERROR_CODES[code], detail: `because ${code}` });
    }
  });

  it("answer a form with the same code for every code", async () => {
    for (const code of domainCodes) {
      expect(await runAction(() => Promise.reject(new AnyCode(code, "m")))).toEqual({
        ok: false,
        code,
        message: "m",
        meta: undefined,
      });
    }
  });

  it("answer a bad body and an unknown error with the table's codes too", async () => {
    const bad = z.strictObject({ n: z.number() }).safeParse({ n: "x" }).error!;
    const res = toProblemResponse(bad);
    expect([res.status, (await res.json()).code]).toEqual([
      ERROR_CODES["validation.invalid"],
      "validation.invalid",
    ]);
    expect(await runAction(() => Promise.reject(bad))).toMatchObject({
      ok: false,
      code: "validation.invalid",
    });

    // The database being away, however the driver or the server says it, is 503 db.unavailable.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const outages = [
      new DatabaseUnavailable(),
      Object.assign(new Error("write CONNECT_TIMEOUT 127.0.0.1:5432"), { code: "CONNECT_TIMEOUT" }),
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      new Error("Failed query: select 1", { cause: Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" }) }),
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      Object.assign(new Error("connection failure"), { code: "08006" }),
      Object.assign(new Error("lock timeout"), { code: "55P03" }),
    ];
    for (const e of outages) {
      const res = toProblemResponse(e);
      expect([res.status, res.headers.get("retry-after"), (await res.json()).code]).toEqual([503, "5", "db.unavailable"]);
      expect(await runAction(() => Promise.reject(e))).toMatchObject({ ok: false, code: "db.unavailable" });
    }
    expect(warn).toHaveBeenCalled();
    // A constraint violation is a bug, not an outage.
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(toProblemResponse(Object.assign(new Error("duplicate key"), { code: "23505" })).status).toBe(500);

    const boom = toProblemResponse(new Error("boom"));
    expect([boom.status, (await boom.json()).code]).toEqual([ERROR_CODES.internal, "internal"]);
    expect(await runAction(() => Promise.reject(new Error("boom")))).toMatchObject({
      ok: false,
      code: "internal",
    });
  });
});
