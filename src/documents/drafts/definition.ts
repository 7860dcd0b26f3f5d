import type { DraftContent } from '../../core/ladder/draft-content.js';
import type { DraftRoute } from '../../core/enums.js';
import type { Translate } from '../../ui/i18n.js';

/** What one route's document is: its template, its title and footer, its file name. One small module per route. */
export type DraftDefinition = {
  route: DraftRoute;
  /** file name stem in the case's out/ folder */
  fileStem: string;
  /** `t` is the translator in the draft's language */
  title(content: DraftContent, t: Translate): string;
  /** the PDF's subject line */
  subject(content: DraftContent, t: Translate): string;
};

export function templateName(route: DraftRoute, lang: 'zh' | 'en'): string {
  return `draft-${route}.${lang}.njk`;
}
