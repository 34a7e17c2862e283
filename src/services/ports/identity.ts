// Ports the identity services need besides the repositories of repositories.ts.

/**
 * Timestamped events per subject (a keyed hash of a typed document, never the number itself), for limits
 * that must hold whether or not the document exists: SMS requests, failed registrations, failed logins of
 * documents without an account. Counting the same way for every document is what keeps replies identical.
 */
export interface RateLimitEventRepository {
  record(scope: RateLimitScope, subjectKey: string, at: Date): Promise<void>;
  /** Events of that scope and subject at or after `since`. */
  count(scope: RateLimitScope, subjectKey: string, since: Date): Promise<number>;
  /** The newest event of that scope and subject, if any. */
  latest(scope: RateLimitScope, subjectKey: string): Promise<Date | undefined>;
  /** Deletes events older than `before` (they no longer count for any limit); returns how many. */
  pruneBefore(before: Date): Promise<number>;
}

export type RateLimitScope = 'sms_request' | 'register_failure' | 'login_failure';

/** Password hashing (argon2id in production). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
