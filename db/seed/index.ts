import { TZDate } from "@date-fns/tz";
import { addDays, addHours, addMinutes, startOfDay, subHours } from "date-fns";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { demoLocations, demoProducts, demoUsers, DEMO_PASSWORD, orgs, type OrgKey } from "./data";

/** A small deterministic PRNG, so every seed gives the same demo world. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cartesian<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]]);
}

export async function truncateAll(db: Db) {
  const tables = await db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public' and tablename not like '\\_\\_%'`,
  );
  const names = tables.map((t) => `"${t.tablename}"`).join(", ");
  if (names) await db.execute(sql.raw(`truncate ${names} restart identity cascade`));
}

/** Resets the database to the demo world of the API contract. */
export async function seed(db: Db, now = new Date()) {
  const random = rng(20261125);
  const qty = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction(async (tx) => {
    await truncateAll(tx as unknown as Db);

    const orgRows = await tx
      .insert(s.organisations)
      .values(Object.values(orgs).map((o) => ({ ...o })))
      .returning();
    const orgId = Object.fromEntries(
      Object.keys(orgs).map((k, i) => [k, orgRows[i]!.id]),
    ) as Record<OrgKey, string>;

    await tx.insert(s.users).values(
      demoUsers.map((u) => ({
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash,
        organisationId: u.org ? orgId[u.org] : null,
      })),
    );

    const locRows = await tx
      .insert(s.locations)
      .values(demoLocations.map(({ operator, region, ...l }) => ({ ...l, region: region as (typeof s.regions)[number], operatorId: orgId[operator] })))
      .returning();
    const centersAndHubs = locRows.filter((l) => l.kind !== "seller_warehouse");
    const warehouseOf = (org: OrgKey) => locRows.find((l) => l.kind === "seller_warehouse" && l.operatorId === orgId[org]);

    const stockRows: (typeof s.stockLevels.$inferInsert)[] = [];
    const variantsByProduct = new Map<string, { id: string; price: number }[]>();
    const productIdByKey = new Map<string, string>();

    for (const p of demoProducts) {
      const [product] = await tx
        .insert(s.products)
        .values({
          sellerId: orgId[p.seller],
          type: p.type,
          status: p.status ?? "on_sale",
          category: p.category,
          brand: p.brand,
          nameKo: p.ko,
          nameEn: p.en,
          descriptionKo: p.descKo,
          descriptionEn: p.descEn,
        })
        .returning();
      productIdByKey.set(p.key, product!.id);
      await tx.insert(s.productStatusEvents).values(
        ["draft", "in_review", "approved", "on_sale"]
          .slice(0, ["draft", "in_review", "approved", "on_sale"].indexOf(p.status ?? "on_sale") + 1)
          .map((to, i, arr) => ({
            productId: product!.id,
            fromStatus: i === 0 ? null : (arr[i - 1] as "draft"),
            toStatus: to as "draft",
            reason: i === 0 ? "created" : null,
          })),
      );

      const valueIds: string[][] = [];
      for (const [gi, g] of p.options.entries()) {
        const [group] = await tx
          .insert(s.optionGroups)
          .values({ productId: product!.id, code: g.code, nameKo: g.ko, nameEn: g.en, position: gi })
          .returning();
        const values = await tx
          .insert(s.optionValues)
          .values(g.values.map((v, vi) => ({ groupId: group!.id, valueKo: v.ko, valueEn: v.en, position: vi })))
          .returning();
        valueIds.push(values.map((v) => v.id));
      }

      const combos = cartesian(valueIds.map((ids) => ids.map((id, idx) => ({ id, idx }))));
      const created: { id: string; price: number }[] = [];
      for (const combo of combos) {
        const lastIdx = combo[combo.length - 1]?.idx ?? 0;
        const price = p.basePrice + lastIdx * (p.step ?? 0);
        const sku = [p.skuPrefix, ...combo.map((c) => c.idx + 1)].join("-");
        const [variant] = await tx.insert(s.variants).values({ productId: product!.id, sku, price }).returning();
        await tx.insert(s.variantOptionValues).values(combo.map((c) => ({ variantId: variant!.id, optionValueId: c.id })));
        created.push({ id: variant!.id, price });

        if (p.type !== "stock") continue;
        if (p.seller === "retailer") {
          // The retailer's own devices: deep stock at the centers, 5–60 a variant at the hubs.
          for (const loc of centersAndHubs) {
            const onHand = loc.kind === "logistics_center" ? qty(120, 400) : qty(5, 60);
            stockRows.push({ locationId: loc.id, variantId: variant!.id, onHand });
          }
        } else {
          const wh = warehouseOf(p.seller);
          if (wh) stockRows.push({ locationId: wh.id, variantId: variant!.id, onHand: qty(20, 300) });
        }
      }
      variantsByProduct.set(p.key, created);
    }

    for (let i = 0; i < stockRows.length; i += 500) {
      const chunk = stockRows.slice(i, i + 500);
      await tx.insert(s.stockLevels).values(chunk);
      await tx.insert(s.stockMovements).values(
        chunk.map((r) => ({
          locationId: r.locationId,
          variantId: r.variantId,
          kind: "initial" as const,
          onHandDelta: r.onHand ?? 0,
          refType: "seed",
          refId: "demo",
          note: "Opening stock",
        })),
      );
    }

    // Reservables: hot launch pre-orders (one per customer) and roomier ones without a limit,
    // and a week of hourly appointment slots at every hub.
    const launch = addDays(now, 14);
    // Each ships from where its launch stock will arrive: the retailer's from a logistics center, a seller's
    // from its warehouse (paid pre-orders become orders there on launch day).
    const locByCode = (code: string) => locRows.find((l) => l.code === code)?.id ?? null;
    const preorders: { key: string; capacities: number[]; limit: number | null; from: string }[] = [
      { key: "s26pre", capacities: [200, 100], limit: 1, from: "LC-ICHEON" },
      { key: "ip17pre", capacities: [120], limit: null, from: "LC-ICHEON" },
      { key: "stb5pre", capacities: [50], limit: 2, from: "WH-SMARTHOME" },
    ];
    const reservableRows: (typeof s.reservables.$inferInsert)[] = [];
    for (const pre of preorders) {
      const vs = variantsByProduct.get(pre.key) ?? [];
      vs.forEach((v, i) =>
        reservableRows.push({
          kind: "preorder",
          productId: productIdByKey.get(pre.key)!,
          variantId: v.id,
          locationId: locByCode(pre.from),
          opensAt: subHours(now, 1),
          startsAt: launch,
          capacity: pre.capacities[i] ?? pre.capacities[0]!,
          perCustomerLimit: pre.limit,
          cancelDeadline: subHours(launch, 24),
          holdMinutes: 15,
        }),
      );
    }
    const setup = variantsByProduct.get("activation")![0]!;
    const hubs = locRows.filter((l) => l.kind === "org_hub" || l.kind === "dealer_hub");
    const todaySeoul = startOfDay(new TZDate(now, "Asia/Seoul"));
    for (const hub of hubs) {
      for (let d = 1; d <= 7; d++) {
        for (let h = 10; h < 18; h += 2) {
          const startsAt = addHours(addDays(todaySeoul, d), h);
          reservableRows.push({
            kind: "slot",
            productId: productIdByKey.get("activation")!,
            variantId: setup.id,
            locationId: hub.id,
            startsAt: new Date(startsAt.getTime()),
            endsAt: new Date(addMinutes(startsAt, 120).getTime()),
            capacity: qty(20, 30),
            perCustomerLimit: 1,
            cancelDeadline: new Date(subHours(startsAt, 2).getTime()),
            holdMinutes: 30,
          });
        }
      }
    }
    await tx.insert(s.reservables).values(reservableRows);
  });
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from organisations`);
  return (row?.n ?? 0) === 0;
}
