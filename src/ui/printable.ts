/**
 * Text from flags, file names or imported archives is stored as typed but never printed raw: a stored
 * ESC sequence could clear a line of `verify` output, retitle the terminal (OSC) or hide text. `printable`
 * shows every control character escaped — ESC as `\e`, newline as `\n`, others as `\xNN` or `\u{…}` —
 * and the invisible bidirectional overrides too. Printable text (Chinese included) is left alone.
 */
// C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates, line and paragraph separators
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\u001b': '\\e', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(character: string): string {
  const named = NAMED[character];
  if (named) return named;
  const code = character.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** One line of text safe for a terminal; with `keepNewlines`, line breaks stay (multi-line notes). */
export function printable(text: string, options: { keepNewlines?: boolean } = {}): string {
  // nearly all text has nothing to escape: listings ask thousands of times
  if (!UNSAFE_TEST.test(text)) return text;
  return text.replace(UNSAFE, (character) => (options.keepNewlines && character === '\n' ? '\n' : escapeOne(character)));
}

const UNSAFE_TEST = new RegExp(UNSAFE.source);

/** Whether text holds anything `printable` would escape. */
export function hasControlCharacters(text: string): boolean {
  return UNSAFE_TEST.test(text);
}

/** Escape every string inside a value (for message parameters built from stored data). */
export function printableParams<T extends Record<string, string | number>>(params: T): T {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? printable(value) : value])) as T;
}
