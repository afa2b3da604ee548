import { runPortal } from '../../../portals/core/run/portal-run';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import { freshCode, parseTotpSecret } from '../../../portals/core/login/totp';
import { systemClock } from '../../../portals/core/timing/clock';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { credentials, startDemo } from '../../helpers/demo';

/**
 * The Automatic portal's login discovery (issue 16, section 2) on the demo portal's three
 * layouts, given only the login page's address: the form, two steps, the code page, and what
 * the portal answers to a wrong password or a locked account.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const check = (path: string, login: string, extra: Parameters<typeof credentials>[1] = {}) =>
	runPortal({
		portal: automaticPortal({ loginUrl: `${demo.url}${path}` }),
		credentials: credentials(login, extra),
		mode: 'check',
	});
const learnedOf = (result: { learned?: unknown }) => result.learned as AutomaticLearned;

test('the classic layout: one form, a log-out link afterwards', async () => {
	const result = await check('/login', 'anna@example.test');
	expect(result.status).toBe('connected');
	const login = learnedOf(result).login!;
	expect(login.steps).toEqual([
		{
			fields: [
				{ selector: '#username', value: 'username' },
				{ selector: '#password', value: 'password' },
			],
			submit: expect.stringMatching(/button/),
		},
	]);
	expect(login.loggedIn?.selector).toBeTruthy();
	expect(result.discovery!.join('\n')).toMatch(/log-out link "Log out"/);
});

test('an authenticator code page is answered from the secret; without it the run asks for the code and resumes', async () => {
	const auto = await check('/login', 'tom@example.test');
	expect(auto.status).toBe('connected');
	expect(auto.discovery!.join('\n')).toMatch(/code page: authenticator app code/);
	expect(learnedOf(auto).login!.codePrompts![0]).toMatchObject({
		method: 'authenticator_app',
		input: '#code',
	});

	const asked = await check('/login', 'tom@example.test', { authenticatorSecret: undefined });
	expect(asked.reason).toBe('CODE_REQUIRED_APP');
	const { code } = await freshCode(
		parseTotpSecret(credentials('tom@example.test').authenticatorSecret!),
		systemClock,
	);
	const resumed = await runPortal({
		portal: automaticPortal({ loginUrl: `${demo.url}/login` }),
		credentials: credentials('tom@example.test', { authenticatorSecret: undefined }),
		mode: 'check',
		resume: { token: asked.challenge!.resumeToken, code },
		learned: asked.learned,
	});
	expect(resumed.status).toBe('connected');
});

test('the /eu/ layout: user name first, the password on the next page', async () => {
	const result = await check('/eu/login', 'anna@example.test');
	expect(result.status).toBe('connected');
	const steps = learnedOf(result).login!.steps!;
	expect(steps.map((s) => s.fields.map((f) => `${f.value} ${f.selector}`))).toEqual([
		['username #email'],
		['password #wachtwoord'],
	]);
	expect(steps.map((s) => s.submit)).toEqual(['#volgende', '#inloggen']);
});

test('the /app/ layout: a form the page draws with a script', async () => {
	const result = await check('/app/', 'anna@example.test');
	expect(result.status).toBe('connected');
	expect(learnedOf(result).login!.steps![0].fields.map((f) => f.selector)).toEqual([
		'#user',
		'#pass',
	]);
});

test('a wrong password and a locked account are told apart from the message next to the form', async () => {
	const wrong = await check('/eu/login', 'anna@example.test', { password: 'not-the-password' });
	expect(wrong).toMatchObject({ status: 'login_failed', reason: 'WRONG_CREDENTIALS' });
	expect(wrong.message).toMatch(/Onjuist/);
	// The demo locks this account after three wrong passwords.
	for (let i = 0; i < 3; i++)
		await check('/login', 'locked@example.test', { password: 'not-the-password' });
	const locked = await check('/login', 'locked@example.test');
	expect(locked.reason).toBe('ACCOUNT_LOCKED');
	expect(locked.message).toMatch(/locked/i);
});

test('a login URL without a sign-in form says what the Login URL must be', async () => {
	const result = await check('/outbox', 'anna@example.test');
	expect(result.reason).toBe('LAYOUT_CHANGED');
	expect(result.message).toMatch(/Login URL: it must be the page where you type/);
});
