import type { MessageParams } from '../errors.js';
import { catalogues } from './messages/index.js';
import { printable } from './printable.js';

import type { Lang } from '../core/settings.js';

export type { Lang };
export type Translate = (key: string, params?: MessageParams) => string;

/** The system's locale as Intl reports it (on Windows and macOS: the GUI's language setting). */
function intlLocale(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale;
  } catch {
    return undefined;
  }
}

/**
 * Chinese for zh locales (zh_CN, zh_TW, zh_HK, zh-Hans …), English otherwise. The first of LC_ALL,
 * LC_MESSAGES, LANG that is set decides (POSIX order); when none is (Windows and macOS GUIs leave LANG
 * unset) or it is the neutral C/POSIX locale, the system locale from Intl does.
 */
export function languageFromEnvironment(env: NodeJS.ProcessEnv, systemLocale?: string): Lang | undefined {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const neutral = locale === '' || /^(C|POSIX)([._@]|$)/i.test(locale);
  // Intl's locale only when asked for: reading it loads the ICU data, which costs every command's start-up
  const chosen = neutral ? ((arguments.length > 1 ? systemLocale : intlLocale()) ?? '') : locale;
  if (chosen === '') return undefined;
  return /^zh/i.test(chosen) ? 'zh' : 'en';
}

export function interpolate(template: string, params: MessageParams = {}): string {
  if (!template.includes('{')) return template;
  // parameters often come from stored data (order numbers, file names, imported archives): escaped, so a
  // control sequence in them is shown, never obeyed by the terminal
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? printable(String(params[name]), { keepNewlines: true }) : whole));
}

export function createTranslator(lang: Lang): Translate {
  const primary = catalogues[lang];
  const fallback = catalogues.en;
  // a message without parameters is looked up once: listings ask for the same stage and kind names per row
  const plain = new Map<string, string>();
  return (key, params) => {
    if (params !== undefined) return interpolate(primary[key] ?? fallback[key] ?? key, params);
    let text = plain.get(key);
    if (text === undefined) {
      text = interpolate(primary[key] ?? fallback[key] ?? key);
      plain.set(key, text);
    }
    return text;
  };
}
