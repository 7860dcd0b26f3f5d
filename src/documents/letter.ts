import type { LetterContent } from '../core/letter-facts.js';
import { cjkSpacing } from '../core/typography.js';
import type { ChosenFont } from './fonts.js';
import { parseMarkup } from './markup.js';
import { PdfWriter } from './pdf-writer.js';
import { renderBlocks } from './render-blocks.js';
import { renderTemplate } from './templates.js';

export type LetterRenderOptions = { font: ChosenFont; creationDate: Date; template?: string };

/** The letter's text as the template renders it (block markup). */
export async function letterMarkup(content: LetterContent, template?: string): Promise<string> {
  const markup = await renderTemplate(`letter.${content.lang}.njk`, content, template);
  return content.lang === 'zh' ? cjkSpacing(markup) : markup;
}

export function letterFooter(content: LetterContent): string {
  const zh = content.lang === 'zh';
  const parts = [zh ? '书面投诉函' : 'Written complaint'];
  if (content.caseId) parts.push(zh ? `案件 ${content.caseId}` : `Case ${content.caseId}`);
  parts.push(zh ? `订单 ${content.order.number}` : `Order ${content.order.number}`);
  return parts.join(' · ');
}

/** Render the written complaint (书面投诉函) to PDF bytes. */
export async function renderLetterPdf(content: LetterContent, options: LetterRenderOptions): Promise<Buffer> {
  const markup = await letterMarkup(content, options.template);
  const zh = content.lang === 'zh';
  const writer = await PdfWriter.create(
    options.font,
    {
      title: zh ? `书面投诉函：订单 ${content.order.number}` : `Written complaint: order ${content.order.number}`,
      author: content.complainant.name,
      subject: zh ? `致${content.respondent.name}：订单 ${content.order.number} 未到账` : `To ${content.respondent.name}: order ${content.order.number} not delivered`,
      keywords: [content.order.number, content.respondent.platform, ...content.tickets].join(', '),
      creationDate: options.creationDate,
      lang: content.lang,
    },
    { label: letterFooter(content), lang: content.lang },
  );
  renderBlocks(writer, parseMarkup(markup), content.lang);
  return writer.finish();
}
