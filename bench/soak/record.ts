import type { Answer, Client } from "../http-client";
import { fmt, percentile } from "../shop";
import type { Acknowledged } from "@/test/invariants";

/**
 * Every request of the soak, by endpoint (its path with `{id}` for the ids): when it took and what it
 * answered. An answer is one of four kinds:
 *   ok       2xx and 3xx;
 *   refused  a refusal the API promises as a legitimate outcome of a race or a limit: 409 (stock out,
 *            wrong state, stale count) and 429 (rate limit);
 *   error    any other 4xx, or no answer (a reset connection, no byte within the timeout): the load
 *            asked for something it should not have, or the shop broke its contract;
 *   failure  any 5xx.
 */
export type Kind = "ok" | "refused" | "error" | "failure";

const REFUSALS = new Set([409, 429]);

export function kindOf(status: number | string): Kind {
  if (typeof status === "string") return "error";
  if (status >= 500) return "failure";
  if (status < 400) return "ok";
  return REFUSALS.has(status) ? "refused" : "error";
}

/** Thrown to a virtual user asking for a request after the soak's end: it stops where it is. */
export class SoakOver extends Error {}

type Endpoint = { latencies: number[]; statuses: Map<string, number> };

export class Recorder {
  private endpoints = new Map<string, Endpoint>();
  /** What the API acknowledged (201 orders, 202 reservations): the invariants check that each exists. */
  readonly acknowledged: Acknowledged = { orders: [], reservations: [] };
  /** Sentences about answers that contradict the API's promises (checked as the load runs). */
  readonly broken: string[] = [];
  /** A few examples of error and failure answers, for the report. */
  readonly samples: string[] = [];
  /** Journeys that stopped on an answer of a shape the load did not expect, by message. */
  readonly journeyErrors = new Map<string, number>();
  /** Idempotency-Key replays of a 201 order: how many, and how many answered 200 with the first order. */
  replays = { sent: 0, matched: 0 };
  startedAt = 0;
  endedAt = 0;

  constructor(private readonly until: () => number) {}

  /** One request by `client`, recorded under `label` (e.g. "POST /api/orders/{id}/cancel"). */
  async call(
    client: Client,
    label: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer | null> {
    if (Date.now() >= this.until()) throw new SoakOver();
    const t0 = performance.now();
    let status: number | string;
    let answer: Answer | null = null;
    try {
      answer = await client.request(method, path, body, headers);
      status = answer.status;
    } catch (e) {
      status = (e as NodeJS.ErrnoException).code ?? "network error";
    }
    const ms = performance.now() - t0;
    let row = this.endpoints.get(label);
    if (!row) this.endpoints.set(label, (row = { latencies: [], statuses: new Map() }));
    row.latencies.push(ms);
    row.statuses.set(String(status), (row.statuses.get(String(status)) ?? 0) + 1);
    const kind = kindOf(status);
    if ((kind === "error" || kind === "failure") && this.samples.length < 12)
      this.samples.push(`${method} ${path} → ${status}: ${(answer?.body ?? "").slice(0, 300)}`);
    return answer;
  }

  totals() {
    const t: Record<Kind, number> & { all: number } = { all: 0, ok: 0, refused: 0, error: 0, failure: 0 };
    for (const row of this.endpoints.values())
      for (const [status, n] of row.statuses) {
        t.all += n;
        t[kindOf(/^\d+$/.test(status) ? Number(status) : status)] += n;
      }
    return t;
  }

  /** The per-endpoint table, as printed. */
  table(): string[] {
    const seconds = (this.endedAt - this.startedAt) / 1000;
    const labels = [...this.endpoints.keys()].sort(
      (a, b) => a.split(" ")[1]!.localeCompare(b.split(" ")[1]!) || a.localeCompare(b),
    );
    const width = Math.max(...labels.map((l) => l.length), 8);
    const lines = [`  ${"endpoint".padEnd(width)}   count   req/s    p50 ms    p99 ms  answers`];
    for (const label of labels) {
      const row = this.endpoints.get(label)!;
      const answers = [...row.statuses]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([s, n]) => `${fmt(n)}× ${s}`)
        .join(", ");
      lines.push(
        `  ${label.padEnd(width)} ${fmt(row.latencies.length).padStart(7)} ${fmt(row.latencies.length / seconds, 1).padStart(7)} ${fmt(percentile(row.latencies, 50), 1).padStart(9)} ${fmt(percentile(row.latencies, 99), 1).padStart(9)}  ${answers}`,
      );
    }
    return lines;
  }
}
