import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import type { Role } from "@/lib/auth/actor";
import { requirePageRole } from "@/lib/auth/guard";
import { managedReservables, staffChoices } from "@/lib/reservations/queries";
import { CancelDayForm, CreatePreorderForm, GenerateSlotsForm } from "./staff-forms";
import { StaffReservables } from "./staff-reservables";

/** The reservables page of a staff role: the live table, and the forms this role may use. */
export async function StaffReservablesPage({ role, path }: { role: Role; path: string }) {
  const actor = await requirePageRole([role], path);
  const t = await getTranslations("reservables");
  const [rows, choices] = await Promise.all([
    managedReservables(getDb(), actor),
    staffChoices(getDb(), actor),
  ]);
  return (
    <div className="space-y-8">
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      <StaffReservables initial={rows} />
      {choices.hubs.length > 0 && choices.slotVariants.length > 0 ? (
        <details className="group rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <summary className="cursor-pointer text-lg font-semibold text-ink">{t("generateTitle")}</summary>
          <div className="mt-4">
            <GenerateSlotsForm hubs={choices.hubs} variants={choices.slotVariants} />
          </div>
        </details>
      ) : null}
      {choices.hubs.length > 0 ? (
        <details className="group rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <summary className="cursor-pointer text-lg font-semibold text-ink">{t("cancelDayTitle")}</summary>
          <div className="mt-4">
            <CancelDayForm hubs={choices.hubs} />
          </div>
        </details>
      ) : null}
      {choices.preorderVariants.length > 0 ? (
        <details className="group rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <summary className="cursor-pointer text-lg font-semibold text-ink">{t("preorderTitle")}</summary>
          <div className="mt-4">
            <CreatePreorderForm variants={choices.preorderVariants} />
          </div>
        </details>
      ) : null}
    </div>
  );
}
