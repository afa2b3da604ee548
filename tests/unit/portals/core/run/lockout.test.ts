import {
	checkLockout,
	heldBackMessage,
	lockoutAfter,
	loginFingerprint,
	type Lockout,
} from '../../../../../portals/core/run/lockout';
import type { RunResult } from '../../../../../portals/core/outcomes/result';

const salt = 'a1b2c3';
const wrong = loginFingerprint(salt, 'anna@example.test', 'wrong-password');
const fixed = loginFingerprint(salt, 'anna@example.test', 'anna-pass-2026');
const t0 = Date.parse('2026-11-23T09:00:00Z');
const rejected: Lockout = {
	fingerprint: wrong,
	reason: 'WRONG_CREDENTIALS',
	message: 'The portal says: wrong password.',
	since: t0,
	executionId: 'exec-1',
};

const result = (status: RunResult['status'], reason?: RunResult['reason'], challenge = false) =>
	({
		status,
		reason,
		message: 'The portal says: wrong password.',
		challenge: challenge ? { method: 'sms' } : undefined,
	}) as RunResult;

test('the fingerprint is keyed and never holds the password', () => {
	expect(wrong).not.toContain('wrong-password');
	expect(wrong).not.toBe(loginFingerprint('another-salt', 'anna@example.test', 'wrong-password'));
	expect(wrong).toBe(loginFingerprint(salt, 'anna@example.test', 'wrong-password'));
});

test('a rejected login holds back every later run with the same login data: scheduled, and Retry On Fail even by hand', () => {
	expect(
		checkLockout(rejected, { fingerprint: wrong, manual: false, executionId: 'exec-2' }),
	).toMatchObject({ blocked: true, sameExecution: false });
	expect(checkLockout(rejected, { fingerprint: wrong, manual: false })).toMatchObject({
		blocked: true,
	});
	// n8n's Retry On Fail runs the node again inside the execution whose login was rejected.
	expect(
		checkLockout(rejected, { fingerprint: wrong, manual: true, executionId: 'exec-1' }),
	).toMatchObject({ blocked: true, sameExecution: true });
});

test('what lifts it: other login data, a run a person started, a success recorded since', () => {
	expect(checkLockout(rejected, { fingerprint: fixed, manual: false })).toEqual({ blocked: false });
	expect(
		checkLockout(rejected, { fingerprint: wrong, manual: true, executionId: 'exec-2' }),
	).toEqual({ blocked: false });
	expect(
		checkLockout(rejected, { fingerprint: wrong, manual: false, lastSuccessAt: t0 + 1 }),
	).toEqual({ blocked: false });
	// A success from before the rejection says nothing about the login data now.
	expect(
		checkLockout(rejected, { fingerprint: wrong, manual: false, lastSuccessAt: t0 - 1 }).blocked,
	).toBe(true);
	expect(checkLockout(undefined, { fingerprint: wrong, manual: false })).toEqual({
		blocked: false,
	});
});

test('set by every reason that pauses the schedule, cleared once a login went through, kept after a transient failure', () => {
	const attempt = { fingerprint: wrong, manual: false, executionId: 'exec-3' };
	for (const reason of [
		'WRONG_CREDENTIALS',
		'ACCOUNT_LOCKED',
		'PASSWORD_CHANGE_REQUIRED',
	] as const) {
		expect(lockoutAfter(undefined, result('login_failed', reason), attempt, t0)).toMatchObject({
			reason,
			fingerprint: wrong,
			since: t0,
			executionId: 'exec-3',
		});
	}
	expect(lockoutAfter(rejected, result('connected'), attempt, t0)).toBeUndefined();
	expect(lockoutAfter(rejected, result('connected', 'PARTIAL_RUN'), attempt, t0)).toBeUndefined();
	// A code prompt means the password was accepted.
	expect(
		lockoutAfter(rejected, result('action_required', 'CODE_REQUIRED_SMS', true), attempt, t0),
	).toBeUndefined();
	expect(lockoutAfter(rejected, result('connected', 'PORTAL_UNAVAILABLE'), attempt, t0)).toBe(
		rejected,
	);
});

test('the message of a held-back run says why and what lifts it', () => {
	expect(heldBackMessage(rejected, true)).toMatch(
		/wrong password\. Not tried again in this execution/,
	);
	expect(heldBackMessage(rejected, false)).toMatch(
		/until the credential changes or the workflow is run by hand/,
	);
});
