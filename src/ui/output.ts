import type { ChalkInstance } from 'chalk';
import type yoctoSpinnerType from 'yocto-spinner';

export type Colors = ChalkInstance;

/** No colours: every style gives the text back as it is (as chalk does at level 0), styles chain. */
const PLAIN: Colors = new Proxy(function plain(...texts: unknown[]) {
  return texts.join(' ');
}, { get: (_target, property) => (property === 'level' ? 0 : PLAIN) }) as unknown as Colors;

/** The colour level (0: none) from NO_COLOR, TERM=dumb, FORCE_COLOR, COLORTERM and a TTY, from the given env, not process.env. */
function colorLevel(enabled: boolean, env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  if (!enabled) return 0;
  const truecolor = env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit';
  return env.FORCE_COLOR === '3' || truecolor ? 3 : env.FORCE_COLOR === '2' || /256/.test(env.TERM ?? '') ? 2 : 1;
}

/**
 * Where results and messages go. Data goes to stdout (one JSON document with --json); everything meant
 * for a person as commentary (progress, warnings, hints) goes to stderr. The colour library and the spinner
 * are loaded by `ready()` (before a command runs) and only when this run can use them: a run in a pipe, in CI
 * or with NO_COLOR loads neither.
 */
export class Output {
  private readonly levels: { out: number; err: number };
  private styles: { out: Colors; err: Colors } = { out: PLAIN, err: PLAIN };
  private spinner: typeof yoctoSpinnerType | undefined;

  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly stderr: NodeJS.WritableStream & { isTTY?: boolean },
    env: NodeJS.ProcessEnv,
  ) {
    const allowed = !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
    const forced = 'FORCE_COLOR' in env && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
    this.levels = {
      out: colorLevel(!json && allowed && (forced || Boolean(stdout.isTTY)), env),
      err: colorLevel(allowed && (forced || Boolean(stderr.isTTY)), env),
    };
  }

  /** Load what this run's output needs: chalk when colours are on, the spinner on a terminal. */
  async ready(): Promise<void> {
    const wantsSpinner = !this.json && Boolean(this.stderr.isTTY);
    const [chalk, spinner] = await Promise.all([
      this.levels.out > 0 || this.levels.err > 0 ? import('chalk') : undefined,
      wantsSpinner && !this.spinner ? import('yocto-spinner') : undefined,
    ]);
    if (chalk) {
      const make = (level: number) => (level > 0 ? new chalk.Chalk({ level: level as 1 | 2 | 3 }) : PLAIN);
      this.styles = { out: make(this.levels.out), err: make(this.levels.err) };
    }
    if (spinner) this.spinner = spinner.default;
  }

  /** Styles for stdout (no-ops when colours are off, or before ready()). */
  get colors(): Colors {
    return this.styles.out;
  }

  /** Styles for stderr. */
  get errorColors(): Colors {
    return this.styles.err;
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
    if (this.json || !this.stderr.isTTY || !this.spinner) return undefined;
    const spinner = this.spinner({ text, stream: this.stderr as NodeJS.WriteStream, color: 'cyan' }).start();
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
