import { confirm, input, select } from '@inquirer/prompts';
import type { Context, ContextIo } from '../context.js';
import { Cancelled, InputError } from '../errors.js';

export type Choice<T extends string> = { value: T; name: string; description?: string };

/** The only importer of the prompt library. Prompts draw on stderr so stdout stays clean for data. */
export type Prompts = {
  text(options: { message: string; default?: string; required?: boolean; validate?: (raw: string) => unknown }): Promise<string>;
  /** pageSize: how many choices show at once (a menu shows all of them) */
  select<T extends string>(options: { message: string; choices: Choice<T>[]; default?: T; pageSize?: number }): Promise<T>;
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
};

function isPromptExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

async function guard<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isPromptExit(error)) throw new Cancelled();
    throw error;
  }
}

export function createPrompts(context: Context, io: ContextIo): Prompts {
  const promptContext = { input: io.stdin as NodeJS.ReadableStream, output: io.stderr as NodeJS.WritableStream, clearPromptOnDone: false };
  const explain = (error: unknown): string => {
    if (error instanceof InputError) return context.t(error.key, error.params);
    return error instanceof Error ? error.message : String(error);
  };
  // the library's key hints ("↑↓ navigate • ⏎ select", "Y/n", "Yes") in the interface language
  const selectTheme = {
    style: { keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => {
          const text = context.t(`prompt.key.${action}`);
          return `${key} ${text.startsWith('prompt.key.') ? action : text}`;
        }).join(' • ') },
  };
  const confirmTheme = {
    style: { defaultAnswer: (text: string) => (text === 'Y/n' ? context.t('prompt.defaultYes') : text === 'y/N' ? context.t('prompt.defaultNo') : text) },
  };
  return {
    text({ message, default: fallback, required = false, validate }) {
      return guard(
        input(
          {
            message,
            ...(fallback !== undefined ? { default: fallback } : {}),
            validate: (value: string) => {
              if (value.trim() === '') return required ? context.t('prompt.required') : true;
              if (!validate) return true;
              try {
                validate(value);
                return true;
              } catch (error) {
                return explain(error);
              }
            },
          },
          promptContext,
        ),
      ).then((value) => value.trim());
    },
    select({ message, choices, default: fallback, pageSize }) {
      return guard(select({ message, choices, theme: selectTheme, ...(fallback !== undefined ? { default: fallback } : {}), ...(pageSize !== undefined ? { pageSize } : {}) }, promptContext));
    },
    confirm({ message, default: fallback = true }) {
      return guard(confirm({ message, default: fallback, theme: confirmTheme, transformer: (yes: boolean) => context.t(yes ? 'prompt.yes' : 'prompt.no') }, promptContext));
    },
  };
}
