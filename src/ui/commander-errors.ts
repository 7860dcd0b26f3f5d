import type { Translate } from './i18n.js';

/**
 * commander writes its own usage errors in English. Recognise the common ones and say them with the
 * catalogue, so a Chinese interface stays Chinese; anything unrecognised passes through unchanged.
 */
const PATTERNS: Array<[RegExp, string, string[]]> = [
  [/^error: unknown option '([^']+)'/, 'usage.unknownOption', ['option']],
  [/^error: unknown command '([^']+)'/, 'usage.unknownCommand', ['command']],
  [/^error: missing required argument '([^']+)'/, 'usage.missingArgument', ['argument']],
  [/^error: option '([^']+)' argument missing/, 'usage.optionMissingValue', ['option']],
  [/^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/, 'usage.invalidChoice', ['option', 'value', 'choices']],
  [/^error: too many arguments for '([^']+)'\. Expected (\d+) arguments? but got (\d+)\.$/, 'usage.tooManyArguments', ['command', 'expected', 'got']],
];

export function translateCommanderError(text: string, t: Translate): string {
  const line = text.trim();
  for (const [pattern, key, names] of PATTERNS) {
    const match = pattern.exec(line);
    if (!match) continue;
    const params = Object.fromEntries(names.map((name, index) => [name, match[index + 1]!]));
    return `${t('error.prefix')}${t(key, params)}\n${t('error.hintPrefix')}${t('usage.hint')}\n`;
  }
  return text;
}
