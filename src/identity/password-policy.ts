import { readFileSync } from 'node:fs';
import { DomainError } from '../common/errors/domain-error.js';

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase; bounded so nobody makes us hash megabytes. */
export const MAX_PASSWORD_LENGTH = 128;

let commonPasswords: ReadonlySet<string> | undefined;

/** The shipped list (see the file's header for its source), loaded on first use. */
function common(): ReadonlySet<string> {
  commonPasswords ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return commonPasswords;
}

/** Every character the same, or a run up or down the character table (aaaaaaaaaaaa, 123456789012). */
function repetitiveOrSequential(pw: string): boolean {
  if (new Set(pw).size <= 2) return true;
  let up = 0;
  let down = 0;
  for (let i = 1; i < pw.length; i++) {
    const d = pw.charCodeAt(i) - pw.charCodeAt(i - 1);
    if (d === 1 || d === -9) up++;
    if (d === -1 || d === 9) down++;
  }
  return up >= pw.length - 2 || down >= pw.length - 2;
}

/**
 * NIST SP 800-63B: at least 12 characters, any characters at all, no composition rules; refused when it is
 * a common password (also with digits or symbols stuck on the end), repetitive or sequential, or built from
 * the account's own name or email. Throws BAD_USER_INPUT naming `argument`.
 */
export function checkPassword(password: string, context: { email?: string; displayName?: string } = {}, argument = 'password'): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw DomainError.badInput(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long; a few unrelated words make a good one.`, argument);
  }
  if (length > MAX_PASSWORD_LENGTH) throw DomainError.badInput(`The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`, argument);

  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  const list = common();
  if (list.has(lower) || (core.length > 0 && list.has(core)) || repetitiveOrSequential(lower)) {
    throw DomainError.badInput('This password is too common or too easy to guess. Choose another, for example a few unrelated words.', argument);
  }
  const personal = [context.email?.split('@')[0], context.displayName?.replace(/\s+/g, ''), ...(context.displayName?.split(/\s+/) ?? [])]
    .map((p) => p?.toLowerCase().trim() ?? '')
    .filter((p) => p.length >= 4);
  if (personal.some((p) => core === p || lower === p || core.replace(/[\W_]/g, '') === p.replace(/[\W_]/g, ''))) {
    throw DomainError.badInput('The password must not be your name or email address.', argument);
  }
}
