import { Cancelled } from '../../errors.js';

/** Ctrl-C (or SIGTERM) during a capture: an abort signal the capture listens to, instead of dying mid-way. */
export type Interrupt = { signal: AbortSignal; dispose: () => void };

/**
 * Take over SIGINT and SIGTERM until disposed: the capture then closes the browser, removes what it
 * staged and ends with nothing written (exit 130 through Cancelled).
 */
export function interruptible(): Interrupt {
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Cancelled());
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
