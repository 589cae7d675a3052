/**
 * Passwords, argon2id (@node-rs/argon2, whose defaults are argon2id with OWASP's m=19 MiB, t=2).
 * The policy is length only (NIST SP 800-63B): at least 10 characters, at most 256 so that
 * hashing a huge body cannot be used to tie up the CPU.
 */
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { AccessError } from "./access-error.ts";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** A password field in input schemas; length is checked by `checkPasswordPolicy` for its own code. */
export const passwordField = z.string().max(4096);

export function checkPasswordPolicy(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX)
    throw new AccessError("ACCESS_WEAK_PASSWORD", { min: PASSWORD_MIN, max: PASSWORD_MAX });
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Whether `password` matches `stored`; a malformed stored hash matches nothing. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification for a sign-in that has no user or no password, so that
 * the answer's timing does not tell which emails have accounts.
 */
export async function verifyNothing(password: string): Promise<void> {
  dummy ??= hash("custra timing equaliser, never a password");
  await verifyPassword(await dummy, password);
}
