import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { formatFor } from "@/lib/format";
import { getDb } from "@/db/client";
import { CancelOrderButton } from "@/components/orders/cancel-order-button";
import { OrderTimeline } from "@/components/orders/order-timeline";
import { ProductThumb } from "@/components/orders/product-thumb";
import { StatusBadge } from "@/components/orders/status-badge";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";
import { NotFound } from "@/lib/errors";
import { estimateDelivery } from "@/lib/orders/eta";
import { getOrderFor } from "@/lib/orders/order-queries";
import { orderNumber } from "@/lib/orders/order-number";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("orders", "detailTitle");

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ placed?: string }>;
}) {
  const [{ id }, { placed }] = await Promise.all([params, searchParams]);
  const actor = await requirePageRole(["customer"], `/orders/${id}`);
  const order = await getOrderFor(getDb(), actor, id).catch((e: unknown) => {
    if (e instanceof NotFound) notFound();
    throw e;
  });
  const [t, tc, te, tr, format, locale] = await Promise.all([
    getTranslations("orders"),
    getTranslations("checkout"),
    getTranslations("orderEta"),
    getTranslations("orderRegions"),
    getLocale().then(formatFor),
    getLocale(),
  ]);
  const en = locale === "en";
  const cancellable =
    order.sellerOrders.some((p) => p.status !== "cancelled") &&
    order.sellerOrders.every((p) => p.status !== "shipped" && p.status !== "delivered");
  const a = order.shippingAddress;
  const itemsTotal = order.items.reduce((s, i) => s + i.price * i.quantity, 0);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href="/orders" className="text-sm text-slate-500 hover:text-ink">
            ← {t("title")}
          </Link>
          <h1 className="mt-1 flex items-center gap-3 text-2xl font-bold tracking-tight">
            {t("detailTitle")}{" "}
            <span className="font-mono text-lg text-slate-500">{orderNumber(order.id)}</span>
            <span data-testid="order-status">
              <StatusBadge status={order.status} />
            </span>
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {t("orderedAt", { date: format.dateTime(order.createdAt, "dateTime") })}
          </p>
        </div>
      </div>
      {placed && order.status !== "cancelled" ? (
        <p
          role="status"
          className="rounded-xl bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-800 ring-1 ring-emerald-200"
        >
          ✓ {t("placed")}
        </p>
      ) : null}
      {order.status === "cancelled" ? (
        <p role="status" className="rounded-xl bg-slate-100 px-4 py-3 text-sm text-slate-700">
          {t("cancelled")}{" "}
          {order.cancelledAt
            ? `(${t("cancelledAt", { date: format.dateTime(order.cancelledAt, "dateTime") })})`
            : ""}
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[1fr_340px]">
        <div className="flex flex-col gap-4">
          {order.sellerOrders.map((part, n) => {
            const eta = estimateDelivery(part.sourceLocation, a.region, new Date(order.createdAt));
            return (
              <Card key={part.id}>
                <div
                  data-testid="seller-order"
                  data-source={part.sourceLocation.code}
                  className="flex flex-col gap-4"
                >
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div>
                      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                        {t("shipment", { n: n + 1 })}
                      </p>
                      <p className="mt-1 font-semibold">{en ? part.sellerNameEn : part.sellerName}</p>
                      <p className="text-sm text-slate-600">
                        {t("shipsFrom")}: {en ? part.sourceLocation.nameEn : part.sourceLocation.name} ·{" "}
                        {tc(`kind.${part.sourceLocation.kind}`)}
                      </p>
                      {part.status !== "cancelled" && part.status !== "delivered" ? (
                        <p className="mt-0.5 text-sm font-medium text-emerald-700">
                          {eta.kind === "days"
                            ? te("days", { min: eta.minDays, max: eta.maxDays })
                            : te(eta.kind)}
                        </p>
                      ) : null}
                    </div>
                    <StatusBadge status={part.status} />
                  </div>
                  <ul className="divide-y divide-slate-100 rounded-xl border border-slate-100">
                    {order.items
                      .filter((i) => i.sellerOrderId === part.id)
                      .map((i) => (
                        <li key={i.variantId} className="flex items-center gap-3 px-3 py-2 text-sm">
                          <ProductThumb name={i.productNameEn} size="sm" />
                          <div className="min-w-0 flex-1">
                            <p className="font-medium">{en ? i.productNameEn : i.productName}</p>
                            <p className="font-mono text-xs text-slate-400">{i.sku}</p>
                          </div>
                          <p className="text-slate-500">× {i.quantity}</p>
                          <p className="w-28 text-right tabular-nums">{format.krw(i.price * i.quantity)}</p>
                        </li>
                      ))}
                  </ul>
                  <OrderTimeline part={part} />
                </div>
              </Card>
            );
          })}
        </div>
        <div className="flex flex-col gap-4">
          <Card>
            <h2 className="font-bold">{t("shipTo")}</h2>
            <p className="mt-2 text-sm">
              {a.name} · {a.phone}
            </p>
            <p className="text-sm text-slate-600">
              ({a.postalCode}) {a.line1} {a.line2 ?? ""}
            </p>
            <p className="text-sm text-slate-600">{tr(a.region)}</p>
          </Card>
          <Card>
            <h2 className="font-bold">{t("payment")}</h2>
            <dl className="mt-2 space-y-1 text-sm">
              <div className="flex justify-between">
                <dt className="text-slate-600">{t("itemsTotal")}</dt>
                <dd className="tabular-nums">{format.krw(itemsTotal)}</dd>
              </div>
              <div className="flex justify-between">
                <dt className="text-slate-600">{t("shippingFee")}</dt>
                <dd className="tabular-nums">{format.krw(order.shippingFee)}</dd>
              </div>
              <div className="flex justify-between border-t border-slate-200 pt-2 font-bold">
                <dt>{t("total")}</dt>
                <dd className="tabular-nums">{format.krw(order.total)}</dd>
              </div>
            </dl>
          </Card>
          {cancellable ? <CancelOrderButton orderId={order.id} /> : null}
        </div>
      </div>
    </div>
  );
}
