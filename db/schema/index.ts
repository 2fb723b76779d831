export * from "./identity";
export * from "./catalog";
export * from "./inventory";
export * from "./orders";
export * from "./reservations";
export * from "./limits";
export * from "./idempotency";
export * from "./images";
