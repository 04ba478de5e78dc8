import type { MessageKey } from '../i18n/en';
import type { ApiError } from './client';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Codes the client itself raises when no GraphQL answer arrives; the rest come from src/common/errors. */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'BAD_RESPONSE'] as const;

/** The title of an error in the person's language: one per code, a generic one for a code this build does not know. */
export function errorTitle(t: T, error: ApiError): string {
  return known(t, `error.${error.code}`) ?? t('error.generic');
}

/**
 * What to do about an error, in the person's language. The server writes its messages in English: they are
 * shown as they are in the English interface (they say exactly what went wrong), and replaced by the code's
 * explanation in any other.
 */
export function errorText(t: T, locale: string, error: ApiError): string {
  if (locale === 'en') return error.message;
  return known(t, `errorHint.${error.code}`) ?? t('errorHint.generic');
}

function known(t: T, key: string): string | undefined {
  const text = t(key as MessageKey);
  return text === key ? undefined : text;
}

/**
 * A field's message from the API's validation text ("participants.email must be an email address") in the
 * person's language, without the field's code name: the field itself is highlighted next to it.
 */
export function fieldErrorText(t: T, locale: string, message: string): string {
  const m = message.trim();
  let match: RegExpExecArray | null;
  if (/must be an email/.test(m)) return t('fieldError.email');
  if (/should not be empty|must not be empty|is required|must be a non-empty/.test(m)) return t('fieldError.required');
  if (/must be on or after/.test(m)) return t('fieldError.endBeforeStart');
  if ((match = /shorter than or equal to (\d+)/.exec(m))) return t('fieldError.tooLong', { max: Number(match[1]) });
  if ((match = /must not be less than (\d+)/.exec(m))) return t('fieldError.min', { min: Number(match[1]) });
  if ((match = /must not be greater than (\d+)/.exec(m))) return t('fieldError.max', { max: Number(match[1]) });
  if (/in the past|from today/.test(m)) return t('fieldError.pastDate');
  if (locale === 'en') return m.replace(/^[A-Za-z_][\w]*(\.[\w]+)*\s+(?=must|should)/, (name) => `${name.trim().split('.').pop()} `);
  return t('fieldError.invalid');
}
