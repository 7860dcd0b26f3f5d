import * as pty from 'node-pty';
import { BIN, ROOT } from './cli.js';

const strip = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b[()][A-Z0-9]/g, '');

/** The built bin in a real pseudo-terminal, for driving the interactive prompts as a person would. */
export class Terminal {
  private output = '';
  private mark = 0;
  private exit: Promise<number>;
  private readonly process: pty.IPty;

  constructor(args: string[], env: Record<string, string>) {
    this.process = pty.spawn(process.execPath, [BIN, ...args], {
      name: 'xterm-256color',
      cols: 120,
      rows: 40,
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm-256color', LANG: 'en_US.UTF-8', ...env },
    });
    this.process.onData((data) => (this.output += data));
    this.exit = new Promise((resolve) => this.process.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** Everything shown so far, without escape codes. */
  get screen(): string {
    return strip(this.output);
  }

  /** Wait (bounded) until `text` appears after the last thing waited for. */
  async waitFor(text: string | RegExp, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rest = strip(this.output).slice(this.mark);
      const index = typeof text === 'string' ? rest.indexOf(text) : rest.search(text);
      if (index >= 0) {
        this.mark += index + 1;
        return;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${strip(this.output).slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  type(text: string): void {
    this.process.write(text);
  }

  /** Answer a prompt once it shows. */
  async answer(prompt: string | RegExp, text: string): Promise<void> {
    await this.waitFor(prompt);
    await new Promise((resolve) => setTimeout(resolve, 60));
    this.type(`${text}\r`);
  }

  async exitCode(timeoutMs = 15_000): Promise<number> {
    return Promise.race([
      this.exit,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`no exit; screen:\n${this.screen.slice(-2000)}`)), timeoutMs)),
    ]);
  }

  kill(): void {
    try {
      this.process.kill();
    } catch {
      // already gone
    }
  }
}

export const DOWN = '\x1b[B';
export const CTRL_C = '\x03';
export const BACKSPACE = '\x7f';
