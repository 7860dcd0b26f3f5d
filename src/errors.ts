/**
 * Typed errors. Helpers throw these; only src/main.ts turns them into an exit code.
 * Messages are catalogue keys with parameters so that pure code never needs a translator.
 */
export type MessageParams = Record<string, string | number>;

export abstract class WeiquanError extends Error {
  abstract readonly exitCode: 1 | 2 | 3;
  abstract readonly code: string;
  constructor(
    readonly key: string,
    readonly params: MessageParams = {},
    readonly hintKey?: string,
    readonly hintParams: MessageParams = {},
  ) {
    super(key);
    this.name = new.target.name;
  }

  /** Structured data for --json (e.g. verify's report); shown as error.details. */
  details?: unknown;

  withDetails(details: unknown): this {
    this.details = details;
    return this;
  }

  /** The command already wrote its result (with --json, the one JSON document): say the error on stderr only. */
  resultWritten = false;

  afterResult(): this {
    this.resultWritten = true;
    return this;
  }
}

/** Bad usage or bad input: exit 2. */
export class UsageError extends WeiquanError {
  readonly exitCode = 2 as const;
  readonly code = 'usage';
}

/** A value the user typed that does not parse or validate: exit 2. */
export class InputError extends WeiquanError {
  readonly exitCode = 2 as const;
  readonly code = 'input';
}

/** The machine lacks something (no browser, no CJK font, unreadable data home): exit 3. */
export class EnvironmentError extends WeiquanError {
  readonly exitCode = 3 as const;
  readonly code = 'environment';
}

/** A check ran and found a problem (verify): exit 1. */
export class CheckFailed extends WeiquanError {
  readonly exitCode = 1 as const;
  readonly code = 'check-failed';
}

/** Data on disk that cannot be read as it should (corrupt case.json, broken journal): exit 3. */
export class DataError extends WeiquanError {
  readonly exitCode = 3 as const;
  readonly code = 'data';
}

/** The user pressed Ctrl-C in a prompt: nothing written, exit 130 is customary but we exit quietly. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export function isWeiquanError(error: unknown): error is WeiquanError {
  return error instanceof WeiquanError;
}
