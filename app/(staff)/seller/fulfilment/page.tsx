import { getTranslations } from "next-intl/server";
import { FulfilmentQueue } from "@/components/orders/fulfilment-queue";
import { requirePageRole } from "@/lib/auth/guard";

export async function generateMetadata() {
  const t = await getTranslations("fulfilment");
  return { title: t("title") };
}

export default async function FulfilmentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageRole(["seller"], "/seller/fulfilment");
  return <FulfilmentQueue actor={actor} basePath="/seller/fulfilment" searchParams={await searchParams} />;
}
