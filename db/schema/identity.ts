import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, now } from "./columns";

export const organisationKind = pgEnum("organisation_kind", ["retailer", "seller", "dealer", "marketing"]);
export const userRole = pgEnum("user_role", ["customer", "dealer", "marketing", "seller"]);

/** A dealer (agency), a marketplace seller, the retailer's own store, or the marketing team. */
export const organisations = pgTable("organisations", {
  id: id(),
  kind: organisationKind().notNull(),
  name: text().notNull(),
  nameEn: text().notNull(),
  createdAt: now(),
});

export const users = pgTable(
  "users",
  {
    id: id(),
    // Stored lower-cased: the unique index is the one place that stops a duplicate sign-up race.
    email: text().notNull().unique(),
    passwordHash: text().notNull(),
    name: text().notNull(),
    role: userRole().notNull(),
    organisationId: uuid().references(() => organisations.id),
    createdAt: now(),
  },
  (t) => [
    index().on(t.organisationId),
    // Staff always belong to exactly one organisation; customers to none.
    check(
      "users_role_org",
      sql`(${t.role} = 'customer' and ${t.organisationId} is null) or (${t.role} <> 'customer' and ${t.organisationId} is not null)`,
    ),
  ],
);
