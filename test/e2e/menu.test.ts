import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, makeTempDir, runCli, SAMPLE_ORDER } from '../helpers/cli.js';
import { DOWN, Terminal } from '../helpers/pty.js';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const env = { WEIQUAN_NOW: FIXED_NOW };

/**
 * The menu in the order it shows, for moving the cursor: it starts on the last action taken.
 * next show new capture evidence contact sent letter bundle filed draft authorize resolve due list switch profile demo help quit
 */
const MENU = ['next', 'show', 'new', 'capture', 'evidence', 'contact', 'sent', 'letter', 'bundle', 'filed', 'draft', 'authorize', 'resolve', 'due', 'list', 'switch', 'profile', 'demo', 'help', 'quit'];
const move = (from: string, to: string) => DOWN.repeat((MENU.indexOf(to) - MENU.indexOf(from) + MENU.length) % MENU.length);

describe('the menu in a real terminal', () => {
  it('offers every step, returns after each action until quit, and picks the case once', async () => {
    const temp = await makeTempDir();
    cleanups.push(temp.cleanup);
    const home = temp.dir;
    expect((await runCli(['profile', 'set', '--name', '张三', '--phone', '13900139000', '--address', '北京市朝阳区某某街 1 号'], { home, env })).code).toBe(0);
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
    const second = [...SAMPLE_ORDER];
    second[second.indexOf('--order') + 1] = 'KM-MENU-2';
    expect((await runCli(['new', ...second], { home, env })).code).toBe(0);

    const term = new Terminal([], { WEIQUAN_HOME: home, ...env });
    cleanups.push(() => term.kill());
    await term.waitFor('What would you like to do?');
    // every step of the job is on the menu at once
    await term.waitFor('Quit');
    for (const step of [
      'What to do next', 'Show a case', 'Log a new order', 'Preserve the order page', 'Add an evidence file', 'Record a customer-service contact',
      'Record that the written complaint was sent', 'Write the complaint letter', 'Build the 12315 package', 'Record a complaint filed',
      'Write the document for a rung after the platform', 'Write the authorisation letter', 'Close the case', 'Every deadline', 'List cases', 'Quit',
    ]) expect(term.screen).toContain(step);
    // 1. next: the case is asked for once (two open cases), C2 chosen
    term.type('\r');
    await term.waitFor('Which case?');
    await new Promise((resolve) => setTimeout(resolve, 100));
    term.type('\r'); // the latest case, C2
    await term.waitFor('Next step (C2');
    // 2. back at the menu, on the same case: show
    await term.waitFor('What would you like to do? (case C2)');
    await new Promise((resolve) => setTimeout(resolve, 100));
    term.type(`${move('next', 'show')}\r`);
    await term.waitFor('KM-MENU-2');
    await term.waitFor('Evidence checklist');
    // 3. back again: draft → payment-channel complaint
    await term.waitFor('What would you like to do? (case C2)');
    await new Promise((resolve) => setTimeout(resolve, 100));
    term.type(`${move('show', 'draft')}\r`);
    await term.answer('Which rung?', '');
    await term.waitFor('Wrote the payment-channel complaint document', 60_000);
    // 4. quit
    await term.waitFor('What would you like to do? (case C2)');
    await new Promise((resolve) => setTimeout(resolve, 100));
    term.type(`${move('draft', 'quit')}\r`);
    expect(await term.exitCode(30_000)).toBe(0);
    // the case was asked for once, before the first action; never again
    expect(term.screen.slice(term.screen.indexOf('Next step (C2')).includes('Which case?')).toBe(false);
    expect(await readdir(path.join(home, 'cases', 'C2', 'out'))).toEqual(expect.arrayContaining([expect.stringMatching(/^payment-complaint-.*\.pdf$/)]));
  }, 180_000);
});
