import { DEFAULT_TIME_ZONE } from './core/enums.js';
import type { CaseStore } from './store/case-store.js';
import { type Locations, peekSetting, resolveLocations } from './store/locations.js';
import type { SettingsStore } from './store/settings.js';
import { createTranslator, type Lang, languageFromEnvironment, type Translate } from './ui/i18n.js';
import { Output } from './ui/output.js';
import type { Prompts } from './ui/prompts.js';

/** The global options every command sees (commander's optsWithGlobals()). */
export type GlobalOptions = {
  json?: boolean;
  lang?: string;
  home?: string;
  input?: boolean;
  yes?: boolean;
  verbose?: boolean;
};

/** What a command receives: clock, interactivity, output, translation, and lazy access to the stores. */
export type Context = {
  readonly lang: Lang;
  /**
   * The language of generated documents: the --lang flag when given, else Chinese whatever the interface
   * language, since the platform and the regulator read Chinese.
   */
  readonly documentLang: Lang;
  readonly t: Translate;
  readonly json: boolean;
  /** prompts are allowed: a TTY, not CI, no --no-input, no --yes */
  readonly interactive: boolean;
  readonly yes: boolean;
  readonly verbose: boolean;
  readonly locations: Locations;
  readonly env: NodeJS.ProcessEnv;
  readonly out: Output;
  now(): Date;
  /** the time zone for new cases: setting, else Asia/Shanghai */
  defaultTimeZone(): Promise<string>;
  store(): Promise<CaseStore>;
  settings(): Promise<SettingsStore>;
  prompts(): Promise<Prompts>;
};

export type ContextIo = {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
};

export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Language: --lang, else the setting, else the locale (LC_ALL/LANG), else English. */
export function chooseLanguage(flag: string | undefined, locations: Locations, env: NodeJS.ProcessEnv): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  const setting = peekSetting(locations.configDir, 'lang');
  if (setting === 'zh' || setting === 'en') return setting;
  return languageFromEnvironment(env) ?? 'en';
}

/** A fixed clock for tests and demos: WEIQUAN_NOW=2026-11-24T10:00:00+08:00. */
function clockFrom(env: NodeJS.ProcessEnv): () => Date {
  const fixed = env.WEIQUAN_NOW ? Date.parse(env.WEIQUAN_NOW) : Number.NaN;
  return Number.isNaN(fixed) ? () => new Date() : () => new Date(fixed);
}

export function createContext(options: GlobalOptions, io: ContextIo): Context {
  const locations = resolveLocations(options.home, io.env);
  const lang = chooseLanguage(options.lang, locations, io.env);
  const t = createTranslator(lang);
  const json = Boolean(options.json);
  const yes = Boolean(options.yes);
  const interactive = Boolean(io.stdin.isTTY) && Boolean(io.stderr.isTTY) && !isCi(io.env) && options.input !== false && !yes;
  const out = new Output(json, io.stdout, io.stderr, io.env);
  let store: Promise<CaseStore> | undefined;
  let settings: Promise<SettingsStore> | undefined;
  let prompts: Promise<Prompts> | undefined;
  const context: Context = {
    lang,
    documentLang: options.lang === 'en' || options.lang === 'zh' ? options.lang : 'zh',
    t,
    json,
    interactive,
    yes,
    verbose: Boolean(options.verbose),
    locations,
    env: io.env,
    out,
    now: clockFrom(io.env),
    async defaultTimeZone() {
      const value = (await context.settings()).settings().timeZone;
      return value ?? DEFAULT_TIME_ZONE;
    },
    store() {
      store ??= import('./store/case-store.js').then(({ CaseStore }) => new CaseStore(locations.home));
      return store;
    },
    settings() {
      settings ??= import('./store/settings.js').then(({ SettingsStore }) => SettingsStore.open(locations.configDir));
      return settings;
    },
    prompts() {
      prompts ??= import('./ui/prompts.js').then(({ createPrompts }) => createPrompts(context, io));
      return prompts;
    },
  };
  return context;
}
