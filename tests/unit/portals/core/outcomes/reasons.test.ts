import {
	REASONS,
	REASON_CODES,
	reasonInfo,
	reasonName,
	STEP_FOR_REASON,
	type ReasonCode,
} from '../../../../../portals/core/outcomes/reasons';

const where = (test: (code: ReasonCode) => boolean) => REASON_CODES.filter(test).sort();

test('every reason tells the user what happened and what to do', () => {
	for (const code of REASON_CODES) {
		const { title, remedy } = reasonInfo(code);
		expect([code, title.trim().length > 10, remedy.trim().length > 20]).toEqual([code, true, true]);
		// A sentence a person reads, not a code or a placeholder.
		expect(remedy).toMatch(/[.!]$/);
		expect(title).not.toMatch(/TODO|undefined/);
	}
});

test('a reason a later run simply retries never pauses the schedule', () => {
	for (const code of where((c) => REASONS[c].retryable))
		expect([code, REASONS[code].pausesSchedule]).toEqual([code, false]);
});

test('what pauses the schedule: a login that must not be tried again, and downloads switched off', () => {
	expect(where((c) => REASONS[c].pausesSchedule)).toEqual([
		'ACCOUNT_LOCKED',
		'DOWNLOADS_DISABLED',
		'PASSWORD_CHANGE_REQUIRED',
		'WRONG_CREDENTIALS',
	]);
});

test('a picture of the page goes with exactly the reasons where a person must look at the page', () => {
	expect(where((c) => reasonInfo(c).debugPicture === true)).toEqual(
		[
			'LAYOUT_CHANGED',
			'UNKNOWN_ERROR',
			'CAPTCHA_REQUIRED',
			'TERMS_ACCEPTANCE_REQUIRED',
			'PAYMENT_DETAILS_REQUIRED',
			'PASSWORD_CHANGE_REQUIRED',
		].sort(),
	);
});

test('setup reasons (about the installation or the input, not the portal) are exactly these', () => {
	expect(where((c) => reasonInfo(c).setup === true)).toEqual([
		'BROWSER_UNAVAILABLE',
		'INVALID_INPUT',
		'RESUME_TOKEN_EXPIRED',
		'RESUME_TOKEN_INVALID',
	]);
	// Nothing a later run fixes by itself, and never a reason to pause a schedule.
	for (const code of where((c) => reasonInfo(c).setup === true))
		expect(REASONS[code]).toMatchObject({
			status: 'action_required',
			retryable: false,
			pausesSchedule: false,
		});
});

test('a transient failure keeps the connection "connected" and is retried; a rejected login is not', () => {
	for (const code of [
		'PORTAL_UNAVAILABLE',
		'MAINTENANCE',
		'RATE_LIMITED',
		'TIMEOUT',
		'SESSION_EXPIRED',
		'DOWNLOAD_FAILED',
		'INVALID_FILE',
	] as const) {
		expect([code, REASONS[code].status, REASONS[code].retryable]).toEqual([
			code,
			'connected',
			true,
		]);
	}
	for (const code of ['WRONG_CREDENTIALS', 'ACCOUNT_LOCKED'] as const)
		expect([code, REASONS[code].status, REASONS[code].retryable]).toEqual([
			code,
			'login_failed',
			false,
		]);
});

test('every interstitial step names a reason that asks for a person', () => {
	for (const code of Object.keys(STEP_FOR_REASON) as ReasonCode[])
		expect(REASONS[code].status).toBe('action_required');
});

test('reasons read as words for people', () => {
	expect(reasonName('PORTAL_UNAVAILABLE')).toBe('Portal unavailable');
});
