import { runPortal } from '../../../portals/core/run/portal-run';
import { PortalError } from '../../../portals/core/outcomes/errors';
import { seal, unseal, type SealScope } from '../../../portals/core/login/session-crypto';
import { demoTelecom } from '../../../portals/adapters/demo-telecom';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { credentials, startDemo } from '../../helpers/demo';

const scope: SealScope = {
	purpose: 'session',
	portal: 'demo-telecom',
	secrets: ['anna@example.test', 'anna-pass-2026', ''],
};

async function codeOf(fn: () => Promise<unknown>): Promise<string> {
	try {
		await fn();
	} catch (error) {
		expect(error).toBeInstanceOf(PortalError);
		return (error as PortalError).code;
	}
	throw new Error('no error thrown');
}

describe('sealed sessions and resume tokens', () => {
	const payload = { cookies: [{ name: 'dt_session', value: 'secret-cookie-value' }] };

	test('round trip, and the cookie is not readable in the blob', async () => {
		const blob = await seal(payload, Date.now() + 60_000, scope);
		expect(blob).toMatch(/^ipx1\.[A-Za-z0-9_-]+$/);
		expect(Buffer.from(blob.slice(5), 'base64url').toString('latin1')).not.toContain(
			'secret-cookie-value',
		);
		expect(await unseal(blob, scope)).toEqual(payload);
	});

	test('a tampered blob is refused', async () => {
		const blob = await seal(payload, Date.now() + 60_000, scope);
		const raw = Buffer.from(blob.slice(5), 'base64url');
		raw[raw.length - 3] ^= 0x01;
		expect(await codeOf(() => unseal(`ipx1.${raw.toString('base64url')}`, scope))).toBe(
			'RESUME_TOKEN_INVALID',
		);
		expect(await codeOf(() => unseal(blob.slice(0, 40), scope))).toBe('RESUME_TOKEN_INVALID');
		expect(await codeOf(() => unseal('hello', scope))).toBe('RESUME_TOKEN_INVALID');
	});

	test('a blob of another credential, another portal or another purpose is refused', async () => {
		const blob = await seal(payload, Date.now() + 60_000, scope);
		expect(
			await codeOf(() =>
				unseal(blob, { ...scope, secrets: ['anna@example.test', 'other-password', ''] }),
			),
		).toBe('RESUME_TOKEN_INVALID');
		expect(await codeOf(() => unseal(blob, { ...scope, portal: 'other-portal' }))).toBe(
			'RESUME_TOKEN_INVALID',
		);
		expect(await codeOf(() => unseal(blob, { ...scope, purpose: 'resume' }))).toBe(
			'RESUME_TOKEN_INVALID',
		);
	});

	test('an expired blob is refused with its own reason', async () => {
		const session = await seal(payload, Date.now() - 1, scope);
		expect(await codeOf(() => unseal(session, scope))).toBe('SESSION_EXPIRED');
		const token = await seal(payload, Date.now() - 1, { ...scope, purpose: 'resume' });
		expect(await codeOf(() => unseal(token, { ...scope, purpose: 'resume' }))).toBe(
			'RESUME_TOKEN_EXPIRED',
		);
	});
});

describe('saved sessions against the portal', () => {
	let demo: DemoPortal;
	beforeAll(async () => {
		demo = await startDemo();
	});
	const run = (savedSession?: string, login = 'anna@example.test', portal = demo) =>
		runPortal({
			portal: demoTelecom,
			baseUrl: portal.url,
			credentials: credentials(login),
			mode: 'list',
			savedSession,
		});

	test('a saved session restores the login: no password is sent again and the documents are listed', async () => {
		const first = await run();
		expect(first.loginPerformed).toBe(true);
		const logins = demo.state.passwordLogins.get('anna@example.test');
		const second = await run(first.session);
		expect(second).toMatchObject({
			status: 'connected',
			sessionReused: true,
			loginPerformed: false,
		});
		expect(second.counts.found).toBe(first.counts.found);
		expect(demo.state.passwordLogins.get('anna@example.test')).toBe(logins);
	});

	test('a saved session after a TOTP login skips the code prompt next time', async () => {
		const first = await run(undefined, 'tom@example.test');
		const second = await run(first.session, 'tom@example.test');
		expect(second).toMatchObject({ status: 'connected', sessionReused: true });
	});

	test('a session the portal has ended leads to a fresh login, not a failure', async () => {
		const shortLived = await startDemo({ sessionTtlSeconds: 1 });
		const first = await run(undefined, 'anna@example.test', shortLived);
		await new Promise((r) => setTimeout(r, 1500));
		const second = await run(first.session, 'anna@example.test', shortLived);
		expect(second).toMatchObject({
			status: 'connected',
			sessionReused: false,
			loginPerformed: true,
		});
	});

	test('a tampered saved session is not used: the run logs in again', async () => {
		const first = await run();
		const tampered =
			first.session!.slice(0, -4) + (first.session!.endsWith('AAAA') ? 'BBBB' : 'AAAA');
		const second = await run(tampered);
		expect(second).toMatchObject({
			status: 'connected',
			sessionReused: false,
			loginPerformed: true,
		});
	});

	test('a tampered resume token is refused with a clear error before anything runs', async () => {
		const first = await runPortal({
			portal: demoTelecom,
			baseUrl: demo.url,
			credentials: credentials('sara@example.test'),
			mode: 'check',
		});
		const token = first.challenge!.resumeToken;
		const bad = token.slice(0, -6) + (token.endsWith('xxxxxx') ? 'yyyyyy' : 'xxxxxx');
		await expect(
			runPortal({
				portal: demoTelecom,
				baseUrl: demo.url,
				credentials: credentials('sara@example.test'),
				mode: 'check',
				resume: { token: bad, code: '123456' },
			}),
		).rejects.toMatchObject({
			code: 'RESUME_TOKEN_INVALID',
			message: expect.stringMatching(/altered|another credential/),
		});
	});
});
