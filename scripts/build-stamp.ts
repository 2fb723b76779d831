/**
 * The shop's build, made when it is missing or stale: `npm start` and the HTTP benchmark (bench/http)
 * share this, so both run the same build of the same sources.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

/** A fingerprint of everything the build depends on, so a stale build is rebuilt. */
export function sourceStamp(): string {
  const hash = createHash("sha256");
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) if (!e.startsWith(".") && e !== "node_modules") walk(path.join(p, e));
    } else {
      hash.update(`${p}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const p of ["app", "components", "lib", "db", "messages", "public", "types", "next.config.ts", "package-lock.json", "postcss.config.mjs"]) walk(p);
  return hash.digest("hex");
}

/** Runs `next build` unless `.next` holds a build of the current sources. */
export function buildIfNeeded(env: NodeJS.ProcessEnv, log: (m: string) => void) {
  const stampFile = path.resolve(".next/hub-build-stamp");
  const stamp = sourceStamp();
  const built = existsSync(".next/BUILD_ID") && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;
  if (built) return;
  log("Building the shop (first start, or the code changed)…");
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", env });
  if (r.status !== 0) throw new Error("next build failed");
  writeFileSync(stampFile, stamp);
}
