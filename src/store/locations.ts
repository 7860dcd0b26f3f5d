import { readFileSync } from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

/**
 * Where things live. Precedence, lowest first: defaults < conf settings < environment < flags.
 * The data home is --home, else WEIQUAN_HOME, else the platform's data directory (env-paths).
 * Settings and the profile live in conf, inside the data home when one is given, so a second workspace
 * (or a test) is fully isolated.
 */
export type Locations = { home: string; configDir: string; explicitHome: boolean };

export function resolveLocations(flagHome: string | undefined, env: NodeJS.ProcessEnv): Locations {
  const given = flagHome ?? env.WEIQUAN_HOME;
  if (given && given.trim() !== '') {
    const home = path.resolve(given);
    return { home, configDir: home, explicitHome: true };
  }
  const paths = envPaths('weiquan', { suffix: '' });
  return { home: paths.data, configDir: paths.config, explicitHome: false };
}

export const CONFIG_FILE_NAME = 'config.json';

/**
 * The `settings` object of the settings file, read without loading conf (which pulls in ajv): it is read on
 * the start-up path of every command, e.g. for the language of --help. Unchecked: the settings resolver
 * (core/settings.ts) checks each value. Any problem reading the file means "nothing set".
 */
export function readSettingsFile(configDir: string): Record<string, unknown> {
  try {
    const data = JSON.parse(readFileSync(path.join(configDir, CONFIG_FILE_NAME), 'utf8')) as { settings?: unknown };
    const settings = data.settings;
    return settings && typeof settings === 'object' && !Array.isArray(settings) ? (settings as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
