import { createHmac } from 'node:crypto';
import { reasonInfo, type ReasonCode } from '../outcomes/reasons';
import { succeeded, type RunResult } from '../outcomes/result';

/**
 * The one rule against locking accounts: after the portal rejected a login (wrong password,
 * locked, password change required), no run logs in again with the same login data on its own:
 * not n8n's Retry On Fail within the execution, not the next scheduled execution, not a
 * trigger's wake-up. What lifts it: other login data (the user fixed the credential), a run a
 * person started by hand (in a new execution), or a successful login recorded since (from
 * another workflow, say).
 */
export interface Lockout {
	/** Keyed hash of user name and password (loginFingerprint): never the secret. */
	fingerprint: string;
	reason: ReasonCode;
	/** What the portal said, for the error of a run that is held back. */
	message: string;
	/** Epoch ms. */
	since: number;
	/** The execution whose login was rejected: its retries are held back even when started by hand. */
	executionId?: string;
}

export function loginFingerprint(salt: string, username: string, password: string): string {
	return createHmac('sha256', salt)
		.update(`${username.length}:${username}|${password}`)
		.digest('hex');
}

export interface LoginAttempt {
	fingerprint: string;
	executionId?: string;
	/** A person started this execution (the editor's Execute / Fetch test event). */
	manual: boolean;
	/** The last successful run of this connection anywhere (the status store), epoch ms. */
	lastSuccessAt?: number;
}

export type LockoutVerdict =
	| { blocked: false }
	| { blocked: true; lockout: Lockout; sameExecution: boolean };

/** Whether a stored lockout holds this attempt back. */
export function checkLockout(lockout: Lockout | undefined, attempt: LoginAttempt): LockoutVerdict {
	if (!lockout || lockout.fingerprint !== attempt.fingerprint) return { blocked: false };
	if (attempt.lastSuccessAt !== undefined && attempt.lastSuccessAt > lockout.since)
		return { blocked: false };
	const sameExecution = !!attempt.executionId && attempt.executionId === lockout.executionId;
	if (attempt.manual && !sameExecution) return { blocked: false };
	return { blocked: true, lockout, sameExecution };
}

/** The lockout after a run: set by a rejected login, cleared once a login went through, else kept. */
export function lockoutAfter(
	previous: Lockout | undefined,
	result: RunResult,
	attempt: LoginAttempt,
	now: number,
): Lockout | undefined {
	if (result.reason && reasonInfo(result.reason).pausesSchedule) {
		return {
			fingerprint: attempt.fingerprint,
			reason: result.reason,
			message: result.message,
			since: now,
			executionId: attempt.executionId,
		};
	}
	if (succeeded(result) || result.challenge) return undefined;
	return previous;
}

/** The words of a run that the lockout held back. */
export function heldBackMessage(lockout: Lockout, sameExecution: boolean): string {
	return sameExecution
		? `${lockout.message} Not tried again in this execution, so that the account is not locked.`
		: `${lockout.message} No new login with the same user name and password until the credential changes or the workflow is run by hand, so that the account is not locked.`;
}
