import type { Block } from './markup.js';
import type { PdfWriter } from './pdf-writer.js';

const RIGHT_LINE_GAP = 9;

/** Height of a right-aligned block (a signature) with the space above it. */
function rightBlockHeight(writer: PdfWriter, block: Block | undefined): number {
  return block?.type === 'right' ? 10 + block.lines.length * writer.lineHeight(11, RIGHT_LINE_GAP) : 0;
}

/** How tall a block will be when drawn (as renderBlocks draws it), for keeping it with a signature; 0 when not measured. */
function blockHeight(writer: PdfWriter, block: Block, indent: number, lang: 'zh' | 'en'): number {
  const width = writer.contentWidth;
  switch (block.type) {
    case 'paragraph':
      return writer.wrap(block.text, width, { indentFirstLine: block.indent ? indent : 0 }).length * writer.lineHeight() + (block.indent ? 5 : 1);
    case 'center':
      return writer.wrap(block.text, width).length * writer.lineHeight();
    case 'quote':
      return writer.wrap(block.text, width - 14, { size: 10 }).length * writer.lineHeight(10) + 3;
    case 'list': {
      // markers hang in about two characters' width
      const itemWidth = width - (lang === 'zh' ? indent / 2 : 0) - writer.measure('00. ');
      return block.items.reduce((sum, item) => sum + writer.wrap(item, itemWidth).length * writer.lineHeight() + 2, 3);
    }
    case 'keyValues':
      return block.rows.reduce((sum, [, value]) => sum + writer.wrap(value, width * 0.72 - 8, { size: 10.5 }).length * 10.5 * 1.5 + 8, 6);
    default:
      return 0;
  }
}

/**
 * Keep a signature block on one page with the block that closes the text before it (a paragraph, a list of
 * attachments, a quotation) and that block's heading: when they fit on a page together but not in the room
 * left on this one, they start the next page.
 */
function keepWithSignature(writer: PdfWriter, blocks: readonly Block[], index: number, indent: number, lang: 'zh' | 'en'): void {
  const block = blocks[index]!;
  const closing = block.type === 'heading' ? index + 1 : index;
  const signature = rightBlockHeight(writer, blocks[closing + 1]);
  if (signature === 0 || !blocks[closing]) return;
  const height = blockHeight(writer, blocks[closing]!, indent, lang);
  if (height === 0) return;
  const headingHeight = block.type === 'heading' ? (block.level === 1 ? 14 : 12) * 1.62 + 10 : 0;
  const together = headingHeight + height + signature;
  if (together > writer.remaining() && together <= writer.bottom - writer.top && writer.y > writer.top + 0.5) writer.newPage();
}

/**
 * Lay parsed template blocks onto pages. Chinese paragraphs get the customary two-character first-line indent.
 * A signature block is kept on one page with the block that closes the text before it.
 */
export function renderBlocks(writer: PdfWriter, blocks: readonly Block[], lang: 'zh' | 'en'): void {
  const indent = lang === 'zh' ? writer.measure('中中') : 0;
  for (const [index, block] of blocks.entries()) {
    keepWithSignature(writer, blocks, index, indent, lang);
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
