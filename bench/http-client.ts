/**
 * The benchmarks' HTTP client: one signed-in user over node:http with keep-alive.
 *
 * The load generator shares the machine's cores with the server it measures, so it should take as
 * little of them as it can: node:http costs a fraction of what `fetch` (undici's WHATWG layer) costs
 * per request. Measured here: the same server answered GET /api/health 179/s to 50 `fetch` clients
 * and over 400/s to node:http clients.
 */
import http from "node:http";

const shared = new http.Agent({ keepAlive: true, maxSockets: 1024 });

export type Answer = { status: number; body: string; setCookies: string[] };

/**
 * One request. A keep-alive socket the server closed while idle fails with ECONNRESET before the
 * server read anything; as Node's docs advise, such a request (and only such) is sent again.
 */
export function send(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; agent?: http.Agent; timeoutMs?: number } = {},
  attempt = 1,
): Promise<Answer> {
  const body = opts.body;
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: opts.method ?? "GET",
        agent: opts.agent ?? shared,
        headers: { ...opts.headers, ...(body === undefined ? {} : { "content-length": Buffer.byteLength(body) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const setCookie = res.headers["set-cookie"] ?? [];
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), setCookies: setCookie });
        });
        res.on("error", reject);
      },
    );
    // A server that stops answering fails the request (ETIMEDOUT) instead of holding the client forever.
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (req.reusedSocket && e.code === "ECONNRESET" && attempt < 3) resolve(send(url, opts, attempt + 1));
      else reject(e);
    });
    req.end(body);
  });
}

/** A cookie-keeping client: one user of the shop, with its own keep-alive connection, as a browser has. */
export class Client {
  private cookies = new Map<string, string>();
  private agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  /** `timeoutMs`: a request with no answer (no byte) within it fails with ETIMEDOUT. */
  constructor(
    readonly base: string,
    private readonly timeoutMs?: number,
  ) {}

  get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const a = await send(this.base + path, {
      agent: this.agent,
      timeoutMs: this.timeoutMs,
      method,
      headers: {
        ...(json === undefined ? {} : { "content-type": "application/json" }),
        ...(this.cookies.size ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: json === undefined ? undefined : typeof json === "string" ? json : JSON.stringify(json),
    });
    for (const c of a.setCookies) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return a;
  }

  /** Signs in through next-auth's own credentials flow (csrf token, then the callback). */
  async signIn(email: string, password: string) {
    const { csrfToken } = JSON.parse((await this.request("GET", "/api/auth/csrf")).body) as { csrfToken: string };
    await this.request(
      "POST",
      "/api/auth/callback/credentials",
      new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
      { "content-type": "application/x-www-form-urlencoded" },
    );
    const session = JSON.parse((await this.request("GET", "/api/auth/session")).body) as { user?: { email?: string } };
    if (session.user?.email !== email) throw new Error(`sign-in failed for ${email}`);
  }
}

/** Waits until `url` answers 2xx. */
export async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await send(url)).status < 300) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}
