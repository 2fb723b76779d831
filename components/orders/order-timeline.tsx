import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import type { SellerOrderView } from "@/lib/orders/view";

const STEPS = ["confirmed", "accepted", "packed", "shipped", "delivered"] as const;

/** A seller order's progress: the steps as a track, then every recorded transition with when and who. */
export function OrderTimeline({ part }: { part: SellerOrderView }) {
  const t = useTranslations("orderStatus");
  const to = useTranslations("orders");
  const format = useFormat();
  const reached = new Set(part.events.map((e) => e.toStatus));
  const cancelled = part.status === "cancelled";
  return (
    <div>
      <ol className="flex items-center gap-1" aria-label={to("timeline")}>
        {STEPS.map((s, i) => {
          const done = reached.has(s);
          return (
            <li key={s} className="flex flex-1 flex-col items-center gap-1 text-center">
              <div className="flex w-full items-center">
                <div
                  className={`h-0.5 flex-1 ${i === 0 ? "invisible" : done ? "bg-brand-500" : "bg-slate-200"}`}
                />
                <span
                  className={`grid h-6 w-6 place-items-center rounded-full text-xs font-bold ${
                    done
                      ? cancelled
                        ? "bg-slate-400 text-white"
                        : "bg-brand-600 text-white"
                      : "bg-slate-200 text-slate-500"
                  }`}
                >
                  {done ? "✓" : i + 1}
                </span>
                <div
                  className={`h-0.5 flex-1 ${i === STEPS.length - 1 ? "invisible" : reached.has(STEPS[i + 1]!) ? "bg-brand-500" : "bg-slate-200"}`}
                />
              </div>
              <span className={`text-xs ${done ? "font-semibold text-ink" : "text-slate-400"}`}>{t(s)}</span>
            </li>
          );
        })}
      </ol>
      <ul className="mt-4 space-y-1.5 border-l-2 border-slate-100 pl-4 text-sm" data-testid="timeline">
        {part.events.map((e, i) => (
          <li key={i} className="relative">
            <span
              className={`absolute -left-[21px] top-1.5 h-2 w-2 rounded-full ${e.toStatus === "cancelled" ? "bg-red-500" : "bg-brand-500"}`}
            />
            <span className="font-medium">{t(e.toStatus)}</span>
            <span className="text-slate-500">
              {" · "}
              {format.dateTime(e.at, "dateTime")} · {to(`by.${e.by}`)}
            </span>
            {e.reason ? <span className="block text-xs text-slate-500">“{e.reason}”</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
