import { getTranslations } from "next-intl/server";
import { TransfersScreen } from "@/components/transfers/transfers-screen";
import { requirePageRole } from "@/lib/auth/guard";
import { requestTransferAction, stepTransferAction } from "@/app/(staff)/_transfers/actions";

export async function generateMetadata() {
  const t = await getTranslations("transfers");
  return { title: t("title") };
}

export default async function DealerTransfers({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageRole(["dealer"], "/dealer/transfers");
  return (
    <TransfersScreen
      actor={actor}
      base="/dealer/transfers"
      search={await searchParams}
      requestAction={requestTransferAction}
      stepAction={stepTransferAction}
    />
  );
}
