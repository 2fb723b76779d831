"use client";

import { useNow as useIntlNow } from "next-intl";
import { useEffect, useState } from "react";
import type { ReservationView } from "@/lib/reservations/queries";

/**
 * The customer's reservations, kept current by the server-sent events of /api/reservations/stream
 * (fed by LISTEN/NOTIFY): a `snapshot` on connect, then `update`s as the worker decides, holds expire
 * or staff call something off. `key` reconnects (e.g. after a new request, so its row is included).
 */
export function useLiveReservations(
  initial: ReservationView[],
  opts: { key?: string; enabled?: boolean } = {},
) {
  const [items, setItems] = useState<ReservationView[]>(initial);
  const [connected, setConnected] = useState(false);
  const enabled = opts.enabled ?? true;
  useEffect(() => {
    if (!enabled) return;
    const es = new EventSource("/api/reservations/stream");
    es.addEventListener("open", () => setConnected(true));
    es.addEventListener("error", () => setConnected(false));
    es.addEventListener("snapshot", (e) => {
      setItems(JSON.parse((e as MessageEvent<string>).data) as ReservationView[]);
      setConnected(true);
    });
    es.addEventListener("update", (e) => {
      const changed = JSON.parse((e as MessageEvent<string>).data) as ReservationView[];
      setItems((cur) => {
        const byId = new Map(changed.map((r) => [r.id, r]));
        const merged = cur.map((r) => byId.get(r.id) ?? r);
        const fresh = changed.filter((r) => !cur.some((c) => c.id === r.id));
        return [...fresh, ...merged];
      });
    });
    return () => es.close();
  }, [opts.key, enabled]);
  return { items, connected };
}

/**
 * The time in ms, re-rendered every `ms`, for countdowns. It starts at the request's moment (next-intl's
 * `now`, the same in the server render and in the browser's hydration, so their text agrees), then
 * follows the browser's clock from the first tick after mounting.
 */
export function useNow(ms = 15_000) {
  const requestNow = useIntlNow();
  const [now, setNow] = useState(() => requestNow.getTime());
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const t = setInterval(tick, ms);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, [ms]);
  return now;
}
