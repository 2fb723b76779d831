import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";

/**
 * One verb per event of a state machine whose steps share one function: `eventVerb(step, "submit")`
 * is `(tx, actor, id, raw) => step(tx, actor, id, raw, "submit")`, each door calling it as any verb.
 */
export function eventVerb<E, R>(
  step: (tx: Tx, actor: Actor | null, id: unknown, raw: unknown, event: E) => Promise<R>,
  event: E,
) {
  return (tx: Tx, actor: Actor | null, id: unknown, raw: unknown): Promise<R> => step(tx, actor, id, raw, event);
}
