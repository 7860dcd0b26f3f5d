import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvironmentError, InputError } from '../errors.js';
import { packagedFontFiles, packagedFontInstall } from './packaged-font.js';

/**
 * Finding a font that can set Chinese. Precedence: --font FILE, then the `font` setting, then the fonts
 * installed on the system (Noto CJK / Source Han, WenQuanYi, PingFang, Hiragino, Microsoft YaHei, SimSun …).
 * WEIQUAN_FONT_DIRS (path-delimited) replaces the system font folders: for unusual layouts and for tests.
 */

/** One face inside a font file; `postscriptName` picks the face inside a collection (.ttc). */
export type FontFace = { file: string; postscriptName?: string };

/** Where the font came from: --font, the `font` setting, the system's font folders, or the packaged fallback. */
export type FontOrigin = 'flag' | 'setting' | 'system' | 'packaged';

/** The sans face (headings, labels; the body too when no serif was found) and, when found, a serif body face. */
export type ChosenFont = { regular: FontFace; bold?: FontFace; serif?: FontFace; buffers: { regular: Buffer; bold?: Buffer; serif?: Buffer }; label: string; origin?: FontOrigin };

/** Known CJK font files, best first. The pattern matches the file name; `faces` ranks the faces of a collection. */
const KNOWN_FONTS: readonly { pattern: RegExp; bold?: RegExp }[] = [
  { pattern: /^NotoSansCJK-Regular\.tt[cf]$/i, bold: /^NotoSansCJK-Bold\.tt[cf]$/i },
  { pattern: /^NotoSansCJK(sc|SC)-Regular\.otf$/, bold: /^NotoSansCJK(sc|SC)-Bold\.otf$/ },
  { pattern: /^NotoSansSC-Regular\.(otf|ttf)$/i, bold: /^NotoSansSC-Bold\.(otf|ttf)$/i },
  { pattern: /^SourceHanSans(SC|CN)?-Regular\.(otf|ttc)$/i, bold: /^SourceHanSans(SC|CN)?-Bold\.(otf|ttc)$/i },
  { pattern: /^NotoSerifCJK-Regular\.tt[cf]$/i, bold: /^NotoSerifCJK-Bold\.tt[cf]$/i },
  { pattern: /^wqy-microhei\.tt[cf]$/i },
  { pattern: /^wqy-zenhei\.tt[cf]$/i },
  { pattern: /^PingFang\.ttc$/i },
  { pattern: /^Hiragino Sans GB\.ttc$/i },
  { pattern: /^STHeiti (Light|Medium)\.ttc$/i },
  { pattern: /^Songti\.ttc$/i },
  { pattern: /^msyh\.tt[cf]$/i, bold: /^msyhbd\.tt[cf]$/i },
  { pattern: /^(simsun|simhei|Deng)\.tt[cf]$/i },
  { pattern: /^(DroidSansFallbackFull|DroidSansFallback)\.ttf$/i },
  { pattern: /^AR ?PL ?UMing.*\.tt[cf]$/i },
  { pattern: /^(uming|ukai)\.tt[cf]$/i },
];

/** Known serif (宋体 / 明体) CJK faces for the body of formal documents, best first. */
const KNOWN_SERIF_FONTS: readonly RegExp[] = [
  /^NotoSerifCJK-Regular\.tt[cf]$/i,
  /^NotoSerifCJK(sc|SC)-Regular\.otf$/,
  /^NotoSerifSC-Regular\.(otf|ttf)$/i,
  /^SourceHanSerif(SC|CN)?-Regular\.(otf|ttc)$/i,
  /^Songti\.ttc$/i,
  /^(simsun|STSong|STSONG)\.tt[cf]$/i,
  /^(uming|AR ?PL ?UMing.*)\.tt[cf]$/i,
];

/** File names that suggest a Chinese font not in the list above. */
const LIKELY_CJK = /cjk|[-_ ]sc[-_.]|gb|hei|song|kai|ming|hans|wqy|yahei|fang|droid|zh|chinese/i;

/** Faces in a collection, in order of preference: Simplified Chinese first. */
const FACE_PREFERENCE = [/CJKsc|SansSC|SerifSC|SC-|-SC|GB|CN|Hans|YaHei|SimSun|SimHei|PingFangSC|MicroHei|ZenHei/i, /CJKtc|TC|HK/i];

/** The system's font folders for this platform. */
export function systemFontDirs(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string[] {
  const override = env.WEIQUAN_FONT_DIRS;
  if (override !== undefined) return override.split(path.delimiter).filter((d) => d.trim() !== '');
  const home = env.HOME ?? os.homedir();
  if (platform === 'darwin') {
    return ['/System/Library/Fonts', '/System/Library/Fonts/Supplemental', '/Library/Fonts', path.join(home, 'Library', 'Fonts')];
  }
  if (platform === 'win32') {
    const windows = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
    const local = env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local');
    return [path.join(windows, 'Fonts'), path.join(local, 'Microsoft', 'Windows', 'Fonts')];
  }
  const dataHome = env.XDG_DATA_HOME ?? path.join(home, '.local', 'share');
  return ['/usr/share/fonts', '/usr/local/share/fonts', path.join(dataHome, 'fonts'), path.join(home, '.fonts')];
}

/** Font files under the folders, a few levels deep (fonts live in vendor sub-folders on Linux). */
export function listFontFiles(dirs: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < 4) walk(full, depth + 1);
      else if (/\.(ttc|ttf|otf)$/i.test(entry.name)) found.push(full);
      if (found.length > 20_000) return;
    }
  };
  for (const dir of dirs) walk(dir, 0);
  return found;
}

/** The file name and folder of a path written with either separator (fonts are listed per platform). */
const baseName = (file: string) => file.split(/[\\/]/).at(-1) ?? file;
const folderOf = (file: string) => file.slice(0, file.length - baseName(file).length);

/** The best known CJK font among the files, with its bold sibling when one exists. */
export function pickKnownFont(files: readonly string[]): { regular: string; bold?: string } | undefined {
  for (const known of KNOWN_FONTS) {
    const regular = files.find((f) => known.pattern.test(baseName(f)));
    if (!regular) continue;
    const bold = known.bold ? files.find((f) => folderOf(f) === folderOf(regular) && known.bold!.test(baseName(f))) : undefined;
    return { regular, ...(bold ? { bold } : {}) };
  }
  return undefined;
}

type FontkitModule = typeof import('fontkit');

/** Choose the face of a font file that sets Chinese; undefined when none does. */
function chineseFace(fontkit: FontkitModule, buffer: Buffer, file: string): FontFace | undefined {
  let opened: ReturnType<FontkitModule['create']>;
  try {
    opened = fontkit.create(buffer);
  } catch {
    return undefined;
  }
  const setsChinese = (font: import('fontkit').Font) => font.hasGlyphForCodePoint(0x4e2d) && font.hasGlyphForCodePoint(0x3002);
  if ('fonts' in opened) {
    const faces = opened.fonts.filter((f) => !/Mono/i.test(f.postscriptName));
    for (const preference of [...FACE_PREFERENCE, /./]) {
      const face = faces.find((f) => preference.test(f.postscriptName) && setsChinese(f));
      if (face) return { file, postscriptName: face.postscriptName };
    }
    return undefined;
  }
  return setsChinese(opened) ? { file } : undefined;
}

export type FontRequest = {
  /** --font FILE */
  flag?: string;
  /** the `font` setting */
  setting?: string;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
};

/**
 * Find and read a CJK font. An explicit file that is missing or cannot set Chinese is bad input (exit 2);
 * no usable font on the system is an environment problem (exit 3) with install advice for this platform.
 */
export async function findCjkFont(request: FontRequest): Promise<ChosenFont> {
  const fontkit = (await import('fontkit')) as FontkitModule;
  const explicit = request.flag ?? request.setting;
  if (explicit !== undefined) {
    const file = path.resolve(explicit);
    const source = request.flag !== undefined ? '--font' : 'font';
    if (!existsSync(file) || !statSync(file).isFile()) throw new InputError('documents.font.missingFile', { file, source });
    const buffer = readFileSync(file);
    const face = chineseFace(fontkit, buffer, file);
    if (!face) throw new InputError('documents.font.notChinese', { file, source });
    return { regular: face, buffers: { regular: buffer }, label: describe(face), origin: request.flag !== undefined ? 'flag' : 'setting' };
  }
  const files = listFontFiles(systemFontDirs(request.env, request.platform));
  const known = pickKnownFont(files);
  if (known) {
    const buffer = readFileSync(known.regular);
    const face = chineseFace(fontkit, buffer, known.regular);
    if (face) {
      const chosen: ChosenFont = { regular: face, buffers: { regular: buffer }, label: describe(face), origin: 'system' };
      const serif = findSerif(fontkit, files);
      if (serif) Object.assign(chosen, { serif: serif.face, buffers: { ...chosen.buffers, serif: serif.buffer }, label: `${chosen.label}; ${describe(serif.face)}` });
      if (known.bold) {
        const boldBuffer = readFileSync(known.bold);
        const boldFace = chineseFace(fontkit, boldBuffer, known.bold);
        if (boldFace) Object.assign(chosen, { bold: boldFace, buffers: { ...chosen.buffers, bold: boldBuffer } });
      }
      return chosen;
    }
  }
  // last resort: other files whose names suggest a Chinese face, checked for the glyphs themselves
  for (const file of files.filter((f) => LIKELY_CJK.test(path.basename(f))).slice(0, 12)) {
    try {
      const buffer = readFileSync(file);
      const face = chineseFace(fontkit, buffer, file);
      if (face) return { regular: face, buffers: { regular: buffer }, label: describe(face), origin: 'system' };
    } catch {
      // unreadable file: try the next
    }
  }
  // nothing on the system: the font shipped as an (optional) npm package, so a machine with only Node works
  const packaged = await packagedFontFiles(request.env);
  if (packaged) {
    const buffer = readFileSync(packaged.regular);
    const face = chineseFace(fontkit, buffer, packaged.regular);
    if (face) {
      const chosen: ChosenFont = { regular: face, buffers: { regular: buffer }, label: describe(face), origin: 'packaged' };
      const boldBuffer = packaged.bold ? readFileSync(packaged.bold) : undefined;
      const boldFace = boldBuffer && packaged.bold ? chineseFace(fontkit, boldBuffer, packaged.bold) : undefined;
      if (boldFace && boldBuffer) Object.assign(chosen, { bold: boldFace, buffers: { regular: buffer, bold: boldBuffer } });
      return chosen;
    }
  }
  const install = await packagedFontInstall(request.env);
  const hint = `documents.font.install.${adviceKey(request.platform ?? process.platform)}`;
  if (install) throw new EnvironmentError('documents.font.noneNorPackaged', { command: install }, hint);
  throw new EnvironmentError('documents.font.none', {}, hint);
}

/** The best known serif CJK face among the files (the sans stays the body face when there is none). */
function findSerif(fontkit: FontkitModule, files: readonly string[]): { face: FontFace; buffer: Buffer } | undefined {
  for (const pattern of KNOWN_SERIF_FONTS) {
    const file = files.find((f) => pattern.test(baseName(f)));
    if (!file) continue;
    try {
      const buffer = readFileSync(file);
      const face = chineseFace(fontkit, buffer, file);
      if (face) return { face, buffer };
    } catch {
      // unreadable: try the next
    }
  }
  return undefined;
}

function adviceKey(platform: NodeJS.Platform): 'linux' | 'darwin' | 'win32' {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

function describe(face: FontFace): string {
  return face.postscriptName ? `${face.postscriptName} (${face.file})` : face.file;
}
