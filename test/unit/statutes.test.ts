import { describe, expect, it } from 'vitest';
import { citation, complaintRules, LAWS, lawInForce, NEW_COMPLAINT_MEASURES, quotationText, selectCitations, statute, STATUTES } from '../../src/core/legal/statutes.js';

const base = { promiseExceeded: false, instantPromise: false, contactedWithoutResult: false, day: '2026-11-24' };
const ids = (facts: Parameters<typeof selectCitations>[0]) => selectCitations(facts).map((c) => c.statute.id);

describe('statutes data', () => {
  it('has unique ids, a known law for each, and only verified entries', () => {
    expect(new Set(STATUTES.map((s) => s.id)).size).toBe(STATUTES.length);
    for (const s of STATUTES) {
      expect(LAWS[s.law]).toBeDefined();
      expect(s.verified).toBe(true);
      expect(s.article).toMatch(/^第[一二三四五六七八九十百零]+条(第[一二三四五六七八九十]+款)?$/);
      expect(s.quotation.length).toBeGreaterThan(0);
    }
  });

  it('forms citations exactly as documents print them', () => {
    expect(citation(statute('consumer-53'))).toBe('《中华人民共和国消费者权益保护法》第五十三条');
    expect(citation(statute('ecommerce-51-2'))).toBe('《中华人民共和国电子商务法》第五十一条第二款');
    expect(quotationText(statute('consumer-39'))).toBe('与经营者协商和解……请求消费者协会或者依法成立的其他调解组织调解……向有关行政部门投诉');
  });

  it('never carries an article of the new complaint measures', () => {
    expect(NEW_COMPLAINT_MEASURES.verified).toBe(false);
    expect(STATUTES.some((s) => LAWS[s.law].title === NEW_COMPLAINT_MEASURES.title)).toBe(false);
  });

  it('knows when a law applies', () => {
    expect(lawInForce(LAWS['complaint-measures-2022'], '2026-04-14')).toBe(true);
    expect(lawInForce(LAWS['complaint-measures-2022'], '2026-04-15')).toBe(false);
    expect(lawInForce(LAWS['e-commerce-law'], '2018-12-31')).toBe(false);
  });
});

describe('selectCitations', () => {
  it('always cites the prepaid rule, the records rules and the closing notice', () => {
    const picked = ids(base);
    expect(picked[0]).toBe('consumer-53');
    expect(picked).toEqual(expect.arrayContaining(['consumer-16', 'ecommerce-51-2', 'ecommerce-62', 'ecommerce-31', 'civil-563', 'consumer-39']));
    expect(picked).not.toContain('ecommerce-20');
  });

  it('cites 电子商务法第二十条 only when the promise was exceeded', () => {
    expect(ids({ ...base, promiseExceeded: true })).toContain('ecommerce-20');
  });

  it('cites 消法第二十条 and 电商法第十七条 for an exceeded "instant" promise only', () => {
    expect(ids({ ...base, promiseExceeded: true, instantPromise: true })).toEqual(expect.arrayContaining(['consumer-20', 'ecommerce-17']));
    expect(ids({ ...base, promiseExceeded: true })).not.toContain('consumer-20');
    expect(ids({ ...base, instantPromise: true })).not.toContain('ecommerce-17');
  });

  it('cites the right to know and the complaint mechanism when customer service stalled', () => {
    expect(ids({ ...base, contactedWithoutResult: true })).toEqual(expect.arrayContaining(['consumer-8', 'ecommerce-59']));
    expect(ids(base)).not.toContain('ecommerce-59');
  });

  it('never claims ×3 damages unless fraud is asserted', () => {
    expect(ids({ ...base, promiseExceeded: true, instantPromise: true, contactedWithoutResult: true })).not.toContain('consumer-55');
    expect(ids({ ...base, fraudAsserted: true })).toContain('consumer-55');
  });

  it('orders basis, then records, then notice', () => {
    const purposes = selectCitations({ ...base, promiseExceeded: true, contactedWithoutResult: true }).map((c) => c.purpose);
    const order = { basis: 0, records: 1, notice: 2 };
    expect([...purposes].sort((a, b) => order[a] - order[b])).toEqual(purposes);
  });
});

describe('complaintRules', () => {
  it('uses the interim measures with 第十条 before 2026-04-15', () => {
    const rules = complaintRules('2026-04-14');
    expect(rules.verified).toBe(true);
    expect(rules.authorisationArticle && citation(rules.authorisationArticle)).toBe('《市场监督管理投诉举报处理暂行办法》第十条');
  });

  it('names the new measures without an article from 2026-04-15', () => {
    const rules = complaintRules('2026-04-15');
    expect(rules).toEqual({ title: '市场监督管理投诉举报处理办法', verified: false });
  });
});
