// Virtual-office accounts: one per affiliate, with the counters the login throttle needs.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { Account, NewAccount } from '../../domain/model';
import type { AccountRepository } from '../../services/ports/repositories';
import {
  fromBool,
  fromInstant,
  fromOptionalInstant,
  isUniqueViolation,
  optionalText,
  toInstant,
  toOptionalInstant,
} from '../dialect';

type Row = Record<string, unknown>;

export function accountToRow(a: Account): Row {
  return {
    id: a.id,
    affiliate_id: a.affiliateId,
    password_hash: a.passwordHash,
    must_change_password: a.mustChangePassword,
    temp_password_expires_at: toOptionalInstant(a.tempPasswordExpiresAt),
    failed_attempts: a.failedAttempts,
    failed_window_start: toOptionalInstant(a.failedAttemptsWindowStart),
    failed_in_window: a.failedAttemptsInWindow,
    locked_until: toOptionalInstant(a.lockedUntil),
    last_login_at: toOptionalInstant(a.lastLoginAt),
    recovery_password_hash: a.recoveryPasswordHash ?? null,
    recovery_expires_at: toOptionalInstant(a.recoveryExpiresAt),
    created_at: toInstant(a.createdAt),
    updated_at: toInstant(a.updatedAt),
  };
}

function fromRow(row: Row): Account {
  return {
    id: String(row.id),
    affiliateId: String(row.affiliate_id),
    passwordHash: String(row.password_hash),
    mustChangePassword: fromBool(row.must_change_password),
    tempPasswordExpiresAt: fromOptionalInstant(row.temp_password_expires_at),
    failedAttempts: Number(row.failed_attempts),
    failedAttemptsWindowStart: fromOptionalInstant(row.failed_window_start),
    failedAttemptsInWindow: Number(row.failed_in_window),
    lockedUntil: fromOptionalInstant(row.locked_until),
    lastLoginAt: fromOptionalInstant(row.last_login_at),
    recoveryPasswordHash: optionalText(row.recovery_password_hash),
    recoveryExpiresAt: fromOptionalInstant(row.recovery_expires_at),
    createdAt: fromInstant(row.created_at),
    updatedAt: fromInstant(row.updated_at),
  };
}

export class KnexAccountRepository implements AccountRepository {
  constructor(private readonly db: Knex) {}

  async findById(id: string): Promise<Account | undefined> {
    const row = (await this.db('accounts').where({ id }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async findByAffiliateId(affiliateId: string): Promise<Account | undefined> {
    const row = (await this.db('accounts').where({ affiliate_id: affiliateId }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async create(account: NewAccount, now: Date): Promise<Account> {
    const created: Account = {
      id: randomUUID(),
      affiliateId: account.affiliateId,
      passwordHash: account.passwordHash,
      mustChangePassword: account.mustChangePassword,
      tempPasswordExpiresAt: account.tempPasswordExpiresAt,
      failedAttempts: 0,
      failedAttemptsInWindow: 0,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.db('accounts').insert(accountToRow(created));
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('account_exists');
      throw error;
    }
    return created;
  }

  async setPassword(
    id: string,
    change: { passwordHash: string; mustChangePassword: boolean; tempPasswordExpiresAt?: Date },
    now: Date,
  ): Promise<void> {
    await this.updateOrFail(id, {
      password_hash: change.passwordHash,
      must_change_password: change.mustChangePassword,
      temp_password_expires_at: toOptionalInstant(change.tempPasswordExpiresAt),
      // A password set on purpose makes any pending recovery password pointless.
      recovery_password_hash: null,
      recovery_expires_at: null,
      failed_attempts: 0,
      failed_window_start: null,
      failed_in_window: 0,
      locked_until: null,
      updated_at: toInstant(now),
    });
  }

  async recordFailure(
    id: string,
    state: { failedAttempts: number; failedAttemptsWindowStart: Date; failedAttemptsInWindow: number; lockedUntil?: Date },
    now: Date,
  ): Promise<void> {
    await this.updateOrFail(id, {
      failed_attempts: state.failedAttempts,
      failed_window_start: toInstant(state.failedAttemptsWindowStart),
      failed_in_window: state.failedAttemptsInWindow,
      locked_until: toOptionalInstant(state.lockedUntil),
      updated_at: toInstant(now),
    });
  }

  async recordSuccess(id: string, now: Date): Promise<void> {
    await this.updateOrFail(id, {
      failed_attempts: 0,
      locked_until: null,
      last_login_at: toInstant(now),
      updated_at: toInstant(now),
    });
  }

  async setRecoveryPassword(id: string, recovery: { passwordHash: string; expiresAt: Date }, now: Date): Promise<void> {
    await this.updateOrFail(id, {
      recovery_password_hash: recovery.passwordHash,
      recovery_expires_at: toInstant(recovery.expiresAt),
      updated_at: toInstant(now),
    });
  }

  async consumeRecoveryPassword(id: string, passwordHash: string, now: Date): Promise<boolean> {
    const count = await this.db('accounts').where({ id, recovery_password_hash: passwordHash }).update({
      recovery_password_hash: null,
      recovery_expires_at: null,
      failed_attempts: 0,
      locked_until: null,
      last_login_at: toInstant(now),
      updated_at: toInstant(now),
    });
    return count === 1;
  }

  async clearRecoveryPassword(id: string, now: Date): Promise<void> {
    await this.db('accounts').where({ id }).whereNotNull('recovery_password_hash').update({
      recovery_password_hash: null,
      recovery_expires_at: null,
      updated_at: toInstant(now),
    });
  }

  private async updateOrFail(id: string, update: Row): Promise<void> {
    const count = await this.db('accounts').where({ id }).update(update);
    if (count === 0) throw new NotFoundError('account');
  }
}
