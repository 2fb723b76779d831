import { z } from "zod";

export const Email = z
  .email({ error: "Enter a valid email address." })
  .max(254)
  .transform((e) => e.trim().toLowerCase());

export const SignUpInput = z.strictObject({
  email: Email,
  password: z
    .string({ error: "Enter a password." })
    .min(10, { error: "Use at least 10 characters." })
    .max(200, { error: "Use at most 200 characters." }),
  name: z.string({ error: "Enter your name." }).trim().min(1, { error: "Enter your name." }).max(100),
});
export type SignUpInput = z.infer<typeof SignUpInput>;

export const SignInInput = z.object({
  email: Email,
  password: z.string().min(1).max(200),
});
