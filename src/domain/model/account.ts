// The affiliate's login for the virtual office. Password hashes are argon2id strings (PHC format).
export interface Account {
  id: string;
  affiliateId: string;
  passwordHash: string;
  /** True after registration or reset: the SMS password must be changed on first use. */
  mustChangePassword: boolean;
  /** When the temporary (SMS) password stops working; undefined once a chosen password is set. */
  tempPasswordExpiresAt?: Date;
  /** Consecutive failures since the last success (drives the progressive delay). */
  failedAttempts: number;
  /** Failures inside the current hour window (≤ 100/hour/account). */
  failedAttemptsWindowStart?: Date;
  failedAttemptsInWindow: number;
  lockedUntil?: Date;
  /**
   * A temporary password sent by "Olvidé mi contraseña", waiting beside the current one until it is used
   * (once) or expires: a reset request alone never locks the owner out.
   */
  recoveryPasswordHash?: string;
  recoveryExpiresAt?: Date;
  createdAt: Date;
  lastLoginAt?: Date;
  updatedAt: Date;
}

export interface NewAccount {
  affiliateId: string;
  passwordHash: string;
  mustChangePassword: boolean;
  tempPasswordExpiresAt?: Date;
}
