import { getTranslations, getLocale } from "next-intl/server";
import { formatFor } from "@/lib/format";
import { getDb } from "@/db/client";
import { OrdersTable } from "@/components/orders/orders-table";
import { PageTitle } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";
import { listMyOrders } from "@/lib/orders/order-queries";
import { EmptyState } from "@/components/ui/empty-state";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("orders");

const PAGE_SIZE = 20;

export default async function MyOrdersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageRole(["customer"], "/orders");
  const { page: raw } = await searchParams;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(raw ?? "1", 10) || 1));
  const [t, tc, format, list] = await Promise.all([
    getTranslations("orders"),
    getTranslations("cart"),
    getLocale().then(formatFor),
    listMyOrders(getDb(), actor, { page: String(page), pageSize: String(PAGE_SIZE) }),
  ]);
  return (
    <>
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      {list.total === 0 ? (
        <EmptyState title={t("empty")} action={{ href: "/", label: tc("browse") }} />
      ) : (
        <OrdersTable
          rows={list.items.map((o) => ({
            ...o,
            createdAtText: format.dateTime(o.createdAt, "dateTime"),
          }))}
          page={page}
          pages={Math.ceil(list.total / PAGE_SIZE)}
        />
      )}
    </>
  );
}
