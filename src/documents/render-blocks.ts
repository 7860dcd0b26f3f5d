import type { Block } from './markup.js';
import type { PdfWriter } from './pdf-writer.js';

const RIGHT_LINE_GAP = 9;

/** Height of a right-aligned block (a signature): it moves to the next page together with the paragraph before it. */
function rightBlockHeight(writer: PdfWriter, block: Block | undefined): number {
  return block?.type === 'right' ? 10 + block.lines.length * writer.lineHeight(11, RIGHT_LINE_GAP) : 0;
}

/**
 * Lay parsed template blocks onto pages. Chinese paragraphs get the customary two-character first-line indent.
 * A signature block is kept on one page with the paragraph that closes the text before it.
 */
export function renderBlocks(writer: PdfWriter, blocks: readonly Block[], lang: 'zh' | 'en'): void {
  const indent = lang === 'zh' ? writer.measure('中中') : 0;
  for (const [index, block] of blocks.entries()) {
    const signature = rightBlockHeight(writer, blocks[index + 1]);
    if (signature > 0 && block.type === 'paragraph') {
      const lines = writer.wrap(block.text, writer.contentWidth, { indentFirstLine: block.indent ? indent : 0 }).length;
      writer.ensureSpace(lines * writer.lineHeight() + 6 + signature);
    }
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
        writer.ensureSpace(block.lines.length * writer.lineHeight(11, RIGHT_LINE_GAP));
        for (const line of block.lines) writer.paragraph(line, { align: 'right', lineGap: RIGHT_LINE_GAP });
        break;
      case 'center':
        writer.paragraph(block.text, { align: 'center', color: '#444444' });
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
