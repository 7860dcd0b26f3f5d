/**
 * Line breaking for Chinese mixed with Latin text, by the 禁则 (kinsoku) rules: a line never starts with
 * closing punctuation (，。、；：？！）》」…) and never ends with opening punctuation (（《「“…). Chinese may
 * break between any two characters; Latin words and numbers break only at spaces, unless a single word is
 * wider than the line (a URL, a hash), which then breaks anywhere. Pure: the caller passes the measure.
 */

/** Characters that must not begin a line. */
export const NO_LINE_START = new Set(
  Array.from('，。、；：？！）］｝】」』》〉〕〗〙〛”’…‥—～·・％‰,.;:?!)]}>%ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ'),
);

/** Characters that must not end a line. */
export const NO_LINE_END = new Set(Array.from('（［｛【「『《〈〔〖〘〚“‘([{<'));

export type Measure = (text: string) => number;

const WIDE = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u3000-\u303F]/u;

/** Split into atoms: one wide character each, a run of non-space narrow characters, or a run of spaces. */
function atoms(text: string): string[] {
  const result: string[] = [];
  let word = '';
  let spaces = '';
  const flushWord = () => {
    if (word) result.push(word);
    word = '';
  };
  const flushSpaces = () => {
    if (spaces) result.push(spaces);
    spaces = '';
  };
  for (const char of text) {
    if (char === ' ' || char === '\t') {
      flushWord();
      spaces += ' ';
    } else if (WIDE.test(char) || NO_LINE_START.has(char) || NO_LINE_END.has(char)) {
      flushWord();
      flushSpaces();
      result.push(char);
    } else {
      flushSpaces();
      word += char;
    }
  }
  flushWord();
  flushSpaces();
  return result;
}

/** Glue atoms into unbreakable units: closing marks join the unit before, opening marks the unit after. */
export function units(text: string): string[] {
  const list = atoms(text);
  const glued: string[] = [];
  let pendingOpen = '';
  for (const atom of list) {
    const first = Array.from(atom)[0]!;
    const last = Array.from(atom).at(-1)!;
    if (atom.trim() === '') {
      if (pendingOpen) {
        pendingOpen += atom;
        continue;
      }
      glued.push(atom);
      continue;
    }
    if (NO_LINE_START.has(first) && glued.length > 0 && !pendingOpen) {
      // attach to the previous non-space unit (a space before closing punctuation stays attached too)
      let index = glued.length - 1;
      while (index > 0 && glued[index]!.trim() === '') index -= 1;
      glued[index] = glued.slice(index).join('') + atom;
      glued.length = index + 1;
      continue;
    }
    if (NO_LINE_END.has(last) && atom.length === 1) {
      pendingOpen += atom;
      continue;
    }
    glued.push(pendingOpen + atom);
    pendingOpen = '';
  }
  if (pendingOpen) glued.push(pendingOpen);
  return glued;
}

/** Break one unit that is wider than the line into pieces that fit (never starting a piece with a closing mark). */
function splitOversized(unit: string, maxWidth: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const char of unit) {
    if (current !== '' && measure(current + char) > maxWidth && !NO_LINE_START.has(char)) {
      pieces.push(current);
      current = char;
    } else current += char;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Lay one paragraph (no newlines) into lines no wider than maxWidth (first line may be narrower). */
function breakParagraph(text: string, maxWidth: number, measure: Measure, firstLineWidth: number): string[] {
  const lines: string[] = [];
  // the running width of the line so far (summed per unit: the font caches each unit's width)
  let line = '';
  let lineWidth = 0;
  let width = firstLineWidth;
  const push = () => {
    lines.push(line.replace(/\s+$/u, ''));
    line = '';
    lineWidth = 0;
    width = maxWidth;
  };
  for (const unit of units(text)) {
    const isSpace = unit.trim() === '';
    if (isSpace && line === '') continue; // no leading spaces on a new line
    const unitWidth = measure(unit);
    if (isSpace) {
      line += unit;
      lineWidth += unitWidth;
      continue;
    }
    const unitTrailing = /\s$/u.test(unit) ? measure(unit.slice(unit.trimEnd().length)) : 0;
    if (lineWidth + unitWidth - unitTrailing <= width) {
      line += unit;
      lineWidth += unitWidth;
      continue;
    }
    if (line.trim() !== '') push();
    if (unitWidth - unitTrailing <= width) {
      line = unit;
      lineWidth = unitWidth;
      continue;
    }
    const pieces = splitOversized(unit, width, measure);
    for (const piece of pieces.slice(0, -1)) {
      line = piece;
      push();
    }
    line = pieces.at(-1) ?? '';
    lineWidth = measure(line);
  }
  if (line.trim() !== '' || lines.length === 0) push();
  return lines;
}

/**
 * Break text into lines. Newlines are hard breaks. `firstLineWidth` allows a first-line indent.
 */
export function breakLines(text: string, maxWidth: number, measure: Measure, firstLineWidth = maxWidth): string[] {
  const lines: string[] = [];
  text.split(/\r?\n/).forEach((paragraph, index) => {
    lines.push(...breakParagraph(paragraph, maxWidth, measure, index === 0 ? firstLineWidth : maxWidth));
  });
  return lines;
}
