import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Where results and messages go. Data goes to stdout (one JSON document with --json); everything meant
 * for a person as commentary (progress, warnings, hints) goes to stderr.
 */
export class Output {
  readonly colors: Colors;
  readonly errorColors: Colors;

  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly stderr: NodeJS.WritableStream & { isTTY?: boolean },
    env: NodeJS.ProcessEnv,
  ) {
    const allowed = !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
    const forced = 'FORCE_COLOR' in env && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
    this.colors = pc.createColors(!json && allowed && (forced || Boolean(stdout.isTTY)));
    this.errorColors = pc.createColors(allowed && (forced || Boolean(stderr.isTTY)));
  }

  /** The result of a command: JSON as is with --json, else the human rendering. */
  result(value: unknown, human: () => string): void {
    if (this.json) this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else {
      const text = human();
      if (text !== '') this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    }
  }

  /** Plain lines for a person on stdout (suppressed with --json, where stdout is reserved for data). */
  print(text: string): void {
    if (!this.json) this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  info(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  success(text: string): void {
    this.stderr.write(`${this.errorColors.green('✔')} ${text}\n`);
  }

  warn(text: string): void {
    this.stderr.write(`${this.errorColors.yellow('!')} ${this.errorColors.yellow(text)}\n`);
  }

  error(text: string): void {
    this.stderr.write(`${this.errorColors.red('✖')} ${text}\n`);
  }

  /**
   * A progress line rewritten in place on a terminal (none when stderr is not a TTY or with --json, so
   * logs and pipes get only the final messages).
   */
  progress(text: string): { update(text: string): void; stop(): void } | undefined {
    if (this.json || !this.stderr.isTTY) return undefined;
    const write = (line: string) => this.stderr.write(`\r\x1b[2K${line}`);
    write(text);
    return { update: write, stop: () => this.stderr.write('\r\x1b[2K') };
  }

  rawStdout(text: string): void {
    this.stdout.write(text);
  }
}
