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
  /** Forgets every event of that scope and subject (a success ends a run of failures). */
  clear(scope: RateLimitScope, subjectKey: string): Promise<void>;
}

/** Scopes fit the column's 30 characters. Subjects are keyed hashes: no document, address or e-mail in clear. */
export type RateLimitScope =
  | 'sms_request'
  | 'register_failure'
  | 'login_failure'
  /** Affiliate login failures per client address, and of everyone (subject 'all'). */
  | 'login_fail_addr'
  | 'login_fail_all'
  /** Agent console sign-in failures per e-mail (the account) and per client address. */
  | 'agent_fail_account'
  | 'agent_fail_addr'
  /** PQRDS lookups that found nothing, per conversation and per client address. */
  | 'pqrds_fail_conv'
  | 'pqrds_fail_addr';

/** Password hashing (argon2id in production). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
