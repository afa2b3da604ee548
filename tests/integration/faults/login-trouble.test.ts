import { latestCode } from '../../helpers/demo';
import {
	account,
	connect,
	expectDebugMaterial,
	notApplicable,
	onBothEngines,
	run,
	scenario,
	shown,
	simple,
	type Engine,
} from './matrix';

/**
 * The fault matrix (matrix.ts): trouble signing in: a locked account, new terms, wrong
 * passwords, a captcha, a code that expires.
 */
function scenarios(engine: Engine): void {
	simple(
		engine,
		'the account is locked on the portal',
		'locked@example.test',
		(c) => c.demo.state.failedLogins.set(c.login, 3),
		(c) => c.demo.state.failedLogins.delete(c.login),
		{ status: 'login_failed', reason: 'ACCOUNT_LOCKED' },
	);
	simple(
		engine,
		'new terms to accept (never accepted for the user)',
		'terms@example.test',
		() => undefined,
		(c) => delete account(c).interstitial,
		{ status: 'action_required', reason: 'TERMS_ACCEPTANCE_REQUIRED' },
		{
			check: (first, conn) => expectDebugMaterial(conn, first),
		},
	);

	scenario(engine, 'a wrong password that the portal quotes back', async (conn) => {
		conn.demo.state.faults.echoPassword = true;
		const typed = 'Typed-wrong-9x7q';
		const first = await run(conn, {}, { password: typed });
		expect(first.message).toContain('is incorrect');
		expect(JSON.stringify(first)).not.toContain(typed);
		delete conn.demo.state.faults.echoPassword;
		return {
			first,
			want: { status: 'login_failed', reason: 'WRONG_CREDENTIALS' },
			note: 'the quoted password is masked in the message and everything the run returns',
		};
	});

	scenario(engine, 'a wrong password, then the right one', async (conn) => ({
		first: await run(conn, {}, { password: 'not-the-password' }),
		want: { status: 'login_failed', reason: 'WRONG_CREDENTIALS' },
	}));

	const captcha = 'a captcha after failed logins, answered by a person';
	if (engine === 'browser') {
		scenario(
			engine,
			captcha,
			async (conn) => {
				conn.demo.state.failedLogins.set(conn.login, 2);
				const first = await run(conn);
				expect(first.challenge?.image?.mimeType).toBe('image/png');
				// The person reads the image and types it (here: what the portal expects for that session).
				const session = [...conn.demo.state.sessions.values()].find(
					(s) => s.captchaFor === conn.login && s.captcha,
				)!;
				const recovered = await run(conn, {
					resume: { token: first.challenge!.resumeToken, code: session.captcha! },
				});
				return {
					first,
					want: { status: 'action_required', reason: 'CAPTCHA_REQUIRED' },
					recovered,
				};
			},
			'captcha@example.test',
		);
	} else {
		test(`${captcha}: over HTTP a definition stops at it for a person, without spending a login attempt`, async () => {
			const conn = await connect(engine, 'captcha@example.test');
			conn.demo.state.failedLogins.set(conn.login, 2);
			const first = await run(conn);
			// Not login_failed, which would pause the schedule until the credential changes; the
			// portal's own words say what it wants.
			expect(first.status).toBe('action_required');
			expect(first.message).toContain('Please confirm that you are not a robot');
			expect(conn.demo.state.failedLogins.get(conn.login)).toBe(2);
			expectDebugMaterial(conn, first);
			notApplicable(
				captcha,
				engine,
				'the definition this row runs (demo-telecom) describes no captcha (a definition may, login.captcha: tests/integration/hosts/definition-captcha.test.ts); a definition run without one stops at the captcha page (action required, the portal’s words and its redacted HTML), no attempt spent',
				shown(first),
			);
		});
	}

	scenario(
		engine,
		'an SMS code that expires early, then a fresh one',
		async (conn) => {
			conn.demo.state.faults.codeTtlMs = 200;
			const asked = await run(conn);
			expect(asked.reason).toBe('CODE_REQUIRED_SMS');
			await new Promise((done) => setTimeout(done, 400));
			const first = await run(conn, {
				resume: { token: asked.challenge!.resumeToken, code: latestCode(conn.demo, conn.login) },
			});
			// Whatever the reason, the user reads the portal's words and gets a token for the new code.
			expect(first.message).toContain('This code has expired');
			// The portal sent a new code with its "expired" message; the new token continues with it.
			delete conn.demo.state.faults.codeTtlMs;
			const recovered = await run(conn, {
				resume: { token: first.challenge!.resumeToken, code: latestCode(conn.demo, conn.login) },
			});
			return {
				first,
				want: { status: 'action_required', reason: 'CODE_EXPIRED' },
				recovered,
				// Definitions say which words mean an expired code (codePrompts[].expiredCode): the
				// HTTP row reads it as the coded adapter does (this was the matrix's one gap).
			};
		},
		'sara@example.test',
	);
}

onBothEngines(scenarios);
