import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { FulfilmentTable } from "@/components/orders/fulfilment-table";
import { PageTitle } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";
import { formatFor } from "@/lib/format";
import { fulfilmentQueue } from "@/lib/orders/fulfilment-queries";
import { FulfilmentQueueQuery } from "@/lib/orders/schemas";
import type { PageSearch, StaffRole } from "@/app/(staff)/_pages";
import { titleFrom } from "@/lib/http/page";

const KEYS = ["status", "locationId", "sort", "page"] as const;

export const generateMetadata = titleFrom("fulfilment");

/** The fulfilment queue page of a dealer, marketing or a seller: the same queue, their own locations. */
export async function FulfilmentQueuePage({
  role,
  searchParams,
}: {
  role: StaffRole;
  searchParams: PageSearch;
}) {
  const basePath = `/${role}/fulfilment`;
  const actor = await requirePageRole([role], basePath);
  const search = await searchParams;
  const raw = Object.fromEntries(
    KEYS.flatMap((k) => (typeof search[k] === "string" && search[k] ? [[k, search[k]]] : [])),
  ) as Record<string, string>;
  // A hand-edited URL with a bad filter shows the unfiltered queue rather than an error page.
  const query: Record<string, string> = FulfilmentQueueQuery.safeParse(raw).success ? raw : {};
  const [t, format, data] = await Promise.all([
    getTranslations("fulfilment"),
    getLocale().then(formatFor),
    fulfilmentQueue(getDb(), actor, query),
  ]);
  return (
    <>
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      <FulfilmentTable
        basePath={basePath}
        rows={data.items.map((r) => ({ ...r, createdAtText: format.dateTime(r.createdAt, "dateTime") }))}
        total={data.total}
        page={data.page}
        pageSize={data.pageSize}
        locations={data.locations}
        filters={{
          status: query.status ?? "",
          locationId: query.locationId ?? "",
          sort: query.sort ?? "-createdAt",
        }}
      />
    </>
  );
}
