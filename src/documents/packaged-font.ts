import { existsSync } from 'node:fs';
import path from 'node:path';
import { installCommand, loadOptional } from '../optional.js';

/**
 * The CJK font shipped as an npm package (@embedpdf/fonts-sc: Noto Sans SC cut to GB2312, regular and bold
 * used here), for a machine with Node and no system CJK font. It is an optional peer dependency, not installed
 * by default (42 MB): without it, and without a system font, documents stop with the usual "no CJK font" advice
 * and the command that installs it.
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

/** The command that installs the packaged font when it is not installed (and not turned off), else undefined. */
export async function packagedFontInstall(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (env.WEIQUAN_PACKAGED_FONT === 'off') return undefined;
  return (await loadOptional(PACKAGED_FONT_PACKAGE)) ? undefined : installCommand(PACKAGED_FONT_PACKAGE);
}
