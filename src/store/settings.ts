import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DataError, InputError } from '../errors.js';
import { parseEmail, parsePhone, parseText } from '../core/contact-details.js';
import { isValidTimeZone } from '../core/time.js';
import { CAPTURE_DEVICES, SETTING_CHECKS, type SettingKey, SETTING_KEYS, type Settings } from '../core/settings.js';
import { parseTsaList } from '../stamp/tsa-list.js';

import { CONFIG_FILE_NAME } from './locations.js';
export { CONFIG_FILE_NAME, type Locations, readSettingsFile, resolveLocations } from './locations.js';

export const ProfileSchema = z.object({
  name: z.string().min(1),
  phone: z.string().min(1),
  address: z.string().min(1),
  email: z.string().optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export { SETTING_KEYS, type SettingKey, type Settings } from '../core/settings.js';

/** The `settings` object of the settings file: each key checked as core/settings.ts says (SETTING_CHECKS). */
export const SettingsSchema = z.object(
  Object.fromEntries(SETTING_KEYS.map((key) => [key, z.custom((value) => SETTING_CHECKS[key](value), { message: `not a valid ${key}` }).optional()])),
) as unknown as z.ZodType<Settings>;

/** Validate one setting typed on the command line. */
export function parseSetting(key: string, raw: string): { key: SettingKey; value: string | number | boolean } {
  if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new InputError('settings.unknownKey', { key, keys: SETTING_KEYS.join(', ') });
  const k = key as SettingKey;
  switch (k) {
    case 'lang':
      if (raw !== 'zh' && raw !== 'en') throw new InputError('input.lang.invalid', { value: raw });
      return { key: k, value: raw };
    case 'timeZone':
      if (!isValidTimeZone(raw)) throw new InputError('input.timeZone.invalid', { value: raw });
      return { key: k, value: raw };
    case 'uploadLimitMB': {
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0 || n > 1024) throw new InputError('settings.badNumber', { key, value: raw });
      return { key: k, value: n };
    }
    case 'complaintFactsMax': {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 100 || n > 5000) throw new InputError('settings.badNumber', { key, value: raw });
      return { key: k, value: n };
    }
    case 'tsa':
      return { key: k, value: parseTsaList(raw).join(' ') };
    case 'captureDevice':
      if (!(CAPTURE_DEVICES as readonly string[]).includes(raw.trim())) throw new InputError('capture.device.invalid', { value: raw });
      return { key: k, value: raw.trim() };
    case 'autoStamp':
      if (!/^(true|false|on|off|yes|no)$/i.test(raw.trim())) throw new InputError('settings.badBoolean', { key, value: raw });
      return { key: k, value: /^(true|on|yes)$/i.test(raw.trim()) };
    default: {
      // browser, font, holidaysFile: a file that must exist now, or the command that needs it fails later
      const file = path.resolve(parseText(raw, key, 4096));
      if (!existsSync(file)) throw new InputError('settings.noSuchFile', { key, file });
      return { key: k, value: file };
    }
  }
}

/** Validate a profile from raw strings; every field's problem is reported through InputError. */
export function parseProfile(raw: { name?: string; phone?: string; address?: string; email?: string }): Profile {
  return {
    name: parseText(raw.name ?? '', 'name', 100),
    phone: parsePhone(raw.phone ?? ''),
    address: parseText(raw.address ?? '', 'address', 300),
    ...(raw.email && raw.email.trim() !== '' ? { email: parseEmail(raw.email) } : {}),
  };
}

/** The settings file when it exists but is not a JSON object (hand-edited, truncated), with why. */
export function brokenSettingsFile(configDir: string): { file: string; reason: string } | undefined {
  const file = path.join(configDir, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // missing: nothing to fix; unreadable (a data home that is not a folder, permissions): not damage,
    // reported by the file system error handling as such
    void error;
    return undefined;
  }
  try {
    const data: unknown = JSON.parse(text);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return { file, reason: 'not a JSON object' };
    return undefined;
  } catch (error) {
    return { file, reason: (error as Error).message };
  }
}

/**
 * For `config set` and `profile set`, the way out of a broken settings file: move it aside (kept as
 * config.json.broken-<time>, not deleted) so the command can write a fresh one. Returns both paths.
 */
export async function setAsideBrokenSettings(configDir: string, now: Date): Promise<{ file: string; movedTo: string; reason: string } | undefined> {
  const broken = brokenSettingsFile(configDir);
  if (!broken) return undefined;
  const movedTo = `${broken.file}.broken-${now.toISOString().replace(/[:.]/g, '-')}`;
  await rename(broken.file, movedTo);
  return { ...broken, movedTo };
}

/**
 * The settings and profile file (config.json: `{ "settings": {…}, "profile": {…} }`), loaded only by the
 * commands that need them. Each read goes to the file and each change is a read-modify-write written
 * atomically (temp, fsync, rename) at 0600, so two commands changing different keys one after the other both
 * land.
 */
export class SettingsStore {
  private constructor(
    readonly path: string,
    private readonly writeFileAtomic: typeof import('write-file-atomic'),
  ) {}

  static async open(configDir: string): Promise<SettingsStore> {
    const broken = brokenSettingsFile(configDir);
    if (broken) throw new DataError('settings.broken', { file: broken.file, reason: broken.reason }, 'settings.hint.broken', { file: broken.file });
    // weiquan's folders are private (0700) from the root on
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    const { default: writeFileAtomic } = await import('write-file-atomic'); // loaded only by commands that read settings
    return new SettingsStore(path.join(configDir, CONFIG_FILE_NAME), writeFileAtomic);
  }

  private read(): Record<string, unknown> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const data: unknown = JSON.parse(text);
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  }

  private write(key: 'settings' | 'profile', value: unknown): void {
    const data = { ...this.read(), [key]: value };
    this.writeFileAtomic.sync(this.path, `${JSON.stringify(data, undefined, '\t')}\n`, { mode: 0o600, fsync: true });
  }

  profile(): Profile | undefined {
    const parsed = ProfileSchema.safeParse(this.read().profile);
    return parsed.success ? parsed.data : undefined;
  }

  setProfile(profile: Profile): void {
    this.write('profile', ProfileSchema.parse(profile));
  }

  settings(): Settings {
    const parsed = SettingsSchema.safeParse(this.read().settings ?? {});
    return parsed.success ? parsed.data : {};
  }

  set(key: SettingKey, value: string | number | boolean): void {
    this.write('settings', SettingsSchema.parse({ ...this.settings(), [key]: value }));
  }

  unset(key: SettingKey): void {
    const next = { ...this.settings() };
    delete next[key];
    this.write('settings', next);
  }
}
