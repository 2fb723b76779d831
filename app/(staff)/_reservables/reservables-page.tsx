import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import type { StaffRole } from "@/app/(staff)/_pages";
import { requirePageRole } from "@/lib/auth/guard";
import { managedReservables, staffChoices } from "@/lib/reservations/queries";
import { CancelDayForm, CreatePreorderForm, GenerateSlotsForm } from "@/components/reservations/staff-forms";
import { StaffReservables } from "@/components/reservations/staff-reservables";
import { AppointmentsTable } from "@/components/reservations/appointments-table";
import { todaysAppointments } from "@/lib/reservations/attendance";
import { titleFrom } from "@/lib/http/page";

/** One of the page's forms, folded under its title until opened. */
function FormSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <details className="group rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <summary className="cursor-pointer text-lg font-semibold text-ink">{title}</summary>
      <div className="mt-4">{children}</div>
    </details>
  );
}

/** The reservables page of a staff role: the live table, and the forms this role may use. */
export async function StaffReservablesPage({ role }: { role: StaffRole }) {
  const actor = await requirePageRole([role], `/${role}/reservables`);
  const t = await getTranslations("reservables");
  const [rows, choices, appointments] = await Promise.all([
    managedReservables(getDb(), actor),
    staffChoices(getDb(), actor),
    todaysAppointments(getDb(), actor),
  ]);
  return (
    <div className="space-y-8">
      <PageTitle title={t("title")} subtitle={t("subtitle")} />
      <StaffReservables initial={rows} />
      {choices.hubs.length > 0 ? <AppointmentsTable rows={appointments} /> : null}
      {choices.hubs.length > 0 && choices.slotVariants.length > 0 ? (
        <FormSection title={t("generateTitle")}>
          <GenerateSlotsForm hubs={choices.hubs} variants={choices.slotVariants} />
        </FormSection>
      ) : null}
      {choices.hubs.length > 0 ? (
        <FormSection title={t("cancelDayTitle")}>
          <CancelDayForm hubs={choices.hubs} />
        </FormSection>
      ) : null}
      {choices.preorderVariants.length > 0 ? (
        <FormSection title={t("preorderTitle")}>
          <CreatePreorderForm variants={choices.preorderVariants} sources={choices.preorderSources} />
        </FormSection>
      ) : null}
    </div>
  );
}

export const generateMetadata = titleFrom("reservables");
