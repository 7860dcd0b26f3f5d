/** Messages for the evidence area. Keep zh and en with the same keys. */
export const zh = {} as Record<string, string>;

export const en: Record<keyof typeof zh, string> = {};
