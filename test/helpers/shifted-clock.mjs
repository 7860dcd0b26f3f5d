// Loaded with NODE_OPTIONS=--import=<this file>: the process's clock starts at WEIQUAN_TEST_CLOCK (an ISO time)
// and runs on from there, so a test can make captures days apart. Only `new Date()` and `Date.now()` move.
const target = Date.parse(process.env.WEIQUAN_TEST_CLOCK ?? '');
if (!Number.isNaN(target)) {
  const RealDate = Date;
  const offset = target - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  // dates made inside node (fs stats …) are still dates
  Object.defineProperty(ShiftedDate, Symbol.hasInstance, { value: (value) => value instanceof RealDate });
  globalThis.Date = ShiftedDate;
}
