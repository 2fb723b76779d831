/**
 * The production web server `npm start` runs: Next's request handler behind a Node HTTP server that owns
 * the socket, so the client address the rate limits count comes from the connection, not from a header
 * the client wrote (lib/http/peer.ts), a method an API path does not take is 405 before Next
 * (lib/http/methods.ts), every response carries the security headers (lib/http/security-headers.ts),
 * and the public catalog pages of visitors without a session are answered from
 * a few seconds' microcache (lib/http/page-cache.ts). `npm run dev` keeps `next dev`.
 */
import { createServer } from "node:http";
import next from "next";
import { directDatabaseUrl } from "@/db/client";
import { databaseOutageSince } from "@/db/outage";
import { methodGate } from "@/lib/http/methods";
import { createPageCache, pageCacheOptionsFromEnv } from "@/lib/http/page-cache";
import { withPeerAddress } from "@/lib/http/peer";
import { withSecurityHeaders } from "@/lib/http/security-headers";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * A page that fails because the database is away is a 503 (with Retry-After), not a 500: Next renders
 * its error page with 500 and has no way to say otherwise, so the status is changed on its way out
 * when this process saw the database away (db/outage.ts) while the request was being served. API
 * routes answer 503 problem+json themselves (lib/http/problem.ts).
 */
function outageAware(handler: (req: IncomingMessage, res: ServerResponse) => unknown) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const since = Date.now();
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      if (status === 500 && databaseOutageSince(since)) {
        status = 503;
        this.setHeader("retry-after", "5");
        this.setHeader("cache-control", "no-store");
      }
      return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...rest);
    } as typeof res.writeHead;
    return handler(req, res);
  };
}

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";

async function main() {
  // A pooled DATABASE_URL needs DATABASE_DIRECT_URL for the LISTENs (live updates, the page cache): say
  // so now, not at the first live page.
  const direct = directDatabaseUrl();
  const app = next({ dev: false, port, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const pages = createPageCache({
    databaseUrl: direct,
    ...pageCacheOptionsFromEnv(),
  });
  void pages.ready(); // its listener connects now; until it is up, every page goes to Next
  const server = createServer(
    withSecurityHeaders(withPeerAddress(methodGate(pages.handler(outageAware((req, res) => handle(req, res)))))),
  );
  // Idle keep-alive connections are kept longer than clients keep theirs (Node's default is 5 s): a
  // client reusing a socket at the moment the server closes it gets ECONNRESET (seen in the e2e run).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, hostname);
  const stop = () => server.close(() => void pages.stop().finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
