import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { auditRowViews, type AuditViewTools } from "@/components/audit/audit-view";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditItem } from "@/lib/audit";
import { messageFiles, type Locale } from "@/lib/i18n/config";

/** The messages of a language, as the app loads them (lib/i18n/request.ts). */
async function messagesOf(locale: Locale) {
  const parts = await Promise.all(
    messageFiles.map(async (f) => (await import(`../messages/${locale}/${f}.json`)).default),
  );
  return Object.assign({}, ...parts) as Record<string, unknown>;
}

async function toolsFor(locale: Locale): Promise<AuditViewTools> {
  const messages = await messagesOf(locale);
  const onError = (e: Error) => {
    throw e;
  };
  const tr = (namespace: string) =>
    createTranslator({ locale, messages, namespace, onError } as never) as never;
  const tag = locale === "en" ? "en-US" : "ko-KR";
  return {
    t: tr("audit"),
    status: {
      transfer: tr("transfers.status"),
      seller_order: tr("orderStatus"),
      product: tr("catalog.labels.status"),
    },
    locale,
    moment: (at) =>
      new Intl.DateTimeFormat(tag, {
        timeZone: "Asia/Seoul",
        dateStyle: "medium",
        timeStyle: "short",
        hourCycle: "h23",
      }).format(new Date(at)),
    krw: (n) =>
      new Intl.NumberFormat(tag, { style: "currency", currency: "KRW", maximumFractionDigits: 0 }).format(n),
  };
}

const item = (over: Partial<AuditItem>): AuditItem => ({
  id: "a",
  at: "2026-05-01T15:30:00.000Z",
  actorId: "u",
  actorName: "정하늘",
  action: "transfer.approve",
  targetType: "transfer",
  targetId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
  detail: {},
  ...over,
});
const noRefs = { locations: {}, products: {}, skus: {} };

describe("the audit table's texts", () => {
  it.each(["ko", "en"] as const)("name every action and target type in %s", async (locale) => {
    const tools = await toolsFor(locale);
    for (const action of AUDIT_ACTIONS)
      expect(tools.t(`actions.${action}`), action).not.toContain("actions.");
    for (const type of AUDIT_TARGET_TYPES) expect(tools.t(`target.${type}`), type).not.toContain("target.");
  });

  it("shows the moment in Seoul, the worker as the system, states by their names and ids by their end", async () => {
    const [view] = auditRowViews(
      [item({ actorId: null, actorName: null, detail: { from: "requested", to: "approved", reason: "ok" } })],
      noRefs,
      await toolsFor("en"),
    );
    expect(view).toMatchObject({
      atText: "May 2, 2026, 00:30",
      actorText: "System",
      system: true,
      actionText: "Transfer approved",
      targetKindText: "Transfer",
      targetText: "2e3f4a5b",
      targetIsId: true,
      detail: ["Requested → Approved", "reason: ok"],
    });
  });

  it("names places, products and SKUs, and says what changed, in Korean", async () => {
    const loc = "11111111-1111-4111-8111-111111111111";
    const product = "22222222-2222-4222-8222-222222222222";
    const variant = "33333333-3333-4333-8333-333333333333";
    const refs = {
      locations: { [loc]: { name: "강남역 대리점 HUB", nameEn: "Gangnam Station Dealer HUB" } },
      products: { [product]: { name: "무선 충전 거치대", nameEn: "Wireless Charging Stand" } },
      skus: { [variant]: "DP-STAND-1" },
    };
    const views = auditRowViews(
      [
        item({
          action: "stock.adjust",
          targetType: "location",
          targetId: loc,
          detail: { variantId: variant, onHandBefore: 9, onHandAfter: 7, reason: "파손" },
        }),
        item({
          action: "variant.update",
          targetType: "product",
          targetId: product,
          detail: { variantId: variant, changes: { price: [null, 39000], active: [true, false] } },
        }),
        item({
          action: "product.send_back",
          targetType: "product",
          targetId: product,
          detail: { from: "in_review", to: "draft", reason: "사진 추가" },
        }),
        item({
          action: "refund",
          targetType: "seller_order",
          detail: { orderId: "0190a1b2-c3d4-7e5f-8a9b-00000000abcd", amount: 60000 },
        }),
      ],
      refs,
      await toolsFor("ko"),
    );
    expect(views.map((v) => [v.actionText, v.targetText, v.detail])).toEqual([
      ["재고 실사 조정", "강남역 대리점 HUB", ["DP-STAND-1", "보유 9 → 7", "사유: 파손"]],
      ["옵션 상품 수정", "무선 충전 거치대", ["DP-STAND-1", "가격: — → ₩39,000", "판매: 예 → 아니요"]],
      ["상품 반려", "무선 충전 거치대", ["심사 중 → 작성 중", "사유: 사진 추가"]],
      ["환불", "#0000ABCD", ["환불 ₩60,000"]],
    ]);
    expect(views[0]!.atText).toBe("2026. 5. 2. 00:30");
  });
});
