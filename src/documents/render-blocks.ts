import type { Block } from './markup.js';
import type { PdfWriter } from './pdf-writer.js';

/** Lay parsed template blocks onto pages. Chinese paragraphs get the customary two-character first-line indent. */
export function renderBlocks(writer: PdfWriter, blocks: readonly Block[], lang: 'zh' | 'en'): void {
  const indent = lang === 'zh' ? writer.measure('中中') : 0;
  for (const block of blocks) {
    switch (block.type) {
      case 'title':
        writer.title(block.text);
        break;
      case 'heading':
        writer.heading(block.text, block.level);
        break;
      case 'paragraph':
        writer.paragraph(block.text, { indentFirstLine: block.indent ? indent : 0 });
        writer.space(block.indent ? 5 : 1);
        break;
      case 'list':
        writer.list(block.items, { numbered: block.numbered, start: block.start, style: { indent: lang === 'zh' ? indent / 2 : 0 } });
        writer.space(3);
        break;
      case 'quote':
        writer.quote(block.text);
        break;
      case 'right':
        writer.space(10);
        writer.ensureSpace(block.lines.length * 20);
        for (const line of block.lines) writer.paragraph(line, { align: 'right', lineGap: 9 });
        break;
      case 'keyValues':
        writer.keyValues(block.rows);
        break;
      case 'rule':
        writer.rule();
        break;
      case 'newpage':
        writer.freshPage();
        break;
    }
  }
}
