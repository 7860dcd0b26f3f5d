import { Chalk, type ChalkInstance } from 'chalk';
import yoctoSpinner from 'yocto-spinner';

export type Colors = ChalkInstance;

/** Colours on or off (NO_COLOR, TERM=dumb, FORCE_COLOR, a TTY), decided here from the given env, not process.env. */
function colorsFor(enabled: boolean, env: NodeJS.ProcessEnv): ChalkInstance {
  if (!enabled) return new Chalk({ level: 0 });
  const truecolor = env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit';
  const level = env.FORCE_COLOR === '3' || truecolor ? 3 : env.FORCE_COLOR === '2' || /256/.test(env.TERM ?? '') ? 2 : 1;
  return new Chalk({ level });
}

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
    this.colors = colorsFor(!json && allowed && (forced || Boolean(stdout.isTTY)), env);
    this.errorColors = colorsFor(allowed && (forced || Boolean(stderr.isTTY)), env);
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

  /** stderr when it is a terminal (for spinners, and to know whether a person is watching), else undefined. */
  get terminal(): (NodeJS.WritableStream & { isTTY?: boolean }) | undefined {
    return this.stderr.isTTY ? this.stderr : undefined;
  }

  /**
   * A spinner with a line of text on stderr for long work (capture, bundle, batch intake): only on a
   * terminal and never with --json, so logs and pipes get only the final messages.
   */
  progress(text: string): { update(text: string): void; stop(): void } | undefined {
    if (this.json || !this.stderr.isTTY) return undefined;
    const spinner = yoctoSpinner({ text, stream: this.stderr as NodeJS.WriteStream, color: 'cyan' }).start();
    return {
      update: (line: string) => {
        spinner.text = line;
      },
      stop: () => {
        spinner.stop();
      },
    };
  }

  rawStdout(text: string): void {
    this.stdout.write(text);
  }
}
