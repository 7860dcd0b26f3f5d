/** A case as the store would fold it, for the deadline, stage and next-step tests. */
import type { Case, Contact, Filing, LetterSent } from '../../src/core/case-model.js';

export function makeCase(overrides: { order?: Partial<Case['order']>; contacts?: Array<Partial<Contact> & Pick<Contact, 'at'>>; filings?: Filing[]; lettersSent?: LetterSent[]; resolution?: Case['resolution']; evidence?: Case['evidence'] } = {}): Case {
  return {
    schemaVersion: 1,
    id: 'C1',
    createdAt: '2026-11-20T10:05:00+08:00',
    updatedAt: '2026-11-20T10:05:00+08:00',
    timeZone: 'Asia/Shanghai',
    platform: { name: '快充卡盟', url: 'https://kachong.example.com', company: '某某网络科技有限公司', companyAddress: '浙江省杭州市余杭区某某路 1 号' },
    order: {
      number: 'KM20261120001',
      product: '中国移动话费 100 元',
      category: 'phone',
      account: '13800138000',
      amountFen: 10000,
      paymentMethod: '支付宝',
      orderedAt: '2026-11-20T10:00:00+08:00',
      promise: '2h',
      status: '处理中',
      demand: '立即到账或全额退款',
      ...overrides.order,
    },
    contacts: (overrides.contacts ?? []).map((c, i) => ({
      id: `K${i + 1}`,
      channel: 'app-chat',
      evidence: [],
      recordedAt: c.at,
      ...c,
    })),
    evidence: overrides.evidence ?? [],
    filings: overrides.filings ?? [],
    lettersSent: overrides.lettersSent ?? [],
    stamps: [],
    documents: [],
    ...(overrides.resolution ? { resolution: overrides.resolution } : {}),
    journal: { seq: 1, head: '0'.repeat(64), bytes: 100 },
  };
}
