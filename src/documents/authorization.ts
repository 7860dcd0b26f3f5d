import type { LetterContent } from '../core/letter-facts.js';
import { citation, complaintRules, NEW_COMPLAINT_MEASURES, quotationText } from '../core/legal/statutes.js';
import { createTranslator } from '../ui/i18n.js';
import type { ChosenFont } from './fonts.js';
import { parseMarkup } from './markup.js';
import { PdfWriter } from './pdf-writer.js';
import { renderBlocks } from './render-blocks.js';
import { renderTemplate } from './templates.js';

/**
 * The 授权委托书 for an agent who files for the consumer: the matter entrusted, the powers and the period,
 * signature and date lines (what the interim measures' 第十条 requires; under the new measures, cited by name).
 */
export type AuthorizationInput = {
  content: LetterContent;
  agent: { name: string; phone: string; id?: string };
  scope: 'general' | 'special';
  until?: string;
  /** what the agent may do: negotiate with the platform, ask the consumer association to mediate, complain to the regulator */
  routes?: readonly AuthorizationRoute[];
  font: ChosenFont;
  creationDate: Date;
  caseId: string;
};

export const AUTHORIZATION_ROUTES = ['platform', 'association', 'regulator'] as const;
export type AuthorizationRoute = (typeof AUTHORIZATION_ROUTES)[number];

export function authorizationData(input: AuthorizationInput) {
  const { content } = input;
  // the rules in force when the complaint was filed (not yet filed: today), as the letter's content chose them
  const rules = complaintRules(content.newMeasures ? NEW_COMPLAINT_MEASURES.appliesFrom : '2026-01-01');
  return {
    principal: content.complainant,
    agent: input.agent,
    respondent: content.respondent,
    order: content.order,
    scope: input.scope,
    routes: input.routes ?? AUTHORIZATION_ROUTES,
    until: input.until,
    fromDate: content.dateLong,
    rules: rules.authorisationArticle
      ? { verified: true, citation: citation(rules.authorisationArticle), quotation: quotationText(rules.authorisationArticle), title: rules.title }
      : { verified: false, title: content.lang === 'zh' ? rules.title : NEW_COMPLAINT_MEASURES.titleEn, titleZh: rules.title, startText: NEW_COMPLAINT_MEASURES.startText[content.lang] },
  };
}

export async function renderAuthorizationPdf(input: AuthorizationInput): Promise<Buffer> {
  const t = createTranslator(input.content.lang);
  const names = { order: input.content.order.number, agent: input.agent.name, case: input.caseId };
  const markup = await renderTemplate(`authorization.${input.content.lang}.njk`, authorizationData(input));
  const writer = await PdfWriter.create(
    input.font,
    {
      title: t('doc.authorization.title', names),
      author: input.content.complainant.name,
      subject: t('doc.authorization.subject', names),
      creationDate: input.creationDate,
      lang: input.content.lang,
    },
    { label: t('doc.authorization.footer', names), lang: input.content.lang },
  );
  renderBlocks(writer, parseMarkup(markup), input.content.lang);
  return writer.finish();
}
