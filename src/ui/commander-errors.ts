import { type Command, type CommanderError, Help, type HelpConfiguration, type Option } from 'commander';
import type { Translate } from './i18n.js';

/**
 * commander speaks English. Its usage errors are recognised by their error code (never by their English
 * wording) and said with the catalogue; the values they name (an option, a command, a number) are the
 * quoted and numeric tokens of commander's message. Help headings and the "(choices: …)" notes follow the
 * interface language too.
 */
const KEYS: Record<string, { key: string; params: (tokens: string[], numbers: string[]) => Record<string, string> }> = {
  'commander.unknownOption': { key: 'usage.unknownOption', params: ([option = '']) => ({ option }) },
  'commander.unknownCommand': { key: 'usage.unknownCommand', params: ([command = '']) => ({ command }) },
  'commander.missingArgument': { key: 'usage.missingArgument', params: ([argument = '']) => ({ argument }) },
  'commander.optionMissingArgument': { key: 'usage.optionMissingValue', params: ([option = '']) => ({ option }) },
  'commander.missingMandatoryOptionValue': { key: 'usage.missingMandatoryOption', params: ([option = '']) => ({ option }) },
  'commander.conflictingOption': { key: 'usage.conflictingOption', params: ([option = '', other = '']) => ({ option, other }) },
  'commander.excessArguments': {
    key: 'usage.tooManyArguments',
    params: ([command = ''], [expected = '?', got = '?']) => ({ command, expected, got }),
  },
};

/** The message and its usage hint for a commander error; undefined for codes we do not know (kept as is). */
export function translateCommanderError(error: CommanderError, t: Translate, choicesOf?: (option: string) => readonly string[] | undefined): string | undefined {
  const text = error.message.replace(/^error: /, '');
  const [firstLine = '', ...rest] = text.split('\n');
  const tokens = [...firstLine.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const numbers = [...firstLine.replace(/'[^']*'/g, '').matchAll(/\d+/g)].map((m) => m[0]);
  let message: string | undefined;
  if (error.code === 'commander.invalidArgument' && tokens.length >= 2) {
    const [option = '', value = ''] = tokens;
    const choices = choicesOf?.(option);
    message = choices ? t('usage.invalidChoice', { option, value, choices: choices.join(', ') }) : undefined;
  } else {
    const known = KEYS[error.code];
    if (known) message = t(known.key, known.params(tokens, numbers));
  }
  if (message === undefined) return undefined;
  // "(Did you mean --reply-within?)" from showSuggestionAfterError: the suggestion is the token after "mean"
  const suggestion = /(\S+)\?\)\s*$/.exec(rest.join(' '))?.[1];
  if (suggestion) message += t('usage.didYouMean', { suggestion });
  return message;
}

const EXTRA_NOTES = ['choices', 'default', 'preset', 'env'] as const;

/** Help headings and option notes in the interface language (commander's Help with translated titles). */
export function localizedHelp(t: Translate): HelpConfiguration {
  return {
    styleTitle: (title: string) => {
      const key = `help.title.${title}`;
      const text = t(key);
      return text === key ? title : text;
    },
    optionDescription(this: Help, option: Option) {
      const text = Help.prototype.optionDescription.call(this, option);
      return text.replace(/\((?:choices|default|preset|env): [^()]*\)$/, (notes) =>
        notes.replace(new RegExp(`(^\\(|, )(${EXTRA_NOTES.join('|')}): `, 'g'), (_whole, lead: string, name: string) => `${lead}${t(`help.extra.${name}`)}: `),
      );
    },
  };
}

/** The allowed values of the option written as `flags` ("--lang <lang>") anywhere in the program. */
export function choicesOf(program: Command, flags: string): readonly string[] | undefined {
  const option = program.options.find((o) => o.flags === flags || o.long === flags);
  if (option?.argChoices) return option.argChoices;
  for (const sub of program.commands) {
    const found = choicesOf(sub, flags);
    if (found) return found;
  }
  return undefined;
}
