import { useTranslations } from "next-intl";
import { Button } from "./button";
import { Field } from "./field";
import { PillLink } from "./pill-link";

const addDays = (day: string, n: number) =>
  new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The period of a report of Seoul days, in the query string (`?from=…&to=…`, works without JavaScript):
 * the last 7, 30 or 90 days up to `today` as links, or any two days through the form. `invalid` is what
 * the page says when the period asked for did not parse and it shows its default instead.
 */
export function PeriodForm({
  action,
  from,
  to,
  today,
  invalid,
}: {
  action: string;
  from: string;
  to: string;
  today: string;
  invalid: string | null;
}) {
  const t = useTranslations("common.period");
  return (
    <form
      method="get"
      action={action}
      className="flex flex-wrap items-end gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <nav aria-label={t("range")} className="flex flex-wrap gap-2">
        {([7, 30, 90] as const).map((n) => {
          const start = addDays(today, 1 - n);
          return (
            <PillLink
              key={n}
              href={`${action}?from=${start}&to=${today}`}
              current={from === start && to === today}
            >
              {t(`last${n}`)}
            </PillLink>
          );
        })}
      </nav>
      <div className="ml-auto">
        <Field type="date" name="from" label={t("from")} defaultValue={from} max={today} />
      </div>
      <Field type="date" name="to" label={t("to")} defaultValue={to} />
      <Button type="submit" variant="secondary">
        {t("apply")}
      </Button>
      {invalid ? (
        <p role="alert" className="w-full text-sm font-medium text-red-700">
          {invalid}
        </p>
      ) : null}
    </form>
  );
}
