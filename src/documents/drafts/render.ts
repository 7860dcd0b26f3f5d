/**
 * A route's document on the letter's path: template → block markup → PDF, and the same markup as plain text
 * ready to paste into a web form or an app's complaint box.
 */
import type { DraftContent } from '../../core/ladder/draft-content.js';
import { createTranslator } from '../../ui/i18n.js';
import type { ChosenFont } from '../fonts.js';
import { type Block, parseMarkup } from '../markup.js';
import { PdfWriter } from '../pdf-writer.js';
import { renderBlocks } from '../render-blocks.js';
import { renderTemplate } from '../templates.js';
import { type DraftDefinition, templateName } from './definition.js';

export async function draftMarkup(definition: DraftDefinition, content: DraftContent): Promise<string> {
  return renderTemplate(templateName(definition.route, content.lang), content);
}

/** The blocks as plain text: headings and rows as lines, lists kept, layout marks dropped. */
export function blocksToText(blocks: readonly Block[], lang: 'zh' | 'en'): string {
  const colon = createTranslator(lang)('doc.colon');
  const parts: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'title':
        parts.push(block.text, '');
        break;
      case 'heading':
        parts.push('', block.text);
        break;
      case 'paragraph':
        parts.push(block.text);
        break;
      case 'list':
        block.items.forEach((item, index) => parts.push(block.numbered ? `${block.start + index}. ${item}` : `- ${item}`));
        break;
      case 'quote':
        parts.push(block.text);
        break;
      case 'right':
        parts.push('', ...block.lines);
        break;
      case 'keyValues':
        for (const [key, value] of block.rows) parts.push(`${key}${colon}${value}`);
        break;
      case 'rule':
        parts.push('', '----', '');
        break;
      case 'newpage':
        break;
    }
  }
  return `${parts.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

export type RenderedDraft = { pdf: Buffer; text: string };

export async function renderDraft(definition: DraftDefinition, content: DraftContent, options: { font: ChosenFont; creationDate: Date }): Promise<RenderedDraft> {
  const blocks = parseMarkup(await draftMarkup(definition, content));
  const t = createTranslator(content.lang);
  const title = definition.title(content, t);
  const footer = [title, ...(content.caseId ? [t('doc.footer.case', { case: content.caseId })] : []), t('doc.footer.order', { order: content.order.number })].join(' · ');
  const writer = await PdfWriter.create(
    options.font,
    {
      title,
      author: content.complainant.name,
      subject: definition.subject(content, t),
      keywords: [content.order.number, content.respondent.platform, ...content.evidenceIds].join(', '),
      creationDate: options.creationDate,
      lang: content.lang,
    },
    { label: footer, lang: content.lang },
  );
  renderBlocks(writer, blocks, content.lang);
  return { pdf: await writer.finish(), text: blocksToText(blocks, content.lang) };
}
