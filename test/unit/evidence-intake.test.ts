import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/core/case-model.js';
import { safeFileName } from '../../src/evidence/import-file.js';
import { listEvidence } from '../../src/evidence/index.js';
import { defaultProvesKey, guessKindFromMime, parseEvidenceKind } from '../../src/evidence/kinds.js';
import { extensionDisagrees, sniffFileType } from '../../src/evidence/sniff.js';
import { createTranslator } from '../../src/ui/i18n.js';

describe('evidence kinds', () => {
  it('parses kinds and has a default 证明目的 for each, in both languages', () => {
    for (const kind of ['order-page', 'payment', 'rules', 'chat', 'call', 'other'] as const) {
      expect(parseEvidenceKind(kind.toUpperCase())).toBe(kind);
      for (const lang of ['zh', 'en'] as const) {
        const text = createTranslator(lang)(defaultProvesKey(kind));
        expect(text).not.toBe(defaultProvesKey(kind));
        expect(text.length).toBeGreaterThan(10);
      }
    }
    expect(createTranslator('zh')(defaultProvesKey('order-page'))).toContain('处理中');
    expect(() => parseEvidenceKind('screenshot')).toThrow(/evidence.kind.invalid/);
    expect(guessKindFromMime('audio/mpeg')).toBe('call');
    expect(guessKindFromMime('image/png')).toBe('other');
  });
});

describe('file names and types', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'weiquan-sniff-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes names safe on every OS and keeps the extension', () => {
    expect(safeFileName('支付宝 账单:2026/11?.png')).toBe('11_.png');
    expect(safeFileName('C:\\Users\\li\\微信 聊天记录.txt')).toBe('微信 聊天记录.txt');
    expect(safeFileName('con.txt')).toBe('_con.txt');
    expect(safeFileName('...')).toBe('file');
    const long = safeFileName(`${'录'.repeat(100)}.m4a`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(120);
    expect(long.endsWith('.m4a')).toBe(true);
  });

  it('sniffs by content, not by name', async () => {
    const png = path.join(dir, 'receipt.jpg');
    await writeFile(png, Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a48d0000000049454e44ae426082', 'hex'));
    const sniffedPng = await sniffFileType(png);
    expect(sniffedPng).toMatchObject({ mime: 'image/png', detectedBy: 'content' });
    expect(extensionDisagrees('receipt.jpg', sniffedPng)).toBe(true);
    expect(extensionDisagrees('receipt.png', sniffedPng)).toBe(false);

    const text = path.join(dir, 'chat.pdf');
    await writeFile(text, '客服：您的订单正在处理中，请耐心等待。\n'.repeat(3000));
    expect(await sniffFileType(text)).toEqual({ mime: 'text/plain', detectedBy: 'text' });

    const binary = path.join(dir, 'blob.bin');
    await writeFile(binary, Buffer.from([0, 1, 2, 3, 250, 251, 0, 9]));
    expect((await sniffFileType(binary)).mime).toBe('application/octet-stream');
  });
});

describe('listEvidence', () => {
  it('lists items with absolute paths and the file to print', () => {
    const record = {
      id: 'C1',
      timeZone: 'Asia/Shanghai',
      evidence: [
        {
          id: 'E1',
          kind: 'order-page',
          title: '订单',
          source: 'https://km.example.com/order',
          proves: 'p',
          addedAt: '2026-11-24T12:00:00+08:00',
          files: [
            { path: 'evidence/E1/screenshot.png', role: 'screenshot', sha256: 'a'.repeat(64), size: 1 },
            { path: 'evidence/E1/screenshot-captioned.png', role: 'captioned', sha256: 'b'.repeat(64), size: 2 },
          ],
          meta: { capture: { finalUrl: 'https://km.example.com/login', httpStatus: 200, loginWall: 'redirected-to-login' } },
        },
        { id: 'E2', kind: 'payment', title: 'r.jpg', source: 'imported: r.jpg', proves: 'p', addedAt: '2026-11-24T12:00:00+08:00', files: [{ path: 'evidence/E2/r.jpg', role: 'original', sha256: 'c'.repeat(64), size: 3 }], meta: {} },
      ],
    } as unknown as Case;
    const listed = listEvidence(record, path.join('/data', 'cases', 'C1'));
    expect(listed[0]!.display.role).toBe('captioned');
    expect(listed[0]!.loginWall).toBe('redirected-to-login');
    expect(listed[0]!.files[0]!.absolutePath).toBe(path.join('/data', 'cases', 'C1', 'evidence', 'E1', 'screenshot.png'));
    expect(listed[1]!.display.path).toBe('evidence/E2/r.jpg');
    expect(listed[1]!.capture).toBeUndefined();
  });
});
