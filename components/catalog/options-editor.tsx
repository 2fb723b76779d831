"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setOptionsAction } from "@/app/(staff)/_products/actions";
import { Button } from "@/components/ui/button";
import { useProductErrors, type Failure } from "./product-errors";

type Value = { key: number; valueKo: string; valueEn: string };
type Group = { key: number; nameKo: string; nameEn: string; values: Value[] };
export type OptionGroupView = {
  nameKo: string;
  nameEn: string;
  values: { valueKo: string; valueEn: string }[];
};

const MAX_GROUPS = 3;
const MAX_VALUES = 20;
let nextKey = 1;
const withKeys = (groups: OptionGroupView[]): Group[] =>
  groups.map((g) => ({
    key: nextKey++,
    nameKo: g.nameKo,
    nameEn: g.nameEn,
    values: g.values.map((v) => ({ key: nextKey++, valueKo: v.valueKo, valueEn: v.valueEn })),
  }));
const plain = (groups: Group[]): OptionGroupView[] =>
  groups.map((g) => ({
    nameKo: g.nameKo,
    nameEn: g.nameEn,
    values: g.values.map((v) => ({ valueKo: v.valueKo, valueEn: v.valueEn })),
  }));
function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  next.splice(to, 0, next.splice(from, 1)[0]!);
  return next;
}

const input = (error?: string) =>
  `w-full rounded-lg border bg-white px-3 py-1.5 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50 ${error ? "border-red-400" : "border-slate-300"}`;
const iconButton =
  "grid h-8 w-8 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-ink disabled:opacity-30 disabled:hover:bg-transparent";

/**
 * The option groups of a draft (up to 3, each with up to 20 ordered values): add, remove and reorder,
 * then "save options", which regenerates the variant matrix on the server.
 */
export function OptionsEditor({
  productId,
  options,
  locked,
}: {
  productId: string;
  options: OptionGroupView[];
  locked: boolean;
}) {
  const t = useTranslations("sellerCentre.options");
  const explain = useProductErrors();
  const router = useRouter();
  const [groups, setGroups] = useState(() => withKeys(options));
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, start] = useTransition();
  const { summary, fields } = explain(failure);
  const dirty = JSON.stringify(plain(groups)) !== JSON.stringify(options);
  const combinations = groups.reduce((n, g) => n * Math.max(g.values.length, 1), 1);

  const update = (gi: number, change: (g: Group) => Group) => {
    setSaved(null);
    setGroups((gs) => gs.map((g, i) => (i === gi ? change(g) : g)));
  };
  const setValues = (gi: number, change: (vs: Value[]) => Value[]) =>
    update(gi, (g) => ({ ...g, values: change(g.values) }));

  function save() {
    start(async () => {
      const out = await setOptionsAction(productId, { groups: plain(groups) });
      if (!out.ok) return setFailure(out);
      setFailure(null);
      setSaved(out.data.variants);
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <fieldset disabled={locked || busy} className="flex flex-col gap-4">
        {groups.length === 0 ? (
          <p className="rounded-xl bg-slate-50 px-4 py-3 text-sm text-slate-600">{t("noOptions")}</p>
        ) : null}
        {groups.map((g, gi) => {
          const label = t("group", { n: gi + 1 });
          return (
            <div
              key={g.key}
              role="group"
              aria-label={label}
              className="rounded-xl border border-slate-200 bg-slate-50/60 p-4"
              data-testid="option-group"
            >
              <div className="mb-3 flex items-center justify-between gap-2">
                <p className="text-sm font-bold text-ink">{label}</p>
                <div className="flex items-center gap-1">
                  <button
                    type="button"
                    className={iconButton}
                    aria-label={`${label} ${t("moveUp")}`}
                    disabled={gi === 0}
                    onClick={() => setGroups((gs) => move(gs, gi, gi - 1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className={iconButton}
                    aria-label={`${label} ${t("moveDown")}`}
                    disabled={gi === groups.length - 1}
                    onClick={() => setGroups((gs) => move(gs, gi, gi + 1))}
                  >
                    ↓
                  </button>
                  <Button
                    type="button"
                    variant="ghost"
                    className="px-2 py-1 text-xs text-red-700! hover:bg-red-50"
                    onClick={() => setGroups((gs) => gs.filter((_, i) => i !== gi))}
                  >
                    {t("removeGroup")}
                  </Button>
                </div>
              </div>
              <div className="grid gap-3 sm:grid-cols-2">
                {(["nameKo", "nameEn"] as const).map((k) => {
                  const id = `option-group-${gi}-${k}`;
                  const error = fields[`groups.${gi}.${k}`];
                  return (
                    <div key={k} className="flex flex-col gap-1">
                      <label htmlFor={id} className="text-xs font-semibold text-slate-600">
                        {k === "nameKo" ? t("groupNameKo") : t("groupNameEn")}
                      </label>
                      <input
                        id={id}
                        value={g[k]}
                        maxLength={40}
                        placeholder={k === "nameKo" ? t("groupPlaceholderKo") : t("groupPlaceholderEn")}
                        aria-invalid={error ? true : undefined}
                        onChange={(e) => update(gi, (x) => ({ ...x, [k]: e.target.value }))}
                        className={input(error)}
                      />
                      {error ? <p className="text-xs text-red-600">{error}</p> : null}
                    </div>
                  );
                })}
              </div>
              <p className="mb-1.5 mt-4 text-xs font-semibold text-slate-600">{t("values")}</p>
              {fields[`groups.${gi}.values`] ? (
                <p className="mb-2 text-xs text-red-600">{fields[`groups.${gi}.values`]}</p>
              ) : null}
              <ol className="flex flex-col gap-2">
                {g.values.map((v, vi) => {
                  const error =
                    fields[`groups.${gi}.values.${vi}.valueKo`] ??
                    fields[`groups.${gi}.values.${vi}.valueEn`] ??
                    fields[`groups.${gi}.values.${vi}`];
                  return (
                    <li key={v.key} className="flex flex-col gap-1">
                      <div className="flex items-center gap-2">
                        <span className="w-5 shrink-0 text-right text-xs tabular-nums text-slate-400">
                          {vi + 1}
                        </span>
                        <input
                          aria-label={`${label} ${t("valueKo", { n: vi + 1 })}`}
                          value={v.valueKo}
                          maxLength={40}
                          aria-invalid={error ? true : undefined}
                          onChange={(e) =>
                            setValues(gi, (vs) =>
                              vs.map((x, i) => (i === vi ? { ...x, valueKo: e.target.value } : x)),
                            )
                          }
                          className={input(error)}
                        />
                        <input
                          aria-label={`${label} ${t("valueEn", { n: vi + 1 })}`}
                          value={v.valueEn}
                          maxLength={40}
                          aria-invalid={error ? true : undefined}
                          onChange={(e) =>
                            setValues(gi, (vs) =>
                              vs.map((x, i) => (i === vi ? { ...x, valueEn: e.target.value } : x)),
                            )
                          }
                          className={input(error)}
                        />
                        <button
                          type="button"
                          className={iconButton}
                          aria-label={`${t("valueKo", { n: vi + 1 })} ${t("moveUp")}`}
                          disabled={vi === 0}
                          onClick={() => setValues(gi, (vs) => move(vs, vi, vi - 1))}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className={iconButton}
                          aria-label={`${t("valueKo", { n: vi + 1 })} ${t("moveDown")}`}
                          disabled={vi === g.values.length - 1}
                          onClick={() => setValues(gi, (vs) => move(vs, vi, vi + 1))}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          className={`${iconButton} hover:text-red-700`}
                          aria-label={`${t("valueKo", { n: vi + 1 })} ${t("remove")}`}
                          onClick={() => setValues(gi, (vs) => vs.filter((_, i) => i !== vi))}
                        >
                          ✕
                        </button>
                      </div>
                      {error ? <p className="pl-7 text-xs text-red-600">{error}</p> : null}
                    </li>
                  );
                })}
              </ol>
              <Button
                type="button"
                variant="ghost"
                className="mt-2 px-2 py-1 text-xs text-brand-700! hover:bg-brand-50"
                disabled={g.values.length >= MAX_VALUES}
                aria-label={`${label} ${t("addValue")}`}
                onClick={() => setValues(gi, (vs) => [...vs, { key: nextKey++, valueKo: "", valueEn: "" }])}
              >
                ＋ {t("addValue")}
              </Button>
            </div>
          );
        })}
        {fields.groups ? <p className="text-xs text-red-600">{fields.groups}</p> : null}
      </fieldset>
      {locked ? null : (
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
          <Button
            type="button"
            variant="secondary"
            disabled={busy || groups.length >= MAX_GROUPS}
            onClick={() =>
              setGroups((gs) => [
                ...gs,
                {
                  key: nextKey++,
                  nameKo: "",
                  nameEn: "",
                  values: [{ key: nextKey++, valueKo: "", valueEn: "" }],
                },
              ])
            }
          >
            ＋ {t("addGroup")}
          </Button>
          <div className="ml-auto flex flex-wrap items-center gap-3">
            <span className="text-sm text-slate-600" aria-live="polite">
              {dirty ? <span className="font-medium text-amber-700">{t("unsaved")} </span> : null}
              {t("combinations", { count: combinations })}
            </span>
            <Button type="button" onClick={save} disabled={busy}>
              {busy ? t("saving") : t("save")}
            </Button>
          </div>
          {summary ? (
            <p role="alert" className="w-full text-sm font-medium text-red-700">
              {summary}
            </p>
          ) : saved !== null ? (
            <p role="status" className="w-full text-sm font-medium text-emerald-700">
              ✓ {t("saved", { count: saved })}
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
