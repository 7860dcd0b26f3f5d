/**
 * The fixed vocabularies of a case, kept free of heavy imports so the CLI's start-up path (help text,
 * flag lists) can use them without loading the schema library.
 */
export const CATEGORIES = ['game', 'phone', 'data', 'membership', 'gift-card', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CONTACT_CHANNELS = ['app-chat', 'phone', 'wechat', 'qq', 'email', 'ticket-form', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const EVIDENCE_KINDS = ['order-page', 'payment', 'rules', 'chat', 'call', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const OUTCOMES = ['delivered', 'refunded', 'withdrawn', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The 12315 upload limit per file when no setting says otherwise (no official figure was found). */
export const DEFAULT_UPLOAD_LIMIT_MB = 5;
