import type { LetterContent } from '../core/letter-facts.js';
import { cjkSpacing } from '../core/typography.js';
import { createTranslator } from '../ui/i18n.js';
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
  const t = createTranslator(content.lang);
  const parts = [t('doc.letter.footer')];
  if (content.caseId) parts.push(t('doc.footer.case', { case: content.caseId }));
  parts.push(t('doc.footer.order', { order: content.order.number }));
  return parts.join(' · ');
}

/** Render the written complaint (书面投诉函) to PDF bytes. */
export async function renderLetterPdf(content: LetterContent, options: LetterRenderOptions): Promise<Buffer> {
  const markup = await letterMarkup(content, options.template);
  const t = createTranslator(content.lang);
  const names = { order: content.order.number, respondent: content.respondent.name };
  const writer = await PdfWriter.create(
    options.font,
    {
      title: t('doc.letter.title', names),
      author: content.complainant.name,
      subject: t('doc.letter.subject', names),
      keywords: [content.order.number, content.respondent.platform, ...content.tickets].join(', '),
      creationDate: options.creationDate,
      lang: content.lang,
    },
    { label: letterFooter(content), lang: content.lang },
  );
  renderBlocks(writer, parseMarkup(markup), content.lang);
  return writer.finish();
}
