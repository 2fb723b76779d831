import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Invalid } from "@/lib/errors";

const Day = z.iso.date({ error: "Must be a date (YYYY-MM-DD)." });
/** GET /api/kpis: Seoul calendar days, both included (default: the last 30). */
export const KpisQuery = z.object({ from: Day.optional(), to: Day.optional() });

type LeadTime = { orders: number; p50Hours: number | null; p90Hours: number | null };
export type Kpis = {
  from: string;
  to: string;
  /** Ordered → delivered, over seller orders delivered in the range, by source kind. */
  leadTime: { hub: LeadTime; center: LeadTime };
  /** Of the retailer's delivered orders going to a region that has a hub, the share shipped from a hub (null: none). */
  fillRate: number | null;
  /** Hub × variant pairs a hub carries with nothing available, now. */
  stockOuts: number;
  stockOutList: {
    locationId: string;
    locationName: string;
    locationNameEn: string;
    variantId: string;
    sku: string;
    productName: string;
    productNameEn: string;
  }[];
  /** Seller orders placed in the range (not failed or cancelled), by source kind. */
  ordersBySource: { logistics_center: number; org_hub: number; dealer_hub: number; seller_warehouse: number };
  transfersInFlight: number;
  /** The same per Seoul day, for the charts: orders by source kind placed, lead time p50 and p90 of those delivered that day. */
  daily: {
    day: string;
    logistics_center: number;
    org_hub: number;
    dealer_hub: number;
    seller_warehouse: number;
    hubP50Hours: number | null;
    centerP50Hours: number | null;
    hubP90Hours: number | null;
    centerP90Hours: number | null;
  }[];
};

const seoulToday = (now: Date) => new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** The figures the HUB network exists for (marketing's dashboard; the API contract `GET /api/kpis`). */
export async function networkKpis(
  db: Db | Tx,
  actor: Actor | null,
  raw: unknown,
  now = new Date(),
): Promise<Kpis> {
  requireUser(actor, "network:dashboard");
  const input = KpisQuery.parse(raw);
  const to = input.to ?? seoulToday(now);
  const from = input.from ?? addDays(to, -29);
  if (from > to) throw new Invalid({ from: "Must be on or before `to`." });
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > 366)
    throw new Invalid({ from: "Ask for at most a year at a time." });
  const start = sql`(${from}::date)::timestamp at time zone 'Asia/Seoul'`;
  const end = sql`((${to}::date + 1)::timestamp at time zone 'Asia/Seoul')`;
  const hours = sql`extract(epoch from so.delivered_at - so.created_at) / 3600`;
  const kindGroup = sql`case when l.kind in ('org_hub', 'dealer_hub') then 'hub' when l.kind = 'logistics_center' then 'center' end`;

  const [lead, [fill], outs, bySource, [inFlight], perDayOrders, perDayLead] = await Promise.all([
    db.execute(sql`
      select ${kindGroup} as "group", count(*)::int as orders,
        percentile_cont(0.5) within group (order by ${hours}) as p50, percentile_cont(0.9) within group (order by ${hours}) as p90
      from seller_orders so join locations l on l.id = so.source_location_id
      where so.status = 'delivered' and so.delivered_at >= ${start} and so.delivered_at < ${end} and l.kind <> 'seller_warehouse'
      group by 1`),
    db.execute(sql`
      select count(*) filter (where l.kind in ('org_hub', 'dealer_hub'))::int as from_hub, count(*)::int as eligible
      from seller_orders so
      join orders o on o.id = so.order_id
      join organisations s on s.id = so.seller_id and s.kind = 'retailer'
      join locations l on l.id = so.source_location_id
      where so.status = 'delivered' and so.delivered_at >= ${start} and so.delivered_at < ${end}
        and exists (select 1 from locations h where h.kind in ('org_hub', 'dealer_hub') and h.region::text = o.shipping_address->>'region')`),
    db.execute(sql`
      select l.id as "locationId", l.name as "locationName", l.name_en as "locationNameEn", v.id as "variantId", v.sku,
        p.name_ko as "productName", p.name_en as "productNameEn"
      from stock_levels s join locations l on l.id = s.location_id join variants v on v.id = s.variant_id join products p on p.id = v.product_id
      where l.kind in ('org_hub', 'dealer_hub') and s.on_hand - s.reserved = 0 and v.active and p.status = 'on_sale'
      order by l.code, v.sku`),
    db.execute(sql`
      select l.kind, count(*)::int as n from seller_orders so join locations l on l.id = so.source_location_id
      where so.created_at >= ${start} and so.created_at < ${end} and so.status not in ('pending_payment', 'payment_failed', 'cancelled')
      group by l.kind`),
    db.execute(sql`select count(*)::int as n from transfers where status = 'in_transit'`),
    db.execute(sql`
      select to_char(so.created_at at time zone 'Asia/Seoul', 'YYYY-MM-DD') as day, l.kind, count(*)::int as n
      from seller_orders so join locations l on l.id = so.source_location_id
      where so.created_at >= ${start} and so.created_at < ${end} and so.status not in ('pending_payment', 'payment_failed', 'cancelled')
      group by 1, 2`),
    db.execute(sql`
      select to_char(so.delivered_at at time zone 'Asia/Seoul', 'YYYY-MM-DD') as day, ${kindGroup} as "group",
        percentile_cont(0.5) within group (order by ${hours}) as p50, percentile_cont(0.9) within group (order by ${hours}) as p90
      from seller_orders so join locations l on l.id = so.source_location_id
      where so.status = 'delivered' and so.delivered_at >= ${start} and so.delivered_at < ${end} and l.kind <> 'seller_warehouse'
      group by 1, 2`),
  ]);
  const leadOf = (group: string): LeadTime => {
    const r = (lead as unknown as { group: string; orders: number; p50: number; p90: number }[]).find(
      (x) => x.group === group,
    );
    return r
      ? { orders: r.orders, p50Hours: round1(r.p50), p90Hours: round1(r.p90) }
      : { orders: 0, p50Hours: null, p90Hours: null };
  };
  const ordersBySource = { logistics_center: 0, org_hub: 0, dealer_hub: 0, seller_warehouse: 0 };
  for (const r of bySource as unknown as { kind: keyof typeof ordersBySource; n: number }[])
    ordersBySource[r.kind] = r.n;
  const f = fill as unknown as { from_hub: number; eligible: number };
  const daily: Kpis["daily"] = [];
  for (let d = from; d <= to; d = addDays(d, 1))
    daily.push({
      day: d,
      logistics_center: 0,
      org_hub: 0,
      dealer_hub: 0,
      seller_warehouse: 0,
      hubP50Hours: null,
      centerP50Hours: null,
      hubP90Hours: null,
      centerP90Hours: null,
    });
  const dayOf = new Map(daily.map((d) => [d.day, d]));
  for (const r of perDayOrders as unknown as { day: string; kind: keyof typeof ordersBySource; n: number }[])
    dayOf.get(r.day)![r.kind] = r.n;
  for (const r of perDayLead as unknown as {
    day: string;
    group: "hub" | "center";
    p50: number;
    p90: number;
  }[]) {
    const d = dayOf.get(r.day)!;
    if (r.group === "hub") [d.hubP50Hours, d.hubP90Hours] = [round1(r.p50), round1(r.p90)];
    else [d.centerP50Hours, d.centerP90Hours] = [round1(r.p50), round1(r.p90)];
  }
  const stockOutList = outs as unknown as Kpis["stockOutList"];
  return {
    from,
    to,
    leadTime: { hub: leadOf("hub"), center: leadOf("center") },
    fillRate: f.eligible > 0 ? f.from_hub / f.eligible : null,
    stockOuts: stockOutList.length,
    stockOutList: stockOutList.slice(0, 200),
    ordersBySource,
    transfersInFlight: (inFlight as unknown as { n: number }).n,
    daily,
  };
}
