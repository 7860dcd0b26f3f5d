import type { MessageParams } from '../errors.js';
import { catalogues } from './messages/index.js';

export type Lang = 'zh' | 'en';
export type Translate = (key: string, params?: MessageParams) => string;

/** Chinese for zh_* locales, English otherwise (LC_ALL, then LC_MESSAGES, then LANG). */
export function languageFromEnvironment(env: NodeJS.ProcessEnv): Lang | undefined {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  if (locale === '') return undefined;
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function createTranslator(lang: Lang): Translate {
  const primary = catalogues[lang];
  const fallback = catalogues.en;
  return (key, params) => interpolate(primary[key] ?? fallback[key] ?? key, params);
}
