import { type ResolvedSettings, resolveSettings, type SettingLayer } from './core/settings.js';
import type { Case } from './core/case-model.js';
import type { CaseStore } from './store/case-store.js';
import { type Locations, readSettingsFile, resolveLocations } from './store/locations.js';
import type { SettingsStore } from './store/settings.js';
import { createTranslator, type Lang, languageFromEnvironment, type Translate } from './ui/i18n.js';
import { Output } from './ui/output.js';
import type { Prompts } from './ui/prompts.js';

/**
 * The options every command sees (commander's optsWithGlobals()): the global ones, and the command's own
 * flags that override a setting (--time-zone, --browser, --font).
 */
export type GlobalOptions = {
  json?: boolean;
  lang?: string;
  home?: string;
  input?: boolean;
  yes?: boolean;
  verbose?: boolean;
  timeZone?: string;
  browser?: string;
  font?: string;
};

/** What a command receives: clock, interactivity, output, translation, and lazy access to the stores. */
export type Context = {
  /** the settings of this run, resolved once: flags > environment > settings file > defaults */
  readonly config: ResolvedSettings;
  /** the interface language (config.lang) */
  readonly lang: Lang;
  /**
   * The language of generated documents (config.documentLang): the --lang flag when given, else Chinese
   * whatever the interface language, since the platform and the regulator read Chinese.
   */
  readonly documentLang: Lang;
  /** the interface's translator */
  readonly t: Translate;
  /** the documents' translator (letters, the 12315 text, messages to send, stored default wording) */
  readonly documentT: Translate;
  readonly json: boolean;
  /** prompts are allowed: a TTY, not CI, no --no-input, no --yes */
  readonly interactive: boolean;
  readonly yes: boolean;
  readonly verbose: boolean;
  readonly locations: Locations;
  readonly env: NodeJS.ProcessEnv;
  readonly out: Output;
  now(): Date;
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

/** The settings of a run: the flags given, WEIQUAN_BROWSER, the settings file of the data home, the locale. */
export function settingsFor(flags: SettingLayer, locations: Locations, env: NodeJS.ProcessEnv): ResolvedSettings {
  const localeLang = languageFromEnvironment(env);
  return resolveSettings({
    flags,
    env: { browser: env.WEIQUAN_BROWSER },
    file: readSettingsFile(locations.configDir),
    ...(localeLang ? { localeLang } : {}),
  });
}

/** Language: --lang, else the setting, else the locale (LC_ALL/LANG), else English. */
export function chooseLanguage(flag: string | undefined, locations: Locations, env: NodeJS.ProcessEnv): Lang {
  return settingsFor({ lang: flag }, locations, env).lang.value;
}

/** A fixed clock for tests and demos: WEIQUAN_NOW=2026-11-24T10:00:00+08:00. */
function clockFrom(env: NodeJS.ProcessEnv): () => Date {
  const fixed = env.WEIQUAN_NOW ? Date.parse(env.WEIQUAN_NOW) : Number.NaN;
  return Number.isNaN(fixed) ? () => new Date() : () => new Date(fixed);
}

export function createContext(options: GlobalOptions, io: ContextIo): Context {
  const locations = resolveLocations(options.home, io.env);
  const config = settingsFor({ lang: options.lang, timeZone: options.timeZone, browser: options.browser, font: options.font }, locations, io.env);
  const lang = config.lang.value;
  const t = createTranslator(lang);
  const json = Boolean(options.json);
  const yes = Boolean(options.yes);
  const interactive = Boolean(io.stdin.isTTY) && Boolean(io.stderr.isTTY) && !isCi(io.env) && options.input !== false && !yes;
  const out = new Output(json, io.stdout, io.stderr, io.env);
  let store: Promise<CaseStore> | undefined;
  let settings: Promise<SettingsStore> | undefined;
  let prompts: Promise<Prompts> | undefined;
  /**
   * A case this run wrote goes into the case index at once (see recordWritten), with the calendar a listing uses
   * by default: the built-in data and the holidaysFile setting. A broken setting leaves it to the listing.
   */
  const indexWritten = async (record: Case, key: string) => {
    const [{ recordWritten }, { loadWorkCalendar }, { casesDirOf }] = await Promise.all([
      import('./store/case-index.js'),
      import('./holidays/load.js'),
      import('./store/case-files.js'),
    ]);
    const calendar = await loadWorkCalendar({ setting: config.holidaysFile?.value });
    recordWritten(casesDirOf(locations.home), record, key, { now: context.now(), calendar });
  };
  const context: Context = {
    config,
    lang,
    documentLang: config.documentLang.value,
    t,
    documentT: config.documentLang.value === lang ? t : createTranslator(config.documentLang.value),
    json,
    interactive,
    yes,
    verbose: Boolean(options.verbose),
    locations,
    env: io.env,
    out,
    now: clockFrom(io.env),
    store() {
      store ??= import('./store/case-store.js').then(({ CaseStore }) => new CaseStore(locations.home, (record, key) => indexWritten(record, key)));
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
