import { describe, expect, it } from 'vitest';
import { replyDeadline } from '../../src/core/reply-date.js';

describe('reply dates', () => {
  const now = new Date('2026-11-24T04:00:00Z'); // 12:00 in Shanghai
  it.each([
    [3 * 1440, '2026-11-27T18:00:00.000+08:00'],
    [1440, '2026-11-25T18:00:00.000+08:00'],
    [12 * 60, '2026-11-25T00:00:00.000+08:00'],
    [90, '2026-11-24T13:30:00.000+08:00'],
  ])('%i minutes → %s', (minutes, iso) => {
    expect(replyDeadline(now, 'Asia/Shanghai', minutes).toISO()).toBe(iso);
  });
});
