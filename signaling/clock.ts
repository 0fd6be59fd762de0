/** The server's time, and the factor its line timers run at (tests shrink ring time-outs, maximum waits and the reconnect grace). */
export interface Clock {
  now(): number;
  /** Multiplies line timers (ring time-out, maximum wait) and the reconnect grace period. */
  readonly timeScale: number;
}
