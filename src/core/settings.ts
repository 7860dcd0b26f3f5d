/**
 * The settings every command runs with, resolved once (into the context) from four layers. Precedence, highest
 * first: flags > environment variables > the settings file (`weiquan config set`) > built-in defaults.
 * Each layer is checked key by key against the settings schema: a value of the wrong type is passed over, so
 * the next layer down decides. Pure: the caller reads the file and the environment.
 */
import { DEFAULT_COMPLAINT_FACTS_LIMIT, DEFAULT_TIME_ZONE, DEFAULT_UPLOAD_LIMIT_MB } from './enums.js';

export const LANGUAGES = ['zh', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const SETTING_KEYS = ['lang', 'timeZone', 'browser', 'font', 'holidaysFile', 'uploadLimitMB', 'complaintFactsMax', 'tsa', 'autoStamp', 'captureDevice'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** What `capture` loads a page as: a desktop window, or a current phone (H5 pages). */
export const CAPTURE_DEVICES = ['desktop', 'phone'] as const;
export type CaptureDevice = (typeof CAPTURE_DEVICES)[number];

/** The `settings` object of the settings file, as `weiquan config set` writes it. */
export type Settings = {
  lang?: Lang;
  timeZone?: string;
  browser?: string;
  font?: string;
  holidaysFile?: string;
  uploadLimitMB?: number;
  complaintFactsMax?: number;
  /** time-stamp authorities, space-separated; no default: no TSA is contacted unless named */
  tsa?: string;
  /** stamp the journal after each capture and import (needs tsa) */
  autoStamp?: boolean;
  /** what capture loads pages as (capture --device overrides it for one run) */
  captureDevice?: CaptureDevice;
};

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * What each setting's value must be: the one statement of it (the settings store builds its schema from these).
 * Plain checks rather than a schema, so that resolving the settings — every command does — loads no schema library.
 */
export const SETTING_CHECKS: { readonly [K in SettingKey]-?: (value: unknown) => value is NonNullable<Settings[K]> } = {
  lang: (value): value is Lang => value === 'zh' || value === 'en',
  timeZone: isString,
  browser: isString,
  font: isString,
  holidaysFile: isString,
  uploadLimitMB: (value): value is number => typeof value === 'number' && !Number.isNaN(value) && value > 0,
  complaintFactsMax: (value): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 5000,
  tsa: isString,
  autoStamp: (value): value is boolean => typeof value === 'boolean',
  captureDevice: (value): value is CaptureDevice => (CAPTURE_DEVICES as readonly unknown[]).includes(value),
};

/** Where a resolved value came from (findBrowser and the font search word their errors by it). */
export type SettingOrigin = 'flag' | 'env' | 'setting' | 'default';
export type Chosen<T> = { value: T; from: SettingOrigin };

/** One layer: any of the keys, unchecked (a flag is a string, the file may hold anything). */
export type SettingLayer = Partial<Record<SettingKey, unknown>>;

export type SettingSources = {
  /** --lang, --time-zone, --browser, --font, as the command line gave them */
  flags: SettingLayer;
  /** WEIQUAN_BROWSER (the data home, fonts folders and the clock are read where they are used) */
  env: SettingLayer;
  /** the settings file's `settings` object; {} when there is none or it cannot be read */
  file: SettingLayer;
  /** the language of the system's locale (LC_ALL, LC_MESSAGES, LANG), if it names one */
  localeLang?: Lang;
};

export type ResolvedSettings = {
  /** the interface language: --lang, else the lang setting, else the locale, else English */
  lang: Chosen<Lang>;
  /**
   * The language of generated documents: --lang when given, else Chinese whatever the interface language,
   * since the platform and the regulator read Chinese. The lang setting does not change it.
   */
  documentLang: Chosen<Lang>;
  /** the time zone for new cases and one-off letters: --time-zone, else the setting, else Asia/Shanghai */
  timeZone: Chosen<string>;
  /** an explicit browser: --browser, else WEIQUAN_BROWSER, else the setting (absent: discover one) */
  browser?: Chosen<string>;
  /** an explicit CJK font file: --font, else the setting (absent: search the system) */
  font?: Chosen<string>;
  /** a working-day data file for years the bundled calendar lacks (the setting; --holidays adds to it) */
  holidaysFile?: Chosen<string>;
  /** the 12315 site's upload limit per file, in MB */
  uploadLimitMB: Chosen<number>;
  /** the 投诉事实 length the 12315 form is assumed to take; a short version is given beyond it */
  complaintFactsMax: Chosen<number>;
  /** time-stamp authorities, space-separated (no default: none is contacted unless named) */
  tsa?: Chosen<string>;
  /** stamp the case after each capture and import (off unless set; needs tsa) */
  autoStamp: Chosen<boolean>;
  /** what capture loads pages as: the setting, else a desktop window (capture --device wins for its run) */
  captureDevice: Chosen<CaptureDevice>;
};

const LAYERS = [
  ['flag', 'flags'],
  ['env', 'env'],
  ['setting', 'file'],
] as const;

/** A value counts when it has the setting's type; a blank string counts as not given. */
function accepts(key: SettingKey, value: unknown): boolean {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return false;
  return SETTING_CHECKS[key](value);
}

function choose<K extends SettingKey>(key: K, sources: SettingSources): Chosen<NonNullable<Settings[K]>> | undefined {
  for (const [from, layer] of LAYERS) {
    const value = sources[layer][key];
    if (accepts(key, value)) return { value: value as NonNullable<Settings[K]>, from };
  }
  return undefined;
}

const byDefault = <T>(value: T): Chosen<T> => ({ value, from: 'default' });

export function resolveSettings(sources: SettingSources): ResolvedSettings {
  const browser = choose('browser', sources);
  const font = choose('font', sources);
  const holidaysFile = choose('holidaysFile', sources);
  const tsa = choose('tsa', sources);
  const flagLang = accepts('lang', sources.flags.lang) ? (sources.flags.lang as Lang) : undefined;
  return {
    lang: choose('lang', sources) ?? byDefault(sources.localeLang ?? 'en'),
    documentLang: flagLang ? { value: flagLang, from: 'flag' } : byDefault('zh'),
    timeZone: choose('timeZone', sources) ?? byDefault(DEFAULT_TIME_ZONE),
    ...(browser ? { browser } : {}),
    ...(font ? { font } : {}),
    ...(holidaysFile ? { holidaysFile } : {}),
    uploadLimitMB: choose('uploadLimitMB', sources) ?? byDefault(DEFAULT_UPLOAD_LIMIT_MB),
    complaintFactsMax: choose('complaintFactsMax', sources) ?? byDefault(DEFAULT_COMPLAINT_FACTS_LIMIT),
    ...(tsa ? { tsa } : {}),
    autoStamp: choose('autoStamp', sources) ?? byDefault(false),
    captureDevice: choose('captureDevice', sources) ?? byDefault('desktop'),
  };
}

/**
 * The same settings for another data home, whose settings file is not the user's (the demo's throw-away
 * folder): what the command line and the environment chose stays, the file's choices give way to the
 * defaults. The interface language stays as it is: the user reads the demo's narration.
 */
export function withoutSettingsFile(settings: ResolvedSettings): ResolvedSettings {
  const { browser, font, holidaysFile, tsa: _tsa, ...rest } = settings;
  const kept = <T>(choice: Chosen<T> | undefined) => (choice && choice.from !== 'setting' ? choice : undefined);
  const keptBrowser = kept(browser);
  const keptFont = kept(font);
  const keptHolidays = kept(holidaysFile);
  return {
    ...rest,
    timeZone: kept(settings.timeZone) ?? byDefault(DEFAULT_TIME_ZONE),
    uploadLimitMB: kept(settings.uploadLimitMB) ?? byDefault(DEFAULT_UPLOAD_LIMIT_MB),
    complaintFactsMax: kept(settings.complaintFactsMax) ?? byDefault(DEFAULT_COMPLAINT_FACTS_LIMIT),
    autoStamp: kept(settings.autoStamp) ?? byDefault(false),
    captureDevice: kept(settings.captureDevice) ?? byDefault('desktop'),
    ...(keptBrowser ? { browser: keptBrowser } : {}),
    ...(keptFont ? { font: keptFont } : {}),
    ...(keptHolidays ? { holidaysFile: keptHolidays } : {}),
  };
}
