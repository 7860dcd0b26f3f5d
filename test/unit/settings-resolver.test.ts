import { describe, expect, it } from 'vitest';
import { type ResolvedSettings, resolveSettings, type SettingSources, withoutSettingsFile } from '../../src/core/settings.js';

const none: SettingSources = { flags: {}, env: {}, file: {} };
const sources = (overrides: Partial<SettingSources>): SettingSources => ({ ...none, ...overrides });

describe('one settings resolver: flags > environment > settings file > defaults', () => {
  it('with nothing given: the defaults', () => {
    expect(resolveSettings(none)).toEqual({
      lang: { value: 'en', from: 'default' },
      documentLang: { value: 'zh', from: 'default' },
      timeZone: { value: 'Asia/Shanghai', from: 'default' },
      uploadLimitMB: { value: 5, from: 'default' },
      complaintFactsMax: { value: 500, from: 'default' },
      autoStamp: { value: false, from: 'default' },
      captureDevice: { value: 'desktop', from: 'default' },
    } satisfies ResolvedSettings);
  });

  it.each<[string, Partial<SettingSources>, keyof ResolvedSettings, unknown]>([
    // the interface language: --lang > the lang setting > the locale > English
    ['lang from the locale', { localeLang: 'zh' }, 'lang', { value: 'zh', from: 'default' }],
    ['lang setting over the locale', { file: { lang: 'en' }, localeLang: 'zh' }, 'lang', { value: 'en', from: 'setting' }],
    ['--lang over the setting', { flags: { lang: 'zh' }, file: { lang: 'en' } }, 'lang', { value: 'zh', from: 'flag' }],
    ['a bad lang setting is passed over', { file: { lang: 'fr' }, localeLang: 'zh' }, 'lang', { value: 'zh', from: 'default' }],
    // documents: Chinese unless --lang says otherwise; the setting does not change them
    ['documents stay Chinese with lang=en set', { file: { lang: 'en' } }, 'documentLang', { value: 'zh', from: 'default' }],
    ['--lang en writes English documents', { flags: { lang: 'en' } }, 'documentLang', { value: 'en', from: 'flag' }],
    // time zone for new cases
    ['timeZone setting', { file: { timeZone: 'Europe/Berlin' } }, 'timeZone', { value: 'Europe/Berlin', from: 'setting' }],
    ['--time-zone over the setting', { flags: { timeZone: 'UTC' }, file: { timeZone: 'Europe/Berlin' } }, 'timeZone', { value: 'UTC', from: 'flag' }],
    ['a number where a zone belongs is passed over', { file: { timeZone: 8 } }, 'timeZone', { value: 'Asia/Shanghai', from: 'default' }],
    // browser: --browser > WEIQUAN_BROWSER > setting > (discovered at run time)
    ['browser setting', { file: { browser: '/opt/chrome' } }, 'browser', { value: '/opt/chrome', from: 'setting' }],
    ['WEIQUAN_BROWSER over the setting', { env: { browser: '/env/chrome' }, file: { browser: '/opt/chrome' } }, 'browser', { value: '/env/chrome', from: 'env' }],
    ['--browser over everything', { flags: { browser: '/flag/chrome' }, env: { browser: '/env/chrome' }, file: { browser: '/opt/chrome' } }, 'browser', { value: '/flag/chrome', from: 'flag' }],
    ['an empty WEIQUAN_BROWSER counts as unset', { env: { browser: '' }, file: { browser: '/opt/chrome' } }, 'browser', { value: '/opt/chrome', from: 'setting' }],
    ['no browser chosen: none', {}, 'browser', undefined],
    // font: --font > setting > (searched at run time)
    ['font setting', { file: { font: '/fonts/a.ttf' } }, 'font', { value: '/fonts/a.ttf', from: 'setting' }],
    ['--font over the setting', { flags: { font: '/fonts/b.otf' }, file: { font: '/fonts/a.ttf' } }, 'font', { value: '/fonts/b.otf', from: 'flag' }],
    ['an empty font setting counts as unset', { file: { font: '  ' } }, 'font', undefined],
    // working-day data file
    ['holidaysFile setting', { file: { holidaysFile: '/data/2027.json' } }, 'holidaysFile', { value: '/data/2027.json', from: 'setting' }],
    // 12315 upload limit
    ['uploadLimitMB setting', { file: { uploadLimitMB: 10 } }, 'uploadLimitMB', { value: 10, from: 'setting' }],
    ['a non-positive limit is passed over', { file: { uploadLimitMB: 0 } }, 'uploadLimitMB', { value: 5, from: 'default' }],
    ['a limit written as text is passed over', { file: { uploadLimitMB: '10' } }, 'uploadLimitMB', { value: 5, from: 'default' }],
    // the length of 投诉事实 the 12315 form takes
    ['complaintFactsMax setting', { file: { complaintFactsMax: 800 } }, 'complaintFactsMax', { value: 800, from: 'setting' }],
    ['a complaintFactsMax out of range is passed over', { file: { complaintFactsMax: 50 } }, 'complaintFactsMax', { value: 500, from: 'default' }],
    // time-stamp authorities: none unless named; stamping after intake only when switched on
    ['tsa setting', { file: { tsa: 'http://tsa.example/ http://b.example/' } }, 'tsa', { value: 'http://tsa.example/ http://b.example/', from: 'setting' }],
    ['no tsa: none is contacted', {}, 'tsa', undefined],
    ['autoStamp setting', { file: { autoStamp: true } }, 'autoStamp', { value: true, from: 'setting' }],
    ['autoStamp written as text is passed over', { file: { autoStamp: 'true' } }, 'autoStamp', { value: false, from: 'default' }],
    // what capture loads pages as (capture --device wins for its run, in the capture plan)
    ['captureDevice setting', { file: { captureDevice: 'phone' } }, 'captureDevice', { value: 'phone', from: 'setting' }],
    ['a captureDevice that is no device is passed over', { file: { captureDevice: 'tablet' } }, 'captureDevice', { value: 'desktop', from: 'default' }],
  ])('%s', (_name, given, key, expected) => {
    expect(resolveSettings(sources(given))[key]).toEqual(expected);
  });

  it('for a home without the user settings file (the demo), the file choices give way; flags and environment stay', () => {
    const resolved = resolveSettings(
      sources({
        flags: { font: '/fonts/b.otf', lang: 'zh' },
        env: { browser: '/env/chrome' },
        file: { lang: 'en', timeZone: 'Europe/Berlin', holidaysFile: '/data/2027.json', uploadLimitMB: 10, browser: '/opt/chrome', tsa: 'http://tsa.example/', autoStamp: true, captureDevice: 'phone' },
      }),
    );
    expect(withoutSettingsFile(resolved)).toEqual({
      lang: { value: 'zh', from: 'flag' },
      documentLang: { value: 'zh', from: 'flag' },
      timeZone: { value: 'Asia/Shanghai', from: 'default' },
      browser: { value: '/env/chrome', from: 'env' },
      font: { value: '/fonts/b.otf', from: 'flag' },
      uploadLimitMB: { value: 5, from: 'default' },
      complaintFactsMax: { value: 500, from: 'default' },
      autoStamp: { value: false, from: 'default' },
      captureDevice: { value: 'desktop', from: 'default' },
    } satisfies ResolvedSettings);
  });
});

describe('the context carries the resolved settings', () => {
  it('reads the data home settings file once, with the flags and WEIQUAN_BROWSER over it', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { PassThrough } = await import('node:stream');
    const { createContext } = await import('../../src/context.js');
    const home = await mkdtemp(path.join(os.tmpdir(), 'weiquan-settings-'));
    try {
      await writeFile(path.join(home, 'config.json'), JSON.stringify({ settings: { lang: 'zh', timeZone: 'Europe/Berlin', browser: '/opt/chrome', font: '/fonts/a.ttf', uploadLimitMB: 8 } }));
      const io = { env: { WEIQUAN_HOME: home, WEIQUAN_BROWSER: '/env/chrome', LANG: 'en_US.UTF-8' }, stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
      const context = createContext({ font: '/fonts/b.otf' }, io);
      expect(context.config).toMatchObject({
        lang: { value: 'zh', from: 'setting' },
        timeZone: { value: 'Europe/Berlin', from: 'setting' },
        browser: { value: '/env/chrome', from: 'env' },
        font: { value: '/fonts/b.otf', from: 'flag' },
        uploadLimitMB: { value: 8, from: 'setting' },
      });
      // the interface is Chinese (setting); the documents' translator stays Chinese too, and --lang en turns both
      expect(context.t('order.demand.default')).toBe(context.documentT('order.demand.default'));
      const english = createContext({ lang: 'en' }, io);
      expect(english.documentLang).toBe('en');
      expect(english.documentT('order.demand.default')).not.toBe(context.documentT('order.demand.default'));
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
