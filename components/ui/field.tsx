import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

type Labelled = { label: string; error?: string; hint?: string; name: string; id?: string };

const control = (error?: string) =>
  `rounded-lg border bg-white px-3 py-2 text-sm shadow-sm outline-none transition focus:border-brand-500 focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50 disabled:text-slate-500 ${
    error ? "border-red-400" : "border-slate-300"
  }`;

/**
 * The label, the control and its hint or error: what every field of the shop looks like. Exported for
 * the controls the fields below do not cover (a select with groups, a controlled textarea).
 */
export function FieldShell({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const aria = (id: string, error?: string) => ({
  id,
  "aria-invalid": error ? true : undefined,
  "aria-describedby": error ? `${id}-error` : undefined,
});

/** A labelled input with its error, the one form field of the shop. */
export function Field({ label, error, hint, ...input }: InputHTMLAttributes<HTMLInputElement> & Labelled) {
  const id = input.id ?? `field-${input.name}`;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input {...aria(id, error)} className={control(error)} {...input} />
    </FieldShell>
  );
}

/** The same field as a choice from a list. */
export function SelectField({
  label,
  error,
  hint,
  options,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & Labelled & { options: { value: string; label: string }[] }) {
  const id = select.id ?? `field-${select.name}`;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select {...aria(id, error)} className={control(error)} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** The same field for longer text. */
export function TextAreaField({
  label,
  error,
  hint,
  ...area
}: TextareaHTMLAttributes<HTMLTextAreaElement> & Labelled) {
  const id = area.id ?? `field-${area.name}`;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <textarea rows={4} {...aria(id, error)} className={control(error)} {...area} />
    </FieldShell>
  );
}
