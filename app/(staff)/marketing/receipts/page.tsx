import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ReceiptsTable } from "@/components/inventory/receipts-table";
import { WarehouseStock, type StockRow } from "@/components/inventory/warehouse-stock";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { ListSection, PageTitle, SectionCard } from "@/components/ui/card";
import { PillLink } from "@/components/ui/pill-link";
import { PaginationLinks } from "@/components/ui/pagination-links";
import { requirePageRole } from "@/lib/auth/guard";
import { hubStock } from "@/lib/inventory/hub-stock";
import { listLocations } from "@/lib/inventory/locations";
import { listReceipts } from "@/lib/inventory/receipt-queries";
import { titleFrom } from "@/lib/http/page";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const PAGE = 10;

export const generateMetadata = titleFrom("network.receipts");

/**
 * Marketing books supplier deliveries at a logistics center (`?center=`, default the first): the
 * center's stock with the one goods-receipt form and count correction of the stock pages, and its past
 * receipts a page at a time (`?page=`).
 */
export default async function ReceiptsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageRole(["marketing"], "/marketing/receipts");
  const sp = await searchParams;
  const db = getDb();
  const [locations, t, locale] = await Promise.all([
    listLocations(db),
    getTranslations("network.receipts"),
    getLocale(),
  ]);
  const td = await getTranslations("network.dashboard");
  const centers = locations.filter((l) => l.kind === "logistics_center");
  const center = centers.find((c) => c.id === one(sp.center)) ?? centers[0]!;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(one(sp.page) ?? "1", 10) || 1));
  const name = (l: { name: string; nameEn: string }) => (locale === "en" ? l.nameEn : l.name);
  const rows: StockRow[] = [];
  for (let p = 1; ; p++) {
    const stock = await hubStock(db, actor, center.id, { page: String(p), pageSize: "100" });
    rows.push(
      ...stock.items.map((r) => ({
        variantId: r.variantId,
        name: locale === "en" ? r.productNameEn : r.productName,
        sku: r.sku,
        retired: false,
        onHand: r.onHand,
        reserved: r.reserved,
        available: r.available,
      })),
    );
    if (p * 100 >= stock.total) break;
  }
  const receipts = await listReceipts(db, actor, center.id, { page: String(page), pageSize: String(PAGE) });
  const href = (c: string, p = 1) => {
    const q = new URLSearchParams();
    if (c !== centers[0]!.id) q.set("center", c);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `/marketing/receipts?${s}` : "/marketing/receipts";
  };
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumb trail={[{ href: "/marketing", label: td("dashboard") }]} current={t("title")} />
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      <nav aria-label={t("center")} className="-mt-4 flex flex-wrap gap-2">
        {centers.map((c) => (
          <PillLink key={c.id} href={href(c.id)} current={c.id === center.id}>
            {name(c)}
          </PillLink>
        ))}
      </nav>
      <SectionCard id="book" title={t("stockTitle", { center: name(center) })} description={t("stockHelp")}>
        <WarehouseStock
          key={center.id}
          locationId={center.id}
          warehouseName={name(center)}
          placeLabel={t("center")}
          rows={rows}
        />
      </SectionCard>
      <ListSection id="receipts-title" title={t("listTitle")} count={t("count", { count: receipts.total })}>
        <ReceiptsTable rows={receipts.items} />
        <PaginationLinks
          page={page}
          pages={Math.ceil(receipts.total / PAGE)}
          hrefFor={(p) => href(center.id, p)}
          label={t("pages")}
        />
      </ListSection>
    </div>
  );
}
