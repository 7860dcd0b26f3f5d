import { describe, expect, it } from 'vitest';
import { applyEntry, diffFields, type JournalEntry } from '../../src/core/case-events.js';
import { CaseSchema, nextId } from '../../src/core/case-model.js';
import { checkChain, GENESIS_HASH, sealEntry } from '../../src/core/journal-chain.js';
import { buildCaseFacts, missingRequired } from '../../src/core/order-fields.js';
import { InputError } from '../../src/errors.js';
import { areaCatalogues } from '../../src/ui/messages/index.js';
import { createTranslator, interpolate, languageFromEnvironment } from '../../src/ui/i18n.js';

const environment = { zone: 'Asia/Shanghai', now: new Date('2026-11-24T04:00:00Z') };
const defaults = { demand: '退款', status: '处理中' };
const complete = {
  platform: '快充卡盟',
  order: 'KM1',
  product: '话费 100 元',
  category: '话费',
  account: '13800138000',
  amount: '¥100',
  'payment-method': '支付宝',
  'ordered-at': '2026-11-20 10:00',
};

describe('building a case from flags', () => {
  it('names every missing required flag at once, in wizard order', () => {
    expect(missingRequired({})).toEqual(['--platform', '--order', '--product', '--category', '--account', '--amount', '--payment-method', '--ordered-at']);
    expect(missingRequired({ ...complete, amount: '  ' })).toEqual(['--amount']);
  });

  it('fills defaults: promise none, status and demand from the caller', () => {
    const facts = buildCaseFacts(complete, environment, defaults);
    expect(facts.order).toMatchObject({ amountFen: 10000, category: 'phone', promise: 'none', status: '处理中', demand: '退款', orderedAt: '2026-11-20T10:00:00+08:00' });
    expect(facts.platform).toEqual({ name: '快充卡盟' });
    expect(facts.timeZone).toBe('Asia/Shanghai');
  });

  it('reports the flag with a bad value', () => {
    try {
      buildCaseFacts({ ...complete, 'platform-url': 'javascript:alert(1)' }, environment, defaults);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).key).toBe('input.url.scheme');
      expect((error as InputError).params.flag).toBe('--platform-url');
    }
  });
});

describe('events and the journal chain', () => {
  const facts = buildCaseFacts(complete, environment, defaults);
  const first = sealEntry(1, '2026-11-24T04:00:00.000Z', 'case.created', { id: 'C1', ...facts }, GENESIS_HASH);
  const second = sealEntry(2, '2026-11-24T04:05:00.000Z', 'case.edited', { changes: { 'order.amountFen': 9950, 'platform.url': 'https://a.example/' } }, first.hash);
  const third = sealEntry(3, '2026-11-24T04:06:00.000Z', 'case.edited', { changes: { 'platform.url': null } }, second.hash);

  it('folds events into a valid case', () => {
    let state = applyEntry(undefined, first, 100);
    state = applyEntry(state, second, 200);
    expect(state.order.amountFen).toBe(9950);
    expect(state.platform.url).toBe('https://a.example/');
    state = applyEntry(state, third, 300);
    expect(state.platform.url).toBeUndefined();
    expect(state.journal).toEqual({ seq: 3, head: third.hash, bytes: 300 });
    expect(CaseSchema.safeParse(state).success).toBe(true);
  });

  it('accepts an intact chain and pinpoints tampering', () => {
    expect(checkChain([first, second, third])).toEqual([]);
    const edited: JournalEntry = { ...second, data: { changes: { 'order.amountFen': 1 } } };
    expect(checkChain([first, edited, third]).map((p) => p.problem)).toEqual(['bad-hash']);
    expect(checkChain([first, third]).map((p) => p.problem)).toEqual(['bad-seq', 'bad-prev']);
  });

  it('diffs only the fields that change', () => {
    const state = applyEntry(undefined, first, 1);
    expect(diffFields(state, { 'order.amountFen': 10000, 'order.status': '已到账', 'platform.url': null })).toEqual({ 'order.status': '已到账' });
  });

  it('numbers ids in a series', () => {
    expect(nextId([], 'E')).toBe('E1');
    expect(nextId(['E1', 'E9', 'E10', 'K3'], 'E')).toBe('E11');
  });
});

describe('message catalogue', () => {
  it('has the same keys in Chinese and English in every area', () => {
    for (const area of areaCatalogues) expect(Object.keys(area.en).sort()).toEqual(Object.keys(area.zh).sort());
  });

  it('uses every placeholder in both languages', () => {
    for (const area of areaCatalogues) {
      for (const [key, zh] of Object.entries(area.zh)) {
        const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(names((area.en as Record<string, string>)[key]!), key).toEqual(names(zh));
      }
    }
  });

  it('chooses Chinese for zh locales and English otherwise', () => {
    expect(languageFromEnvironment({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(languageFromEnvironment({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(languageFromEnvironment({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(languageFromEnvironment({}, '')).toBeUndefined();
    // no locale variables (Windows, macOS GUIs) or the neutral C locale: the system locale from Intl decides
    expect(languageFromEnvironment({}, 'zh-CN')).toBe('zh');
    expect(languageFromEnvironment({ LANG: '' }, 'zh-Hans-CN')).toBe('zh');
    expect(languageFromEnvironment({ LANG: 'C.UTF-8' }, 'zh-TW')).toBe('zh');
    expect(languageFromEnvironment({}, 'en-US')).toBe('en');
    // Traditional Chinese locales get Chinese too
    expect(languageFromEnvironment({ LANG: 'zh_TW.UTF-8' }, 'en-US')).toBe('zh');
    expect(languageFromEnvironment({ LC_MESSAGES: 'zh_HK.UTF-8' }, 'en-US')).toBe('zh');
    expect(languageFromEnvironment({ LANG: 'en_GB.UTF-8' }, 'zh-CN')).toBe('en'); // a set locale wins over Intl
  });

  it('interpolates and falls back to the key', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(createTranslator('zh')('no.such.key')).toBe('no.such.key');
    expect(createTranslator('zh')('input.missingFlags', { flags: '--order' })).toBe('缺少必填项：--order');
  });
});
