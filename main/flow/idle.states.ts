/**
 * The idle region, parallel to the journey: on the steps where a touch is expected
 * (`idleApplies`), silence for `idleWarning` shows a countdown, and its end raises IDLE_TIMEOUT,
 * which wipes the session. Any activity starts the watch again.
 */
export const idleStates = {
  initial: 'off',
  states: {
    off: { always: { guard: 'idleApplies', target: 'watching' } },
    watching: {
      always: { guard: 'idleDoesNotApply', target: 'off' },
      after: { idleWarning: 'warning' },
      on: { ACTIVITY: { target: 'watching', reenter: true } },
    },
    warning: {
      entry: 'startIdleWarning',
      exit: 'clearIdleWarning',
      always: { guard: 'idleDoesNotApply', target: 'off' },
      on: { ACTIVITY: 'watching' },
      initial: 'counting',
      states: {
        counting: {
          after: {
            tick: [
              { guard: 'lastWarningSecond', actions: 'raiseIdleTimeout' },
              { target: 'counting', reenter: true, actions: 'tickIdleWarning' },
            ],
          },
        },
      },
    },
  },
} as const;
