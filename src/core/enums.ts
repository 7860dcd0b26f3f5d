/**
 * The fixed vocabularies of a case, kept free of heavy imports so the CLI's start-up path (help text,
 * flag lists) can use them without loading the schema library.
 */
export const CATEGORIES = ['game', 'phone', 'data', 'membership', 'gift-card', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CONTACT_CHANNELS = ['app-chat', 'phone', 'wechat', 'qq', 'email', 'ticket-form', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** non-delivery: the carrier's or game operator's statement that nothing reached the account (电子商务法第五十一条第二款). */
export const EVIDENCE_KINDS = ['order-page', 'payment', 'rules', 'chat', 'call', 'non-delivery', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * The rungs after the platform a complaint can be filed with: the regulator (12315 / 市场监督管理局, the
 * default of `filed`), the payment channel, the consumer association, the telecom complaint centre (12300),
 * a court, the police.
 */
export const FILING_ROUTES = ['regulator', 'payment', 'consumer-association', 'telecom', 'court', 'police'] as const;
export type FilingRoute = (typeof FILING_ROUTES)[number];

/** The routes `draft --for` writes a document for (the regulator's is `bundle`). */
export const DRAFT_ROUTES = ['payment', 'consumer-association', 'telecom', 'court', 'police'] as const;
export type DraftRoute = (typeof DRAFT_ROUTES)[number];

/** How a written complaint was sent (`sent --channel`). */
export const SENT_CHANNELS = ['email', 'post', 'app'] as const;
export type SentChannel = (typeof SENT_CHANNELS)[number];

/** Whether the platform still operates; `vanished`: its site and customer service are gone. */
export const PLATFORM_STATUSES = ['operating', 'vanished'] as const;
export type PlatformStatus = (typeof PLATFORM_STATUSES)[number];

export const OUTCOMES = ['delivered', 'refunded', 'withdrawn', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The 12315 upload limit per file when no setting says otherwise (no official figure was found). */
export const DEFAULT_UPLOAD_LIMIT_MB = 5;

/** The 投诉事实 length the 12315 form is assumed to take (setting complaintFactsMax); a short version is given beyond it. */
export const DEFAULT_COMPLAINT_FACTS_LIMIT = 500;
