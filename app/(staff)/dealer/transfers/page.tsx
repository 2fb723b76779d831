import { getTranslations } from "next-intl/server";
import { TransfersScreen } from "@/components/transfers/transfers-screen";
import type { TransferPrefill } from "@/components/transfers/request-transfer-form";
import { requirePageRole } from "@/lib/auth/guard";
import { requestTransferAction, stepTransferAction } from "@/app/(staff)/_transfers/actions";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export async function generateMetadata() {
  const t = await getTranslations("transfers");
  return { title: t("title") };
}

/**
 * `?from=&to=&items=variantId:qty,…` (the hub stock page's "request replenishment") opens the request
 * form filled in; what does not parse is left out, and the form names anything else on submit.
 */
function prefillOf(sp: Search): TransferPrefill | undefined {
  const from = one(sp.from);
  const to = one(sp.to);
  const items = (one(sp.items) ?? "")
    .split(",")
    .map((pair) => /^([0-9a-f-]{36}):(\d{1,4})$/i.exec(pair.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .slice(0, 100)
    .map((m) => ({ variantId: m[1]!, quantity: Number(m[2]) }));
  if (!from && !to && items.length === 0) return undefined;
  return { fromLocationId: from, toLocationId: to, items };
}

export default async function DealerTransfers({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageRole(["dealer"], "/dealer/transfers");
  const search = await searchParams;
  return (
    <TransfersScreen
      actor={actor}
      base="/dealer/transfers"
      search={search}
      requestAction={requestTransferAction}
      stepAction={stepTransferAction}
      prefill={prefillOf(search)}
    />
  );
}
