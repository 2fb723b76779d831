export function Card({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return (
    <div className={`rounded-2xl border border-slate-200 bg-white p-6 shadow-sm ${className}`}>
      {children}
    </div>
  );
}

export function PageTitle({ title, subtitle }: { title: string; subtitle?: string }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-bold tracking-tight text-ink">{title}</h1>
      {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
    </div>
  );
}

/** A card with a heading (and an optional line of help and actions on the right): one part of a long page. */
export function SectionCard({
  id,
  title,
  description,
  actions,
  children,
  className = "",
}: {
  id?: string;
  title: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className={`scroll-mt-24 rounded-2xl border border-slate-200 bg-white shadow-sm ${className}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-6 py-4">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-bold text-ink">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-slate-500">{description}</p> : null}
        </div>
        {actions}
      </div>
      <div className="px-6 py-5">{children}</div>
    </section>
  );
}

/**
 * A page's main list: its heading with how many there are (`count`, already worded), what chooses
 * among them (`filters`) beside it, then the list and its paging.
 */
export function ListSection({
  id,
  title,
  count,
  filters,
  children,
}: {
  id: string;
  title: React.ReactNode;
  count: React.ReactNode;
  filters?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section className="flex min-w-0 flex-col gap-4" aria-labelledby={id}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={id} className="text-lg font-bold text-ink">
          {title} <span className="text-sm font-medium text-slate-500">{count}</span>
        </h2>
        {filters}
      </div>
      {children}
    </section>
  );
}
