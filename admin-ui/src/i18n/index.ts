import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from './en.js';
import { vi } from './vi.js';

/** The UI languages: Vietnamese by default, English on request (the choice is kept by react-admin's store). */
export const LOCALES = [
  { locale: 'vi', name: 'Tiếng Việt' },
  { locale: 'en', name: 'English' },
] as const;

export const DEFAULT_LOCALE = 'vi';

/** The BCP 47 tag used to format dates for each UI language. */
export function dateLocaleOf(locale: string): string {
  return locale === 'en' ? 'en-GB' : 'vi-VN';
}

export const i18nProvider = polyglotI18nProvider((locale) => (locale === 'en' ? en : vi), DEFAULT_LOCALE, [...LOCALES]);
