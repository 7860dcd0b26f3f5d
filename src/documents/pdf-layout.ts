/**
 * The page geometry and the shapes shared by the PDF writer and its helpers (tables, text blocks, page
 * furniture): A4, the margins, the body size and leading, and the types callers pass in.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;

export const MARGIN = { top: 62, bottom: 70, left: 64, right: 64 } as const;
export const BODY_SIZE = 11;
export const LINE_FACTOR = 1.62;

export type DocumentMeta = {
  title: string;
  author: string;
  subject: string;
  keywords?: string;
  creationDate: Date;
  lang: 'zh' | 'en';
};

export type FooterOptions = { label: string; lang: 'zh' | 'en' };

export type Align = 'left' | 'center' | 'right';

export type TextStyle = { size?: number; bold?: boolean; sans?: boolean; align?: Align; color?: string; indentFirstLine?: number; indent?: number; lineGap?: number };

export type TableColumn = { header: string; width: number; align?: Align };

/** A place on a page that is filled in later (e.g. an evidence list's page numbers). */
export type Slot = { page: number; x: number; y: number; width: number; size: number; align: Align };
