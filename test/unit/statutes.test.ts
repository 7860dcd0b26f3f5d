import { describe, expect, it } from 'vitest';
import { articleText } from '../../src/core/legal/article-texts.js';
import { LEGAL_CLOCKS } from '../../src/core/legal/clocks.js';
import { citation, type CitationFacts, complaintRules, LAWS, lawInForce, NEW_COMPLAINT_MEASURES, quotationText, selectCitations, statute, STATUTES } from '../../src/core/legal/statutes.js';

const base: CitationFacts = { promiseKind: 'none', promiseExceeded: false, day: '2026-11-24' };
const ids = (facts: Parameters<typeof selectCitations>[0]) => selectCitations(facts).map((c) => c.statute.id);

describe('statutes data', () => {
  it('has unique ids, a known law for each, and only verified entries', () => {
    expect(new Set(STATUTES.map((s) => s.id)).size).toBe(STATUTES.length);
    for (const s of STATUTES) {
      expect(LAWS[s.law]).toBeDefined();
      expect(s.verified).toBe(true);
      expect(s.article).toMatch(/^第[一二三四五六七八九十百零]+条(第[一二三四五六七八九十]+款)?(第（[一二三四五六七八九十]+）项)?$/);
      expect(s.quotation.length).toBeGreaterThan(0);
    }
  });

  it('forms citations exactly as documents print them', () => {
    expect(citation(statute('consumer-53'))).toBe('《中华人民共和国消费者权益保护法》第五十三条');
    expect(citation(statute('ecommerce-51-2'))).toBe('《中华人民共和国电子商务法》第五十一条第二款');
    expect(quotationText(statute('consumer-39'))).toBe('……与经营者协商和解……请求消费者协会或者依法成立的其他调解组织调解……向有关行政部门投诉……');
    expect(quotationText(statute('consumer-53'))).toBe(articleText('consumer-law', '第五十三条'));
    expect(quotationText(statute('ecommerce-20')).endsWith('……')).toBe(true);
  });

  it('quotes every verbatim excerpt character for character from the article text, and marks a cut with ……', () => {
    for (const s of STATUTES.filter((x) => x.quotationKind === 'verbatim')) {
      const full = articleText(s.law, s.article);
      expect(full, `${s.id} has its article text`).toBeDefined();
      let from = 0;
      for (const segment of s.quotation) {
        const at = full!.indexOf(segment, from);
        expect(at, `${s.id}: "${segment}" is in ${s.article}`).toBeGreaterThanOrEqual(0);
        from = at + segment.length;
      }
      const printed = quotationText(s);
      expect(printed.endsWith('……'), `${s.id} ends with …… exactly when cut`).toBe(!full!.endsWith(s.quotation.at(-1)!));
      expect(printed.startsWith('……'), `${s.id} starts with …… exactly when cut`).toBe(!full!.startsWith(s.quotation[0]!));
    }
  });

  it('quotes the legal clocks verbatim (or marks them as reported paraphrase)', () => {
    const lawOf: Record<string, 'consumer-law' | 'complaint-measures-2022'> = { 中华人民共和国消费者权益保护法: 'consumer-law', 市场监督管理投诉举报处理暂行办法: 'complaint-measures-2022' };
    for (const clock of LEGAL_CLOCKS) {
      if (!clock.verified) {
        expect(clock.quoteKind).toBe('paraphrase');
        expect(clock.article).toBeUndefined();
        expect(clock.quote).toMatch(/报道/);
        continue;
      }
      expect(clock.quoteKind).toBe('verbatim');
      const full = articleText(lawOf[clock.law]!, clock.article!)!;
      const segments = clock.quote.split('……').filter(Boolean);
      for (const segment of segments) expect(full, `${clock.id}: "${segment}"`).toContain(segment);
      expect(clock.quote.endsWith('……')).toBe(!full.endsWith(segments.at(-1)!));
    }
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
  const cases: Array<[string, Partial<CitationFacts>, string[], string[]]> = [
    ['no promise: the default basis without 电子商务法第二十条', {}, ['consumer-53', 'ecommerce-51-2', 'ecommerce-62', 'consumer-39'], ['ecommerce-20', 'consumer-16', 'civil-563', 'ecommerce-31']],
    ['a promised time: 电子商务法第二十条', { promiseKind: 'within', promiseExceeded: true }, ['consumer-53', 'ecommerce-20', 'ecommerce-51-2', 'ecommerce-62', 'consumer-39'], ['consumer-20', 'ecommerce-17']],
    ['an exceeded 秒充: 消法第二十条 and 电商法第十七条', { promiseKind: 'instant', promiseExceeded: true }, ['consumer-20', 'ecommerce-17', 'ecommerce-20'], []],
    ['a 秒充 not yet exceeded: no false-promotion articles', { promiseKind: 'instant' }, ['ecommerce-20'], ['consumer-20', 'ecommerce-17']],
    ['no cause given: the right to know', { noCauseGiven: true }, ['consumer-8'], ['ecommerce-59']],
    ['stalled customer service: the complaint mechanism', { stalledContacts: true }, ['ecommerce-59'], ['consumer-8']],
    ['a platform operator: keep the records (第三十一条)', { platformKind: 'platform' }, ['ecommerce-31'], ['consumer-44']],
    ['a shop on a platform: 第四十四条', { platformKind: 'shop-on-platform' }, ['consumer-44'], ['ecommerce-31']],
    ['self-run: neither', { platformKind: 'self-run' }, [], ['consumer-44', 'ecommerce-31']],
    ['fraud with grounds: ×3', { fraudAsserted: true }, ['consumer-55'], []],
    ['too early: no notice, no records demand', { promiseKind: 'within', tooEarly: true }, ['consumer-53', 'ecommerce-20'], ['consumer-39', 'ecommerce-62', 'consumer-55']],
  ];
  it.each(cases)('%s', (_name, facts, present, absent) => {
    const picked = ids({ ...base, ...facts });
    expect(picked[0]).toBe('consumer-53');
    expect(picked).toEqual(expect.arrayContaining(present));
    for (const id of absent) expect(picked).not.toContain(id);
  });

  it('cites at most five articles in a default letter', () => {
    expect(ids(base).length).toBeLessThanOrEqual(5);
    expect(ids({ ...base, promiseKind: 'within', promiseExceeded: true }).length).toBeLessThanOrEqual(5);
  });

  it('never claims ×3 damages unless fraud is asserted', () => {
    expect(ids({ ...base, promiseKind: 'instant', promiseExceeded: true, stalledContacts: true, noCauseGiven: true })).not.toContain('consumer-55');
  });

  it('orders basis, then records, then notice', () => {
    const purposes = selectCitations({ ...base, promiseKind: 'within', promiseExceeded: true, stalledContacts: true, platformKind: 'platform' }).map((c) => c.purpose);
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
