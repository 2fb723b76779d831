import { getTranslations, getLocale } from "next-intl/server";
import { formatFor } from "@/lib/format";
import { getDb } from "@/db/client";
import { PageTitle } from "@/components/ui/card";
import type { UserActor } from "@/lib/auth/actor";
import { fulfilmentQueue } from "@/lib/orders/fulfilment-queries";
import { FulfilmentQueueQuery } from "@/lib/orders/schemas";
import { FulfilmentTable } from "./fulfilment-table";

const KEYS = ["status", "locationId", "sort", "page"] as const;

/** The fulfilment queue page of a dealer, marketing or a seller: the same queue, their own locations. */
export async function FulfilmentQueue({
  actor,
  basePath,
  searchParams,
}: {
  actor: UserActor;
  basePath: string;
  searchParams: Record<string, string | string[] | undefined>;
}) {
  const raw = Object.fromEntries(
    KEYS.flatMap((k) =>
      typeof searchParams[k] === "string" && searchParams[k] ? [[k, searchParams[k]]] : [],
    ),
  );
  // A hand-edited URL with a bad filter shows the unfiltered queue rather than an error page.
  const query = FulfilmentQueueQuery.safeParse(raw).success ? raw : {};
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
        rows={data.items.map((r) => ({
          ...r,
          createdAtText: format.dateTime(r.createdAt, "dateTime"),
        }))}
        total={data.total}
        page={data.page}
        pageSize={data.pageSize}
        locations={data.locations}
        filters={{
          status: (query as Record<string, string>).status ?? "",
          locationId: (query as Record<string, string>).locationId ?? "",
          sort: (query as Record<string, string>).sort ?? "-createdAt",
        }}
      />
    </>
  );
}
