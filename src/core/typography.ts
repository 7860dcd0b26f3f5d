/**
 * Chinese typography for generated documents, one rule applied everywhere: a half-width space between a
 * Chinese character and a Latin letter or digit ("订单 KM2026", "100 元", "App 在线客服"). Brackets and
 * quotation marks in Chinese text are written full-width in the templates themselves.
 */
const HAN = '\\p{Script=Han}';
const LATIN = '[A-Za-z0-9]';
const HAN_THEN_LATIN = new RegExp(`(${HAN})(${LATIN})`, 'gu');
const LATIN_THEN_HAN = new RegExp(`(${LATIN})(${HAN})`, 'gu');

export function cjkSpacing(text: string): string {
  return text.replace(HAN_THEN_LATIN, '$1 $2').replace(LATIN_THEN_HAN, '$1 $2');
}
