import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { HubStockTable } from "@/components/inventory/hub-stock-table";
import { MovementTable } from "@/components/inventory/movement-table";
import { PageTitle } from "@/components/ui/card";
import { PillLink } from "@/components/ui/pill-link";
import { PaginationLinks } from "@/components/ui/pagination-links";
import { StatCard } from "@/components/ui/stat-card";
import { adjustStockAction, setReorderPointAction } from "@/app/(staff)/_stock/actions";
import { requirePageRole } from "@/lib/auth/guard";
import { formatFor } from "@/lib/format";
import { hubStock } from "@/lib/inventory/hub-stock";
import { locationMovements } from "@/lib/inventory/ledger";
import { listLocations } from "@/lib/inventory/locations";
import { ownLocationStock } from "@/lib/inventory/stock-summary";
import { titleFrom } from "@/lib/http/page";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const pageOf = (v: string | undefined) => Math.max(1, Math.min(10_000, Number.parseInt(v ?? "1", 10) || 1));
const PAGE = 20;
const HISTORY_PAGE = 10;

export const generateMetadata = titleFrom("network.stock");

/**
 * A dealer's hub stock: the hub chosen in `?hub=`, its models a page at a time against their reorder
 * points (`?low=1` only the low ones), "request replenishment" prefilled with every low model, and the
 * movement history of the hub or of one model (`?variant=`, paged by `?mpage=`).
 */
export default async function DealerStockPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageRole(["dealer"], "/dealer/stock");
  const sp = await searchParams;
  const db = getDb();
  const [hubs, t, tm, locale] = await Promise.all([
    ownLocationStock(db, actor).then((ls) =>
      ls.filter((l) => l.kind === "dealer_hub" || l.kind === "org_hub"),
    ),
    getTranslations("network.stock"),
    getTranslations("network.movements"),
    getLocale(),
  ]);
  const format = formatFor(locale);
  const hub = hubs.find((h) => h.id === one(sp.hub)) ?? hubs[0];
  if (!hub) {
    return (
      <div className="flex flex-col gap-6">
        <PageTitle title={t("title")} subtitle={t("subtitle")} />
        <p className="rounded-2xl border border-slate-200 bg-white px-6 py-12 text-center text-sm text-slate-500">
          {t("noHubs")}
        </p>
      </div>
    );
  }
  const low = one(sp.low) === "1";
  const page = pageOf(one(sp.page));
  const stock = await hubStock(db, actor, hub.id, {
    page: String(page),
    pageSize: String(PAGE),
    low: low ? "1" : undefined,
  });
  const variant =
    stock.items.find((r) => r.variantId === one(sp.variant))?.variantId ??
    (one(sp.variant) && /^[0-9a-f-]{36}$/.test(one(sp.variant)!) ? one(sp.variant) : undefined);
  const mpage = pageOf(one(sp.mpage));
  const [history, locations] = await Promise.all([
    locationMovements(db, actor, hub.id, {
      variantId: variant,
      page: String(mpage),
      pageSize: String(HISTORY_PAGE),
    }),
    listLocations(db),
  ]);
  const shown = stock.items.find((x) => x.variantId === variant);
  const variantName = !variant
    ? null
    : shown
      ? `${locale === "en" ? shown.productNameEn : shown.productName} · ${shown.sku}`
      : (history.items[0]?.sku ?? "");

  const href = (p: { hub?: string; low?: boolean; page?: number; variant?: string; mpage?: number }) => {
    const q = new URLSearchParams();
    if (p.hub && p.hub !== hubs[0]!.id) q.set("hub", p.hub);
    if (p.low) q.set("low", "1");
    if (p.page && p.page > 1) q.set("page", String(p.page));
    if (p.variant) q.set("variant", p.variant);
    if (p.mpage && p.mpage > 1) q.set("mpage", String(p.mpage));
    const s = q.toString();
    return s ? `/dealer/stock?${s}` : "/dealer/stock";
  };
  const here = { hub: hub.id, low, page };
  const center = locations.find((l) => l.id === stock.replenishment.fromLocationId);
  const replenishHref = (() => {
    const q = new URLSearchParams();
    if (center) q.set("from", center.id);
    q.set("to", hub.id);
    q.set("items", stock.replenishment.items.map((i) => `${i.variantId}:${i.quantity}`).join(","));
    return `/dealer/transfers?${q.toString()}`;
  })();
  const historyBase = (() => {
    const s = href(here);
    return s.includes("?") ? `${s}&` : `${s}?`;
  })();
  const placeName = (l: { name: string; nameEn: string }) => (locale === "en" ? l.nameEn : l.name);

  return (
    <div className="flex flex-col gap-6">
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      {hubs.length > 1 ? (
        <nav aria-label={t("hubs")} className="-mt-4 flex flex-wrap gap-2">
          {hubs.map((h) => (
            <PillLink key={h.id} href={href({ hub: h.id })} current={h.id === hub.id}>
              {placeName(h)}
            </PillLink>
          ))}
        </nav>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <StatCard label={t("models")} value={format.number(hub.skus)} hint={placeName(hub)} />
        <StatCard label={t("availableUnits")} value={format.number(hub.available)} accent="bg-emerald-500" />
        <StatCard
          label={t("lowCount")}
          value={format.number(stock.lowCount)}
          accent={stock.lowCount > 0 ? "bg-red-500" : "bg-slate-300"}
        />
      </div>

      <div
        className={`flex flex-wrap items-center justify-between gap-3 rounded-2xl border px-5 py-4 shadow-sm ${stock.lowCount > 0 ? "border-amber-200 bg-amber-50" : "border-slate-200 bg-white"}`}
      >
        <p className={`text-sm ${stock.lowCount > 0 ? "font-medium text-amber-900" : "text-slate-600"}`}>
          {stock.lowCount > 0
            ? t("replenishHelp", { count: stock.lowCount, center: center ? placeName(center) : "" })
            : t("replenishNone")}
        </p>
        {stock.lowCount > 0 ? (
          <Link
            href={replenishHref}
            className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
          >
            {t("replenish")}
          </Link>
        ) : null}
      </div>

      <section className="flex flex-col gap-3" aria-labelledby="hub-stock-title">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="hub-stock-title" className="text-lg font-bold text-ink">
            {placeName(hub)} <span className="font-mono text-sm font-medium text-slate-400">{hub.code}</span>
          </h2>
          <nav aria-label={t("col.status")} className="flex gap-2">
            <PillLink href={href({ hub: hub.id })} current={!low}>
              {t("all")}
            </PillLink>
            <PillLink href={href({ hub: hub.id, low: true })} current={low}>
              {t("onlyLow")} · {format.number(stock.lowCount)}
            </PillLink>
          </nav>
        </div>
        <HubStockTable
          locationId={hub.id}
          rows={stock.items}
          historyHref={historyBase}
          adjustAction={adjustStockAction}
          reorderPointAction={setReorderPointAction}
          empty={low ? t("emptyLow") : t("empty")}
        />
        <PaginationLinks
          page={page}
          pages={Math.ceil(stock.total / PAGE)}
          hrefFor={(p) => href({ ...here, page: p })}
          label={t("pages")}
        />
      </section>

      <section id="history" className="flex scroll-mt-24 flex-col gap-3" aria-labelledby="history-title">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="history-title" className="text-lg font-bold text-ink">
              {variantName ? tm("titleOf", { name: variantName }) : tm("title")}{" "}
              <span className="text-sm font-medium text-slate-500">
                {tm("count", { count: history.total })}
              </span>
            </h2>
            <p className="text-sm text-slate-500">{tm("help")}</p>
          </div>
          {variant ? (
            <Link
              href={`${href(here)}#history`}
              className="rounded-lg px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-50"
            >
              {tm("showAll")}
            </Link>
          ) : null}
        </div>
        <MovementTable rows={history.items} showModel={!variant} />
        <PaginationLinks
          page={mpage}
          pages={Math.ceil(history.total / HISTORY_PAGE)}
          hrefFor={(p) => `${href({ ...here, variant, mpage: p })}#history`}
          label={tm("pages")}
        />
      </section>
    </div>
  );
}
