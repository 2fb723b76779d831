import { z } from "zod";

/**
 * The one card number of the shop (checkout and reservation payment alike): spaces and dashes allowed,
 * 12–19 digits, passing the Luhn check every card number passes. Parses to the digits alone.
 */
export const CardNumber = z
  .string({ error: "Enter a card number." })
  .max(40, { error: "Enter a valid card number." })
  .transform((s) => s.replace(/[\s-]/g, ""))
  .refine((s) => /^[0-9]{12,19}$/.test(s) && luhn(s), { error: "Enter a valid card number." });

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
