/**
 * The production web server `npm start` runs: Next's request handler behind a Node HTTP server that owns
 * the socket, so the client address the rate limits count comes from the connection, not from a header
 * the client wrote (lib/http/peer.ts). `npm run dev` keeps `next dev`.
 */
import { createServer } from "node:http";
import next from "next";
import { withPeerAddress } from "@/lib/http/peer";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";

async function main() {
  const app = next({ dev: false, port, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer(withPeerAddress((req, res) => handle(req, res)));
  server.listen(port, hostname);
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
