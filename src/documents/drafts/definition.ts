import type { DraftContent } from '../../core/ladder/draft-content.js';
import type { DraftRoute } from '../../core/enums.js';

/** What one route's document is: its template, its title and footer, its file name. One small module per route. */
export type DraftDefinition = {
  route: DraftRoute;
  /** file name stem in the case's out/ folder */
  fileStem: string;
  title(content: DraftContent): string;
  /** the PDF's subject line */
  subject(content: DraftContent): string;
};

export function templateName(route: DraftRoute, lang: 'zh' | 'en'): string {
  return `draft-${route}.${lang}.njk`;
}
