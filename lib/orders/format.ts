/**
 * How order pages show a moment: date and 24-hour time (2026. 11. 25. 21:07). The 12-hour day period is
 * avoided on purpose: Node's and the browser's ICU name it differently in Korean (PM / 오후), which
 * would make server and browser renders disagree.
 */
export const ORDER_TIME = { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" } as const;
