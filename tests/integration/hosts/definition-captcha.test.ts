import { readFileSync } from 'node:fs';
import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { definitionProblems } from '../../../portals/definitions/validate';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { startFakeSolver } from '../../helpers/fake-solver';
import { credentials, demoDefinitionFile, startDemo } from '../../helpers/demo';

/**
 * Captchas described in a definition (issue 33, section 4), as the coded adapter Demo Telecom
 * knows them, on the demo portal's classic layout over plain HTTP: an image captcha a person
 * reads (action required with the picture; the characters typed continue the sign-in), and an
 * "I'm not a robot" widget the configured solver answers before the form is sent.
 */
const API_KEY = 'solver-key-for-tests';
let demo: DemoPortal;
let solver: Awaited<ReturnType<typeof startFakeSolver>>;
beforeAll(async () => {
	demo = await startDemo();
	solver = await startFakeSolver({ apiKey: API_KEY });
});
afterAll(async () => {
	await solver.close();
});

const withCaptcha = (): DefinitionSpec => {
	const spec = JSON.parse(
		readFileSync(demoDefinitionFile('demo-telecom'), 'utf8'),
	) as DefinitionSpec;
	spec.engine = 'http';
	spec.login.captcha = {
		image: { image: '#captcha-image', input: 'input[name="captcha"]', wrongCode: ['do not match'] },
		widget: {
			kind: 'recaptcha',
			siteKeyFrom: 'form#login-form .g-recaptcha',
			tokenField: 'form#login-form textarea[name="g-recaptcha-response"]',
		},
	};
	return spec;
};

test('the definition validates; a widget kind it does not know is one problem', () => {
	const spec = withCaptcha();
	expect(definitionProblems(spec)).toEqual([]);
	(spec.login.captcha!.widget as { kind: string }).kind = 'funcaptcha';
	expect(definitionProblems(spec).map((p) => p.field)).toEqual(['login.captcha.widget.kind']);
});

test('an image captcha: action required with the image, then the characters a person typed sign in', async () => {
	const login = 'captcha@example.test';
	demo.state.failedLogins.set(login, 2);
	const portal = definitionPortal(withCaptcha());
	const first = await runPortal({
		portal,
		credentials: credentials(login),
		mode: 'list',
		baseUrl: demo.url,
	});
	expect(first.status).toBe('action_required');
	expect(first.reason).toBe('CAPTCHA_REQUIRED');
	expect(first.challenge?.image?.base64.length).toBeGreaterThan(20);
	const session = [...demo.state.sessions.values()].find(
		(s) => s.captchaFor === login && s.captcha,
	)!;
	const recovered = await runPortal({
		portal,
		credentials: credentials(login),
		mode: 'list',
		baseUrl: demo.url,
		resume: { token: first.challenge!.resumeToken, code: session.captcha! },
	});
	expect(recovered.status).toBe('connected');
	expect(recovered.selected.length).toBe(
		demo.state.documents.filter((d) => d.login === login).length,
	);
});

test('a widget captcha: answered by the solver before the form is sent; without one, no attempt is spent', async () => {
	demo.state.faults.tokenCaptcha = true;
	try {
		const login = 'anna@example.test';
		const portal = definitionPortal(withCaptcha());
		const attempts = demo.state.loginAttempts.get(login) ?? 0;
		const without = await runPortal({
			portal,
			credentials: credentials(login),
			mode: 'list',
			baseUrl: demo.url,
		});
		expect(without.reason).toBe('CAPTCHA_REQUIRED');
		expect(demo.state.loginAttempts.get(login) ?? 0).toBe(attempts);
		const solved = await runPortal({
			portal,
			credentials: credentials(login),
			mode: 'list',
			baseUrl: demo.url,
			captchaSolver: { baseUrl: solver.url, apiKey: API_KEY, pollMs: 10 },
		});
		expect(solved.status).toBe('connected');
		expect(solver.tasks.length).toBe(1);
	} finally {
		demo.state.faults.tokenCaptcha = false;
	}
});
