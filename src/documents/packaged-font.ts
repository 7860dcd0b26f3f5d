import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadOptional } from '../optional.js';

/**
 * The CJK font shipped as an npm package (@embedpdf/fonts-sc: Noto Sans SC cut to GB2312, regular and bold
 * used here), for a machine with Node and nothing else. It is an optional dependency: installed by default,
 * absent after `npm install --omit=optional`, and then documents stop with the usual "no CJK font" advice.
 * WEIQUAN_PACKAGED_FONT=off ignores it (to check what the system alone provides).
 */
export const PACKAGED_FONT_PACKAGE = '@embedpdf/fonts-sc';

export async function packagedFontFiles(env: NodeJS.ProcessEnv): Promise<{ regular: string; bold?: string } | undefined> {
  if (env.WEIQUAN_PACKAGED_FONT === 'off') return undefined;
  const entry = await loadOptional(PACKAGED_FONT_PACKAGE);
  if (!entry) return undefined;
  // the package's entry is dist/index.js; the font files sit beside it in fonts/
  const folder = path.join(path.dirname(entry), '..', 'fonts');
  const regular = path.join(folder, 'NotoSansHans-Regular.otf');
  const bold = path.join(folder, 'NotoSansHans-Bold.otf');
  if (!existsSync(regular)) return undefined;
  return { regular, ...(existsSync(bold) ? { bold } : {}) };
}
