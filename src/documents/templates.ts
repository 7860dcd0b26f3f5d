import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-info.js';
import { InputError } from '../errors.js';
import { printable } from '../ui/printable.js';

/**
 * Document templates, rendered by nunjucks. The bundled ones live in templates/ at the package root;
 * `--template FILE` renders the user's own copy instead (it may include the bundled ones by name).
 */
export const TEMPLATES_DIR = path.join(packageRoot(), 'templates');

type Environment = import('nunjucks').Environment;
let environment: Environment | undefined;

async function nunjucksEnvironment(): Promise<Environment> {
  if (environment) return environment;
  const nunjucks = (await import('nunjucks')).default;
  environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES_DIR, { noCache: false }), {
    autoescape: false,
    trimBlocks: false,
    lstripBlocks: true,
    throwOnUndefined: false,
  });
  return environment;
}

/**
 * What a document prints is text a person reads (and the plain-text copies get pasted, or printed in a
 * terminal): a control character stored in a fact — typed into an order number, or in an imported case or
 * bill — is shown escaped (\e, \x07 …) as the terminal shows it, never carried into the document raw.
 * Line breaks stay; a tab is a space.
 */
function shownText(rendered: string): string {
  return printable(rendered.replace(/\r\n?/g, '\n').replace(/\t/g, ' '), { keepNewlines: true });
}

/** Render a bundled template by name (e.g. "letter.zh.njk"), or the user's file when one is given. */
export async function renderTemplate(name: string, data: object, userFile?: string): Promise<string> {
  const env = await nunjucksEnvironment();
  if (userFile === undefined) return shownText(env.render(name, data));
  const file = path.resolve(userFile);
  if (!existsSync(file)) throw new InputError('documents.template.missing', { file });
  try {
    return shownText(env.renderString(readFileSync(file, 'utf8'), data));
  } catch (error) {
    throw new InputError('documents.template.invalid', { file, message: (error as Error).message.split('\n').slice(0, 3).join(' ') });
  }
}
