import type { MessageParams } from '../errors.js';
import { catalogues } from './messages/index.js';
import { hasControlCharacters, printable } from './printable.js';

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

/** A template cut once into its literal parts (even indexes) and parameter names (odd indexes). */
const compiled = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    compiled.set(template, parts);
  }
  return parts;
}

export function interpolate(template: string, params: MessageParams = {}): string {
  if (!template.includes('{')) return template;
  // each template is cut into parts once (a listing of 14,000 deadlines fills the same few templates);
  // parameters often come from stored data (order numbers, file names, imported archives): escaped, so a
  // control sequence in them is shown, never obeyed by the terminal
  const parts = partsOf(template);
  let out = parts[0]!;
  for (let index = 1; index < parts.length; index += 2) {
    const name = parts[index]!;
    const value = params[name];
    if (!(name in params)) out += `{${name}}`;
    else if (typeof value === 'number') out += String(value);
    else {
      const text = String(value);
      out += hasControlCharacters(text) ? printable(text, { keepNewlines: true }) : text;
    }
    out += parts[index + 1]!;
  }
  return out;
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
