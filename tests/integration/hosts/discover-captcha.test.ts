import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { startFakeSolver } from '../../helpers/fake-solver';
import { credentials, startDemo } from '../../helpers/demo';

/**
 * Discovery recognises the sign-in form's captchas and writes them into the definition
 * (login.captcha), as the coded adapter Demo Telecom knows them: the image captcha the demo's
 * classic layout shows after two failed logins, and its "I'm not a robot" widget (the
 * tokenCaptcha fault), which the solver answers, in discovery and in the definition's runs.
 */
const API_KEY = 'solver-key-for-discovery';
let demo: DemoPortal;
let solver: Awaited<ReturnType<typeof startFakeSolver>>;
beforeAll(async () => {
	demo = await startDemo();
	solver = await startFakeSolver({ apiKey: API_KEY });
});
afterAll(async () => {
	await solver.close();
});

test('an image captcha: discovery asks a person, then writes login.captcha.image', async () => {
	const login = 'captcha@example.test';
	demo.state.failedLogins.set(login, 2);
	const portal = automaticPortal({ loginUrl: `${demo.url}/login` });
	const first = await runPortal({ portal, credentials: credentials(login), mode: 'list' });
	expect(first.reason).toBe('CAPTCHA_REQUIRED');
	const session = [...demo.state.sessions.values()].find(
		(s) => s.captchaFor === login && s.captcha,
	)!;
	const done = await runPortal({
		portal,
		credentials: credentials(login),
		mode: 'list',
		learned: first.learned,
		resume: { token: first.challenge!.resumeToken, code: session.captcha! },
	});
	expect(done.status).toBe('connected');
	const captcha = (done.learned as AutomaticLearned).definition!.login.captcha;
	expect(captcha?.image).toEqual({
		image: '#captcha-image',
		input: expect.stringContaining('captcha'),
	});
});

test('a widget captcha: discovery has the solver answer it and writes login.captcha.widget; the definition runs with it over HTTP', async () => {
	demo.state.faults.tokenCaptcha = true;
	try {
		const captchaSolver = { baseUrl: solver.url, apiKey: API_KEY, pollMs: 10 };
		const first = await runPortal({
			portal: automaticPortal({ loginUrl: `${demo.url}/login` }),
			credentials: credentials('anna@example.test'),
			mode: 'list',
			captchaSolver,
		});
		expect(first.status).toBe('connected');
		const definition = (first.learned as AutomaticLearned).definition!;
		expect(definition.login.captcha?.widget).toEqual({
			kind: 'recaptcha',
			siteKeyFrom: '[data-sitekey]',
			tokenField: '[name="g-recaptcha-response"]',
		});
		const tasks = solver.tasks.length;
		const again = await runPortal({
			portal: definitionPortal({ ...definition, engine: 'http' }),
			credentials: credentials('anna@example.test'),
			mode: 'list',
			captchaSolver,
		});
		expect(again.status).toBe('connected');
		expect(solver.tasks.length).toBe(tasks + 1);
	} finally {
		demo.state.faults.tokenCaptcha = false;
	}
});
