import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { AppError } from '../../platform/errors.js';

/** One face of a font file; a collection (`.ttc`) needs the face's PostScript name. */
export interface FontFace {
  file: string;
  postscriptName: string | undefined;
}

export interface CjkFonts {
  regular: FontFace;
  /** The bold sibling of the regular file when there is one (headers), else the regular face. */
  bold: FontFace;
}

export type CjkFontLookup = { isFound: true; fonts: CjkFonts } | { isFound: false; looked: string[] };

/**
 * Where distributions put Noto Sans CJK: Debian/Ubuntu `fonts-noto-cjk` first (what CI and the
 * deployment guide install), then Arch `noto-fonts-cjk` and Fedora `google-noto-sans-cjk-ttc-fonts`.
 */
const knownLocations = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc',
];

/** The Simplified Chinese face of the Noto collections: same glyph shapes as printed government forms. */
const notoScRegular = 'NotoSansCJKsc-Regular';

/** `file.ttc#PostScriptName` → its parts; a Noto Sans CJK collection defaults to its SC face. */
function parseFontSetting(setting: string): FontFace {
  const hash = setting.lastIndexOf('#');
  const file = hash > 0 ? setting.slice(0, hash) : setting;
  const named = hash > 0 ? setting.slice(hash + 1) : undefined;
  const isNotoCollection = /NotoSansCJK-Regular\.ttc$/i.test(file);
  return { file, postscriptName: named || (isNotoCollection ? notoScRegular : undefined) };
}

/** `…-Regular.ttc` → `…-Bold.ttc` beside it (name `…-Regular` → `…-Bold`), when that file exists. */
function boldSibling(regular: FontFace): FontFace {
  const boldFile = path.join(path.dirname(regular.file), path.basename(regular.file).replace(/Regular/, 'Bold'));
  if (boldFile === regular.file || !isReadableFile(boldFile)) return regular;
  return { file: boldFile, postscriptName: regular.postscriptName?.replace(/Regular$/, 'Bold') };
}

function isReadableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds the CJK font once, at start-up: `WANGGE_CJK_FONT` when set (nothing else is tried then, so a
 * typo is not hidden by a fallback), otherwise the known Noto Sans CJK locations.
 */
export function findCjkFonts(config: Pick<Config, 'cjkFont'>): CjkFontLookup {
  const candidates = config.cjkFont ? [parseFontSetting(config.cjkFont)] : knownLocations.map(parseFontSetting);
  const regular = candidates.find((c) => isReadableFile(c.file));
  if (!regular) return { isFound: false, looked: candidates.map((c) => c.file) };
  return { isFound: true, fonts: { regular, bold: boldSibling(regular) } };
}

/** 503 for every PDF while no font is installed: the answer names the package and the setting. */
export function requireCjkFonts(lookup: CjkFontLookup): CjkFonts {
  if (lookup.isFound) return lookup.fonts;
  throw fontUnavailable(`looked for ${lookup.looked.join(', ')}`);
}

export function fontUnavailable(why: string): AppError {
  return new AppError('UNAVAILABLE', {
    detail: {
      zh: `服务器未安装中文字体，无法生成联系卡 PDF。请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），或用 WANGGE_CJK_FONT 指定字体文件（${why}）`,
      en: `No CJK font is installed, so the contact-card PDF cannot be made. Install fonts-noto-cjk (apt-get install fonts-noto-cjk) or point WANGGE_CJK_FONT at a font file (${why})`,
    },
    extra: { package: 'fonts-noto-cjk', setting: 'WANGGE_CJK_FONT' },
  });
}
