/** Turn full-width ASCII (digits, letters, punctuation typed with a Chinese IME) into half-width, and trim. */
export function toHalfWidth(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\u3002/g, '.') // 。 typed for a decimal point
    .trim();
}
