import { describe, expect, it } from 'vitest';
import { captureSeries, seriesLine, statusInTitle } from '../../src/documents/bundle/capture-series.js';

const url = 'https://kachong.example.com/order/KM1';
function capture(id: string, capturedAt: string, title?: string, source = url) {
  return {
    id,
    source,
    addedAt: capturedAt,
    capture: { finalUrl: source, capturedAt },
    meta: { capture: { finalUrl: source, capturedAt, ...(title ? { title } : {}) } },
    original: { absolutePath: `/case/evidence/${id}/screenshot.png` },
  } as never;
}

describe('repeated captures of one page', () => {
  it('reads an order status only from the words of the recorded page title', () => {
    expect(statusInTitle('订单 KM1 · 处理中')).toBe('处理中');
    expect(statusInTitle('订单详情 - 充值失败')).toBe('充值失败');
    expect(statusInTitle('已退款，原处理中订单')).toBe('已退款'); // the first one the title names
    expect(statusInTitle('订单详情 - 快充卡盟')).toBeUndefined();
    expect(statusInTitle(undefined)).toBeUndefined();
  });

  it('groups captures of the same URL in time order; a page captured once is no series', () => {
    const items = [
      capture('E3', '2026-11-25T21:40:00+08:00', '订单 KM1 处理中'),
      capture('E1', '2026-11-21T09:00:00+08:00', '订单 KM1 处理中'),
      capture('E2', '2026-11-23T10:00:00+08:00'),
      capture('E4', '2026-11-23T10:00:00+08:00', '规则', 'https://kachong.example.com/rules'),
    ];
    const series = captureSeries(items, new Set(['E2']));
    expect(series).toEqual([
      {
        url,
        shots: [
          { id: 'E1', at: '2026-11-21T09:00:00+08:00', status: '处理中', file: '/case/evidence/E1/screenshot.png' },
          { id: 'E2', at: '2026-11-23T10:00:00+08:00' }, // its file is missing, its title names no status
          { id: 'E3', at: '2026-11-25T21:40:00+08:00', status: '处理中', file: '/case/evidence/E3/screenshot.png' },
        ],
      },
    ]);
    expect(seriesLine(series[0]!.shots, 'Asia/Shanghai')).toBe('2026-11-21 处理中 · 11-23 · 11-25 处理中');
  });

  it('reads the status of an older capture from the page title its sidecar recorded', () => {
    const series = captureSeries([capture('E1', '2026-11-21T09:00:00+08:00'), capture('E2', '2026-11-22T09:00:00+08:00')], new Set(), new Map([['E2', '订单 · 已退款']]));
    expect(series[0]!.shots.map((shot) => shot.status)).toEqual([undefined, '已退款']);
  });

  it('writes the year again when the series crosses into a new one', () => {
    const shots = [{ id: 'E1', at: '2026-12-30T10:00:00+08:00', status: '处理中' }, { id: 'E2', at: '2027-01-02T10:00:00+08:00', status: '已退款' }];
    expect(seriesLine(shots, 'Asia/Shanghai')).toBe('2026-12-30 处理中 · 2027-01-02 已退款');
  });
});
