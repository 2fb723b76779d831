import { getLocale, getTranslations } from "next-intl/server";
import { formatFor } from "@/lib/format";
import { getDb } from "@/db/client";
import { SellerProductsTable } from "@/components/catalog/seller-products-table";
import { PageTitle } from "@/components/ui/card";
import { StatCard } from "@/components/ui/stat-card";
import { requirePageRole } from "@/lib/auth/guard";
import { sellerProducts } from "@/lib/catalog/seller-products";
import { organisationOf } from "@/lib/identity/organisation";
import { ownLocationStock } from "@/lib/inventory/stock-summary";

export async function generateMetadata() {
  const t = await getTranslations("catalog.dashboard");
  return { title: t("sellerTitle") };
}

export default async function SellerHome() {
  const actor = await requirePageRole(["seller"], "/seller");
  const db = getDb();
  const [products, warehouses, org, t, format, locale] = await Promise.all([
    sellerProducts(db, actor),
    ownLocationStock(db, actor),
    organisationOf(db, actor.organisationId),
    getTranslations("catalog.dashboard"),
    getLocale().then(formatFor),
    getLocale(),
  ]);
  const orgName = (locale === "en" ? org?.nameEn : org?.name) ?? actor.name;
  const onSale = products.filter((p) => p.status === "on_sale").length;
  const pending = products.filter((p) => p.status === "draft" || p.status === "in_review" || p.status === "approved").length;
  const warehouseAvailable = warehouses.reduce((s, w) => s + w.available, 0);
  return (
    <div className="flex flex-col gap-6">
      <PageTitle title={t("sellerTitle")} subtitle={t("sellerSubtitle", { org: orgName })} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label={t("products")} value={format.number(products.length)} />
        <StatCard label={t("onSaleCount")} value={format.number(onSale)} accent="bg-emerald-500" />
        <StatCard label={t("pendingCount")} value={format.number(pending)} accent="bg-amber-400" />
        <StatCard
          label={t("warehouseStock")}
          value={warehouses.length > 0 ? t("units", { count: warehouseAvailable }) : t("noWarehouse")}
          hint={warehouses.length > 0 ? warehouses.map((w) => (locale === "en" ? w.nameEn : w.name)).join(", ") : t("noWarehouseText")}
          accent="bg-slate-400"
        />
      </div>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-bold text-ink">{t("productsTable")}</h2>
        <SellerProductsTable rows={products} caption={t("productsTable")} />
      </section>
    </div>
  );
}
