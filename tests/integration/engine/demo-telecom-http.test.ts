import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { browserLaunchCount } from '../../../portals/core/browser/launch';
import type { PortalDefinition } from '../../../portals/core/contract/adapter';
import { demoTelecom } from '../../../portals/adapters/demo-telecom';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import {
	comparable,
	credentials,
	latestCode,
	seededDocuments,
	startDemo,
} from '../../helpers/demo';
import { startFakeSolver } from '../../helpers/fake-solver';
import { addSecret } from '../../helpers/secret-scan';

/**
 * Demo Telecom's coded adapter works through the run's surface alone (no Playwright), so the
 * same adapter runs over plain HTTP. Its definition keeps the browser, so that what the demo
 * shows its users stays as it was (the browser engine, the captcha as a PNG); here it is given
 * the HTTP engine, and no browser starts.
 */
const overHttp: PortalDefinition = { ...demoTelecom, engine: 'http' };

let demo: DemoPortal;
beforeAll(async () => {
	// Three documents a page: every customer number's list has several pages.
	demo = await startDemo({ pageSize: 3 });
});

const run = (login: string, extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal: overHttp,
		baseUrl: demo.url,
		credentials: credentials(login),
		mode: 'download',
		...extra,
	});

test('a download over plain HTTP: every document of every customer number, from every list page, statements through their export forms; no browser started', async () => {
	const launches = browserLaunchCount();
	const result = await run('anna@example.test');
	expect(result).toMatchObject({ status: 'connected', reason: undefined, engine: 'http' });
	expect(result.failures).toEqual([]);
	const expected = seededDocuments(demo, 'anna@example.test');
	expect(new Set(expected.map((d) => d.accountId)).size).toBeGreaterThan(1);
	expect(expected.some((d) => d.type === 'statement')).toBe(true);
	expect(comparable(result.documents)).toEqual(expected);
	for (const doc of result.documents)
		expect(doc.data.toString('latin1')).toContain(`Document number: ${doc.number}`);
	expect(browserLaunchCount()).toBe(launches);
});

test('an SMS code over plain HTTP: action required, and the code from the outbox completes the login', async () => {
	const first = await run('sara@example.test', { mode: 'check' });
	expect(first).toMatchObject({
		status: 'action_required',
		reason: 'CODE_REQUIRED_SMS',
		challenge: { method: 'sms' },
	});
	expect(first.challenge?.portalMessage).toMatch(/SMS to \*+1234/);
	const second = await run('sara@example.test', {
		mode: 'check',
		resume: { token: first.challenge!.resumeToken, code: latestCode(demo, 'sara@example.test') },
	});
	expect(second).toMatchObject({ status: 'connected', engine: 'http' });
});

test('an image captcha over plain HTTP: the picture is the image the portal serves, and the typed text completes the login', async () => {
	const login = 'captcha@example.test';
	const wrong = credentials(login, { password: 'guess' });
	for (let i = 0; i < 2; i++) await run(login, { mode: 'check', credentials: wrong });
	const blocked = await run(login, { mode: 'check' });
	expect(blocked).toMatchObject({
		status: 'action_required',
		reason: 'CAPTCHA_REQUIRED',
		challenge: { method: 'captcha' },
	});
	// No browser draws it here: the portal's own image file, an SVG.
	const image = blocked.challenge!.image!;
	expect(image.mimeType).toBe('image/svg+xml');
	expect(Buffer.from(image.base64, 'base64').toString()).toMatch(/^<svg/);
	const session = [...demo.state.sessions.values()]
		.filter((s) => s.captchaFor === login && s.captcha)
		.sort((a, b) => b.lastSeen - a.lastSeen)[0];
	const ok = await run(login, {
		mode: 'check',
		resume: { token: blocked.challenge!.resumeToken, code: session.captcha!.toLowerCase() },
	});
	expect(ok.status).toBe('connected');
});

test('a page that blocks the account over plain HTTP: action required with its reason and what the portal says', async () => {
	const result = await run('terms@example.test', { mode: 'check' });
	expect(result).toMatchObject({
		status: 'action_required',
		reason: 'TERMS_ACCEPTANCE_REQUIRED',
	});
	expect(result.message).toMatch(/Updated terms and conditions/);
});

test('an "I\'m not a robot" check over plain HTTP: the solver\'s token goes into the form and the portal accepts it', async () => {
	const apiKey = 'solver-key-http-0123456789';
	addSecret(apiKey);
	const solver = await startFakeSolver({ apiKey });
	demo.state.faults.tokenCaptcha = true;
	try {
		const result = await run('anna@example.test', {
			mode: 'check',
			captchaSolver: { baseUrl: solver.url, apiKey, pollMs: 10 },
		});
		expect(result).toMatchObject({ status: 'connected', engine: 'http' });
		expect(solver.tasks).toHaveLength(1);
		// The portal took the one token the solver got for it.
		expect(demo.state.captchaTokens.size).toBe(0);
	} finally {
		demo.state.faults.tokenCaptcha = false;
		await solver.close();
	}
});
