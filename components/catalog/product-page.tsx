import { useTranslations } from "next-intl";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card } from "@/components/ui/card";
import { allowedProductEvents, type ProductActorKind } from "@/lib/catalog/lifecycle";
import type { SellerProductDetail } from "@/lib/catalog/product-detail";
import { LifecycleBar } from "./lifecycle-bar";
import { LifecycleTrack, ProductHistory, type HistoryEntry } from "./product-history";
import { ProductStatusBadge } from "./product-status-badge";

/**
 * The frame of a product page in the seller centre and in marketing's review: the way back, the
 * name with its status, a line about it and actions; then the page's sections beside a column with
 * where the product stands and its history; at the bottom the sticky bar of the steps this side may take.
 */
export function ProductPage({
  side,
  product,
  back,
  name,
  subtitle,
  actions,
  notice,
  sideTitle,
  sideHint,
  history,
  children,
}: {
  side: ProductActorKind;
  product: Pick<SellerProductDetail, "id" | "status" | "updatedAt">;
  back: { href: string; label: string };
  name: string;
  subtitle: React.ReactNode;
  actions?: React.ReactNode;
  /** Shown under the heading, across the page (marketing's send-back reason, "not in review"). */
  notice?: React.ReactNode;
  sideTitle: string;
  sideHint: string;
  history: HistoryEntry[];
  children: React.ReactNode;
}) {
  const t = useTranslations("sellerCentre");
  const { status } = product;
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumb trail={[back]} current={name} />
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-bold tracking-tight text-ink">{name}</h1>
            <ProductStatusBadge status={status} size="md" />
          </div>
          <p className="mt-1 text-sm text-slate-600">{subtitle}</p>
        </div>
        {actions}
      </header>
      {notice}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-6">{children}</div>
        <aside className="flex flex-col gap-6 lg:sticky lg:top-20">
          <Card className="flex flex-col gap-4">
            <h2 className="text-base font-bold text-ink">{sideTitle}</h2>
            <LifecycleTrack status={status} />
            <p className="text-sm text-slate-600">{sideHint}</p>
          </Card>
          <Card>
            <h2 className="mb-4 text-base font-bold text-ink">{t("history.title")}</h2>
            <ProductHistory history={history} />
          </Card>
        </aside>
      </div>
      {/* Keyed by the status: a refusal shown for an earlier status goes once the product moves on. Not by
          updatedAt: a refresh from another part of the editor (an upload) would wipe a fresh answer. */}
      <LifecycleBar
        key={status}
        productId={product.id}
        status={status}
        events={allowedProductEvents(status, side)}
        side={side}
      />
    </div>
  );
}
