import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { REASONS } from '../../../portals/core/outcomes/reasons';
import { STATUS_INFO } from '../../../portals/core/contract/statuses';
import { demoTelecom } from '../../../portals/adapters/demo-telecom';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { credentials, latestCode, startDemo } from '../../helpers/demo';

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const check = (login: string, extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal: demoTelecom,
		baseUrl: demo.url,
		credentials: credentials(login),
		mode: 'check',
		...extra,
	});

describe('each demo account ends in the right status and reason', () => {
	test('password only: connected', async () => {
		const result = await check('anna@example.test');
		expect(result).toMatchObject({ status: 'connected', reason: undefined, loginPerformed: true });
		expect(result.remedy).toBe(STATUS_INFO.connected.remedy);
		expect(result.session).toMatch(/^ipx1\./);
	});

	test('wrong password: login failed, with its remedy, and scheduled runs must pause', async () => {
		const result = await check('anna@example.test', {
			credentials: credentials('anna@example.test', { password: 'not-the-password' }),
		});
		expect(result).toMatchObject({
			status: 'login_failed',
			reason: 'WRONG_CREDENTIALS',
			retryable: false,
			pausesSchedule: true,
		});
		expect(result.remedy).toBe(REASONS.WRONG_CREDENTIALS.remedy);
		expect(result.message).toContain('incorrect');
		expect(result.session).toBeUndefined();
	});

	test('authenticator app with the secret: answered automatically, connected', async () => {
		const result = await check('tom@example.test');
		expect(result).toMatchObject({ status: 'connected', reason: undefined });
	});

	test('authenticator app without the secret: action required, method app', async () => {
		const result = await check('tom@example.test', {
			credentials: credentials('tom@example.test', { authenticatorSecret: undefined }),
		});
		expect(result).toMatchObject({ status: 'action_required', reason: 'CODE_REQUIRED_APP' });
		expect(result.challenge).toMatchObject({ method: 'authenticator_app' });
	});

	test('SMS: action required with a resume token; the code from the outbox completes the download', async () => {
		const first = await check('sara@example.test', { mode: 'download' });
		expect(first).toMatchObject({
			status: 'action_required',
			reason: 'CODE_REQUIRED_SMS',
			documents: [],
		});
		expect(first.challenge?.method).toBe('sms');
		expect(first.challenge?.portalMessage).toMatch(/SMS to \*+1234/);
		expect(Date.parse(first.challenge!.expiresAt)).toBeGreaterThan(Date.now());
		const code = latestCode(demo, 'sara@example.test');
		// No code, password or cookie may appear in what the run reports.
		expect(
			JSON.stringify({ ...first, challenge: { ...first.challenge, resumeToken: '' } }),
		).not.toContain(code);

		const second = await check('sara@example.test', {
			mode: 'download',
			resume: { token: first.challenge!.resumeToken, code },
		});
		expect(second).toMatchObject({ status: 'connected', reason: undefined });
		expect(second.documents).toHaveLength(14);
		expect(second.documents.every((d) => d.accountId === 'CUST-3001')).toBe(true);
	});

	test('SMS, wrong code: action required again with reason wrong code and a fresh token that still works', async () => {
		const first = await check('sara@example.test');
		const wrong = await check('sara@example.test', {
			resume: {
				token: first.challenge!.resumeToken,
				code: '000000' === latestCode(demo, 'sara@example.test') ? '111111' : '000000',
			},
		});
		expect(wrong).toMatchObject({ status: 'action_required', reason: 'WRONG_CODE' });
		expect(wrong.challenge?.resumeToken).toBeDefined();
		expect(wrong.challenge?.resumeToken).not.toBe(first.challenge!.resumeToken);
		const ok = await check('sara@example.test', {
			resume: { token: wrong.challenge!.resumeToken, code: latestCode(demo, 'sara@example.test') },
		});
		expect(ok.status).toBe('connected');
	});

	test('e-mail code: action required, method e-mail, then connected with the code', async () => {
		const first = await check('eric@example.test');
		expect(first).toMatchObject({
			status: 'action_required',
			reason: 'CODE_REQUIRED_EMAIL',
			challenge: { method: 'email' },
		});
		const ok = await check('eric@example.test', {
			resume: { token: first.challenge!.resumeToken, code: latestCode(demo, 'eric@example.test') },
		});
		expect(ok.status).toBe('connected');
	});

	test('authenticator code followed by an extra e-mail code: the app code is automatic, the e-mail code is asked for', async () => {
		const first = await check('lena@example.test');
		expect(first).toMatchObject({
			status: 'action_required',
			reason: 'CODE_REQUIRED_EMAIL',
			challenge: { method: 'email' },
		});
		const ok = await check('lena@example.test', {
			resume: { token: first.challenge!.resumeToken, code: latestCode(demo, 'lena@example.test') },
		});
		expect(ok.status).toBe('connected');
	});

	test.each([
		['terms@example.test', 'TERMS_ACCEPTANCE_REQUIRED', /terms/i],
		['expired@example.test', 'PASSWORD_CHANGE_REQUIRED', /password has expired/i],
		['billing@example.test', 'PAYMENT_DETAILS_REQUIRED', /payment details/i],
	])(
		"%s: action required with reason %s, nothing accepted on the user's behalf",
		async (login, reason, message) => {
			const result = await check(login);
			expect(result).toMatchObject({ status: 'action_required', reason });
			expect(result.message).toMatch(message);
			expect(result.debug?.screenshot?.subarray(1, 4).toString()).toBe('PNG');
		},
	);

	test('locked after three failed logins: wrong password twice, then locked, and the right password no longer helps', async () => {
		const wrong = credentials('locked@example.test', { password: 'guess' });
		expect((await check('locked@example.test', { credentials: wrong })).reason).toBe(
			'WRONG_CREDENTIALS',
		);
		expect((await check('locked@example.test', { credentials: wrong })).reason).toBe(
			'WRONG_CREDENTIALS',
		);
		const third = await check('locked@example.test', { credentials: wrong });
		expect(third).toMatchObject({
			status: 'login_failed',
			reason: 'ACCOUNT_LOCKED',
			pausesSchedule: true,
		});
		expect((await check('locked@example.test')).reason).toBe('ACCOUNT_LOCKED');
	});

	test('captcha after failed logins: action required with the image; the typed text completes the login', async () => {
		const wrong = credentials('captcha@example.test', { password: 'guess' });
		await check('captcha@example.test', { credentials: wrong });
		await check('captcha@example.test', { credentials: wrong });
		const blocked = await check('captcha@example.test');
		expect(blocked).toMatchObject({
			status: 'action_required',
			reason: 'CAPTCHA_REQUIRED',
			challenge: { method: 'captcha' },
		});
		expect(Buffer.from(blocked.challenge!.image!.base64, 'base64').subarray(1, 4).toString()).toBe(
			'PNG',
		);
		const typo = await check('captcha@example.test', {
			resume: { token: blocked.challenge!.resumeToken, code: 'XXXXX' },
		});
		expect(typo).toMatchObject({ reason: 'WRONG_CODE', challenge: { method: 'captcha' } });
		// The human reads the image; the test reads what the server drew last, after the typo.
		const session = [...demo.state.sessions.values()]
			.filter((s) => s.captchaFor === 'captcha@example.test')
			.sort((a, b) => b.lastSeen - a.lastSeen)[0];
		const ok = await check('captcha@example.test', {
			resume: { token: typo.challenge!.resumeToken, code: session.captcha!.toLowerCase() },
		});
		expect(ok.status).toBe('connected');
	});
});

describe('codes that expire', () => {
	let quick: DemoPortal;
	beforeAll(async () => {
		quick = await startDemo();
	});

	test('an expired SMS code gives reason code expired with a new token; the new code works', async () => {
		const run = (extra: Partial<RunOptions>) =>
			runPortal({
				portal: demoTelecom,
				baseUrl: quick.url,
				credentials: credentials('sara@example.test'),
				mode: 'check',
				...extra,
			});
		const first = await run({});
		const oldCode = latestCode(quick, 'sara@example.test');
		// The portal's codes expire at once while the old one is sent (a switch, not a wait: a slow
		// machine must not let the fresh code expire too).
		quick.state.faults.codeTtlMs = 1;
		await new Promise((r) => setTimeout(r, 20));
		const expired = await run({ resume: { token: first.challenge!.resumeToken, code: oldCode } });
		delete quick.state.faults.codeTtlMs;
		expect(expired).toMatchObject({
			status: 'action_required',
			reason: 'CODE_EXPIRED',
			challenge: { method: 'sms' },
		});
		const fresh = latestCode(quick, 'sara@example.test');
		expect(fresh).not.toBe(oldCode === fresh ? '' : oldCode);
		const ok = await run({ resume: { token: expired.challenge!.resumeToken, code: fresh } });
		expect(ok.status).toBe('connected');
	});
});

describe('a portal that is down', () => {
	test('nothing listening: portal unavailable, retried later, not a login failure', async () => {
		const closed = await startDemo();
		const url = closed.url;
		await closed.close();
		const result = await runPortal({
			portal: demoTelecom,
			baseUrl: url,
			credentials: credentials('anna@example.test'),
			mode: 'check',
		});
		expect(result).toMatchObject({
			status: 'connected',
			reason: 'PORTAL_UNAVAILABLE',
			retryable: true,
			pausesSchedule: false,
		});
	});

	test('a maintenance page: reason maintenance, retried later', async () => {
		demo.state.faults.maintenance = true;
		try {
			const result = await check('anna@example.test');
			expect(result).toMatchObject({ status: 'connected', reason: 'MAINTENANCE', retryable: true });
		} finally {
			demo.state.faults.maintenance = false;
		}
	});
});
