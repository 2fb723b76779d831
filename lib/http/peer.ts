import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Where the client address comes from. A route handler never sees the socket, so the server that owns
 * it (scripts/serve.ts, run by `npm start`) writes the peer's address into `x-forwarded-for` before Next
 * sees the request:
 *
 *   HUB_TRUSTED_PROXY_HOPS=0 (default: the shop faces clients) — the header becomes the peer's address
 *     alone; whatever the client sent is dropped.
 *   HUB_TRUSTED_PROXY_HOPS=N — the peer's address is appended to the chain the proxies built, and
 *     clientAddress() takes the entry N places from the right: the client as the outermost trusted
 *     proxy saw it. Entries further left (which the client could have written) are ignored.
 */
export function trustedProxyHops(): number {
  const n = Number(process.env.HUB_TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function forwardedFor(sent: string | string[] | undefined, peer: string, hops = trustedProxyHops()): string {
  if (hops === 0) return peer;
  const chain = (Array.isArray(sent) ? sent.join(",") : (sent ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
  // Only the last `hops` entries can matter; a client padding the header cannot make it grow without end.
  return [...chain.slice(-hops), peer].join(", ");
}

/** Wraps a Node request listener so that Next sees the connection's address as `x-forwarded-for`. */
export function withPeerAddress(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const peer = (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
    req.headers["x-forwarded-for"] = forwardedFor(req.headers["x-forwarded-for"], peer);
    void handle(req, res);
  };
}
