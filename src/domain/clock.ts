// Time is injected everywhere a date is shown or computed, so tests run on a fixed clock.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
