"use server";

import { inTransaction } from "@/lib/http/route";
import { limitAction, runAction } from "@/lib/http/action";
import { signUp } from "@/lib/identity/sign-up";

export async function signUpAction(form: FormData) {
  return runAction(async () => {
    await limitAction(null, "signup");
    return inTransaction((tx) =>
      signUp(tx, { email: form.get("email"), password: form.get("password"), name: form.get("name") }),
    );
  });
}
