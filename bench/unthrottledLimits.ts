// The web chat's per-person message rate (DEFAULT_DIRECT_LINE_LIMITS: 30 at once, then one a second) lifted,
// for bench servers that measure the turn itself: a closed loop posts far faster than a person types, and
// with the rate in place a Direct Line row measures 429 answers instead of turns.
import type { DirectLineLimits } from '../src/channels/directline/directLineLimits';

export const UNTHROTTLED_DIRECT_LINE_LIMITS: Partial<DirectLineLimits> = {
  activities: { burst: 1_000_000, perMinute: 1_000_000 },
  activityBytes: { burst: 1_000_000_000, perMinute: 1_000_000_000 },
};
