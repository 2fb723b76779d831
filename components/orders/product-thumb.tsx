/** A neutral product tile for order lines (the catalog owns real product imagery). */
export function ProductThumb({ name, size = "md" }: { name: string; size?: "sm" | "md" }) {
  const initials = name
    .replace(/[^\p{L}\p{N} ]/gu, "")
    .trim()
    .slice(0, 2)
    .toUpperCase();
  const box = size === "sm" ? "h-10 w-10 text-xs" : "h-16 w-16 text-sm";
  return (
    <div
      aria-hidden
      className={`grid shrink-0 place-items-center rounded-xl bg-gradient-to-br from-slate-100 to-brand-100 font-bold text-brand-700 ring-1 ring-slate-200 ${box}`}
    >
      {initials}
    </div>
  );
}
