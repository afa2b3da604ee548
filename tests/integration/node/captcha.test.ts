import type { DemoPortal } from '../../../testbeds/demo-portal';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import { startDemo } from '../../helpers/demo';
import { startFakeSolver } from '../../helpers/fake-solver';
import { addSecret } from '../../helpers/secret-scan';
import { demoCredential, loadWorkflow, withParameters } from '../../helpers/workflows';

/**
 * Captchas through n8n (issue 8). An image captcha goes to a person: *action required* with the
 * picture as binary, and the typed characters go to Submit Code like any code. An "I'm not a
 * robot" token captcha goes to a captcha solver credential (2Captcha protocol; here a local
 * fake that solves the demo portal's widget); without one it is *action required* with a
 * screenshot.
 */
process.env.INVOICE_PORTALS_SOLVER_POLL_MS = '200';
const API_KEY = 'solver-key-0123456789abcdef';
addSecret(API_KEY);
addSecret('wrong-key-value-987654');

let demo: DemoPortal;
let solver: Awaited<ReturnType<typeof startFakeSolver>>;
beforeAll(async () => {
	demo = await startDemo();
	solver = await startFakeSolver({ apiKey: API_KEY, notReadyPolls: 2 });
});
afterAll(async () => {
	await solver.close();
});

const download = loadWorkflow('download.json');

/** download.json with Captcha Solver: Solver Service and the solver credential selected on the node. */
function withSolver(workflow = download) {
	const copy = structuredClone(workflow);
	const node = copy.nodes.find((n) => n.name === 'Invoice Portal')!;
	node.parameters = { ...node.parameters, captchaSolver: 'solverService' };
	node.credentials = {
		...node.credentials,
		invoicePortalCaptchaSolverApi: { id: 'solver-1', name: 'Solver' },
	};
	return copy;
}

const documentsOf = (login: string) =>
	demo.state.documents
		.filter((d) => d.login === login)
		.map((d) => d.number)
		.sort();

test('image captcha: action required with the picture as binary; the characters typed by a person go to Submit Code and the download continues', async () => {
	const login = 'captcha@example.test';
	const wrong = { 'cred-1': demoCredential(demo, login, { password: 'not-the-password' }) };
	// Two wrong passwords: from then on this portal shows a captcha with the login form.
	for (let i = 0; i < 2; i++) await runWorkflow(download, { credentials: wrong });
	expect(demo.state.failedLogins.get(login)).toBe(2);

	const credentials = { 'cred-1': demoCredential(demo, login) };
	const first = await runWorkflow(download, { credentials });
	const [action] = first.output('Invoice Portal', 1);
	expect(action.json).toMatchObject({
		status: 'action_required',
		reason: 'CAPTCHA_REQUIRED',
		method: 'captcha',
	});
	expect(action.binary?.captcha?.mimeType).toBe('image/png');
	expect((await binaryBuffer(action, 'captcha')).subarray(1, 4).toString()).toBe('PNG');

	// The person reads the picture: here, the text the portal drew into it (newest session).
	const text = [...demo.state.sessions.values()]
		.reverse()
		.find((s) => s.captchaFor === login && s.captcha)!.captcha!;
	const submit = withParameters(download, 'Invoice Portal', {
		resource: 'connection',
		operation: 'submitCode',
		resumeToken: action.json.resumeToken,
		code: text.toLowerCase(),
	});
	const done = await runWorkflow(submit, { credentials, staticData: first.staticData });
	expect(done.error('Invoice Portal')).toBeUndefined();
	expect(
		done
			.output('Invoice Portal', 0)
			.map((i) => String(i.json.number))
			.sort(),
	).toEqual(documentsOf(login));
});

describe('an "I\'m not a robot" token captcha on the login form', () => {
	beforeAll(() => {
		demo.state.faults.tokenCaptcha = true;
	});
	afterAll(() => {
		demo.state.faults.tokenCaptcha = false;
	});
	const anna = 'anna@example.test';

	test('with a solver credential: the site key and page go to the solver, its token is put into the form, and every document arrives', async () => {
		const before = solver.tasks.length;
		const run = await runWorkflow(withSolver(), {
			credentials: {
				'cred-1': demoCredential(demo, anna),
				'solver-1': { baseUrl: solver.url, apiKey: API_KEY },
			},
		});
		expect(run.error('Invoice Portal')).toBeUndefined();
		expect(run.output('Invoice Portal', 1)).toEqual([]);
		expect(
			run
				.output('Invoice Portal', 0)
				.map((i) => String(i.json.number))
				.sort(),
		).toEqual(documentsOf(anna));
		const [task] = solver.tasks.slice(before);
		expect(task).toMatchObject({
			siteKey: 'demo-recaptcha-6LcDemoTelecomSiteKey',
			pageUrl: `${demo.url}/login`,
		});
		// It polled through "not ready" until the token came.
		expect(task.polls).toBe(3);
		// The portal accepted the token (each is good once): none is left unused.
		expect(demo.state.captchaTokens.size).toBe(0);
	});

	test('without a solver: action required, reason captcha, with a screenshot; the form is not sent, so no login attempt is spent', async () => {
		const attempts = demo.state.loginAttempts.get(anna) ?? 0;
		const run = await runWorkflow(download, {
			credentials: { 'cred-1': demoCredential(demo, anna) },
		});
		const [action] = run.output('Invoice Portal', 1);
		expect(action.json).toMatchObject({ status: 'action_required', reason: 'CAPTCHA_REQUIRED' });
		expect(String(action.json.message)).toMatch(/not a robot/);
		expect(String(action.json.remedy)).toMatch(/captcha solver credential/);
		expect((await binaryBuffer(action, 'screenshot')).subarray(1, 4).toString()).toBe('PNG');
		expect(demo.state.loginAttempts.get(anna) ?? 0).toBe(attempts);
	});

	test("a solver that refuses the key, or never finishes within its time: action required naming the solver's answer, never the key", async () => {
		const refused = await runWorkflow(withSolver(), {
			credentials: {
				'cred-1': demoCredential(demo, anna),
				'solver-1': { baseUrl: solver.url, apiKey: 'wrong-key-value-987654' },
			},
		});
		const [action] = refused.output('Invoice Portal', 1);
		expect(action.json).toMatchObject({ status: 'action_required', reason: 'CAPTCHA_REQUIRED' });
		expect(String(action.json.message)).toContain('ERROR_WRONG_USER_KEY');
		expect(JSON.stringify(action.json)).not.toContain('wrong-key-value-987654');

		const slow = await startFakeSolver({ apiKey: API_KEY, neverReady: true });
		try {
			const run = await runWorkflow(withSolver(), {
				credentials: {
					'cred-1': demoCredential(demo, anna),
					'solver-1': { baseUrl: slow.url, apiKey: API_KEY, timeoutSeconds: 1 },
				},
			});
			const [late] = run.output('Invoice Portal', 1);
			expect(late.json).toMatchObject({ reason: 'CAPTCHA_REQUIRED' });
			expect(String(late.json.message)).toMatch(/did not return a token within 1 s/);
			expect(slow.tasks[0].polls).toBeGreaterThanOrEqual(1);
		} finally {
			await slow.close();
		}
	});

	test('a solver credential without a web address: one error naming the field, and the portal gets no request', async () => {
		const served = demo.state.listPagesServed.length;
		const attempts = demo.state.loginAttempts.get(anna) ?? 0;
		const run = await runWorkflow(withSolver(), {
			credentials: {
				'cred-1': demoCredential(demo, anna),
				'solver-1': { baseUrl: '2captcha.com', apiKey: API_KEY },
			},
		});
		expect(run.error('Invoice Portal')?.message).toMatch(
			/captcha solver Base URL: "2captcha.com" is not a web address/,
		);
		expect(demo.state.loginAttempts.get(anna) ?? 0).toBe(attempts);
		expect(demo.state.listPagesServed.length).toBe(served);
	});
});
