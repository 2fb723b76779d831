import type { Role } from "@/lib/auth/actor";

/** The staff roles that have pages of their own under /dealer, /marketing and /seller. */
export type StaffRole = Exclude<Role, "customer">;

/** A page's search params, as Next passes them. */
export type PageSearch = Promise<Record<string, string | string[] | undefined>>;
