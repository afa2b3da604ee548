import type { ICredentialTestFunctions } from 'n8n-workflow';
import { InvoicePortal } from '../../../nodes/InvoicePortal/InvoicePortal.node';
import { REASONS } from '../../../portals/core/outcomes/reasons';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { startDemo } from '../../helpers/demo';
import { runWorkflow } from '../../../testbeds/n8n-engine';
import { demoCredential, loadWorkflow, withParameters } from '../../helpers/workflows';

const base = loadWorkflow('download.json');
const check = withParameters(base, 'Invoice Portal', {
	resource: 'connection',
	operation: 'check',
});
const getStatus = withParameters(base, 'Invoice Portal', {
	resource: 'connection',
	operation: 'getStatus',
});

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

describe('wrong password', () => {
	const wrong = () => ({
		'cred-1': demoCredential(demo, 'anna@example.test', { password: 'not-it' }),
	});

	test('Download fails with a NodeOperationError that carries the remedy', async () => {
		const result = await runWorkflow(base, { credentials: wrong() });
		const error = result.error('Invoice Portal') as Error & { description?: string; name: string };
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(
			/^Login failed: The portal says: The e-mail address or password is incorrect\. \[WRONG_CREDENTIALS\]/,
		);
		expect(error.description).toBe(REASONS.WRONG_CREDENTIALS.remedy);
		expect(JSON.stringify(result.run.data)).not.toContain('not-it');
	});

	test('"Continue" on fail: the error is an item on the Documents output and the workflow goes on', async () => {
		const workflow = withParameters(
			base,
			'Invoice Portal',
			{ resource: 'document', operation: 'download', filters: {} },
			{ onError: 'continueRegularOutput' },
		);
		const result = await runWorkflow(workflow, { credentials: wrong() });
		expect(result.run.status).toBe('success');
		const [item] = result.output('Invoice Portal', 0);
		expect(item.json.error).toMatch(/WRONG_CREDENTIALS/);
		expect((item.error as { description?: string }).description).toBe(
			REASONS.WRONG_CREDENTIALS.remedy,
		);
	});

	test('"Continue (using error output)": the error goes to the error output', async () => {
		const workflow = withParameters(
			base,
			'Invoice Portal',
			{ resource: 'document', operation: 'download', filters: {} },
			{ onError: 'continueErrorOutput' },
		);
		const result = await runWorkflow(workflow, { credentials: wrong() });
		expect(result.run.status).toBe('success');
		expect(result.output('Invoice Portal', 0)).toEqual([]);
		expect(result.output('Invoice Portal', 1)).toEqual([]);
		const [item] = result.output('Invoice Portal', 2);
		expect(item.json.error).toMatch(/WRONG_CREDENTIALS/);
	});
});

describe('Connection: Check and Get Status', () => {
	test('Check reports connected, login failed, and action required (on its own output, with a token)', async () => {
		const ok = await runWorkflow(check, {
			credentials: { 'cred-1': demoCredential(demo, 'tom@example.test') },
		});
		expect(ok.output('Invoice Portal', 0)[0].json).toMatchObject({
			status: 'connected',
			reason: null,
			statusLabel: 'Connected',
		});

		const failed = await runWorkflow(check, {
			credentials: { 'cred-1': demoCredential(demo, 'tom@example.test', { password: 'nope' }) },
		});
		expect(failed.output('Invoice Portal', 0)[0].json).toMatchObject({
			status: 'login_failed',
			reason: 'WRONG_CREDENTIALS',
			remedy: REASONS.WRONG_CREDENTIALS.remedy,
		});

		const sms = await runWorkflow(check, {
			credentials: { 'cred-1': demoCredential(demo, 'sara@example.test') },
		});
		expect(sms.output('Invoice Portal', 0)).toEqual([]);
		expect(sms.output('Invoice Portal', 1)[0].json).toMatchObject({
			status: 'action_required',
			method: 'sms',
		});
	});

	test('an interstitial goes to Action Required with what the portal wants and a screenshot', async () => {
		const result = await runWorkflow(check, {
			credentials: { 'cred-1': demoCredential(demo, 'terms@example.test') },
		});
		const [item] = result.output('Invoice Portal', 1);
		expect(item.json).toMatchObject({
			status: 'action_required',
			reason: 'TERMS_ACCEPTANCE_REQUIRED',
			method: 'terms',
			resumeToken: null,
		});
		expect(item.binary?.screenshot?.mimeType).toBe('image/png');
	});

	test('Get Status returns the last known status, reason, remedy, last success and counts, from a store on disk', async () => {
		const credentials = { 'cred-1': demoCredential(demo, 'billing@example.test') };
		const never = await runWorkflow(getStatus, { credentials });
		expect(never.output('Invoice Portal', 0)[0].json).toMatchObject({
			status: null,
			message: 'This connection has not run yet.',
		});

		await runWorkflow(base, { credentials });
		// A new engine run with no static data: the status comes from the store, not from memory.
		const status = await runWorkflow(getStatus, { credentials });
		expect(status.output('Invoice Portal', 0)[0].json).toMatchObject({
			status: 'action_required',
			reason: 'PAYMENT_DETAILS_REQUIRED',
			remedy: REASONS.PAYMENT_DETAILS_REQUIRED.remedy,
			source: 'action',
		});
		expect(status.output('Invoice Portal', 0)[0].json.lastSuccessAt).toBeUndefined();

		const annaCredentials = { 'cred-1': demoCredential(demo, 'anna@example.test') };
		await runWorkflow(
			withParameters(base, 'Invoice Portal', {
				resource: 'document',
				operation: 'list',
				filters: {},
			}),
			{ credentials: annaCredentials },
		);
		const anna = (await runWorkflow(getStatus, { credentials: annaCredentials })).output(
			'Invoice Portal',
			0,
		)[0].json;
		expect(anna).toMatchObject({ status: 'connected', lastCounts: { found: 28 } });
		expect(Date.parse(String(anna.lastSuccessAt))).toBeGreaterThan(Date.now() - 60_000);
	});
});

describe("the credential's Test button performs a real login", () => {
	const node = new InvoicePortal();
	const test_ = (login: string, overrides: Record<string, string> = {}) =>
		node.methods.credentialTest.invoicePortalLoginTest.call({} as ICredentialTestFunctions, {
			id: 'cred-test',
			name: 'Test',
			type: 'invoicePortalApi',
			data: demoCredential(demo, login, overrides),
		});

	test.each([
		['anna@example.test', {}, 'OK', /^Login works\.$/],
		['tom@example.test', {}, 'OK', /^Login works\.$/],
		['tom@example.test', { authenticatorSecret: '' }, 'Error', /authenticator-app code/],
		[
			'anna@example.test',
			{ password: 'wrong' },
			'Error',
			/password is incorrect.*Log in on the portal website/,
		],
		[
			'sara@example.test',
			{},
			'Error',
			/Credentials accepted, but this portal asks for an SMS code at login.*two-factor workflow template/,
		],
		['eric@example.test', {}, 'Error', /asks for an e-mail code/],
		['lena@example.test', {}, 'Error', /asks for an e-mail code/],
		['terms@example.test', {}, 'Error', /terms.*accept the new terms there/i],
		['expired@example.test', {}, 'Error', /password has expired/],
		['billing@example.test', {}, 'Error', /payment details/],
		[
			'anna@example.test',
			{ authenticatorSecret: 'not base32!' },
			'Error',
			/authenticatorSecret: is not Base32/,
		],
	])('%s %j → %s', async (login, overrides, status, message) => {
		const result = await test_(login, overrides);
		expect(result.status).toBe(status);
		expect(result.message).toMatch(message);
	});

	test('locked account', async () => {
		for (let i = 0; i < 3; i++) await test_('locked@example.test', { password: 'wrong' });
		const result = await test_('locked@example.test');
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/locked/) });
	});

	test('portal unreachable', async () => {
		const closed = await startDemo();
		await closed.close();
		const result = await node.methods.credentialTest.invoicePortalLoginTest.call(
			{} as ICredentialTestFunctions,
			{
				id: 'x',
				name: 'x',
				type: 'invoicePortalApi',
				data: { portal: 'demo-telecom', loginUrl: closed.url, username: 'a@b.c', password: 'x' },
			},
		);
		expect(result).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(
				/cannot be reached.*refused the connection.*Check the credential.s Login URL/,
			),
		});
	});

	test('browser missing', async () => {
		process.env.INVOICE_PORTALS_CHROMIUM_PATH = '/nowhere/chromium';
		const { closeBrowser } = await import('../../../portals/core/browser/launch');
		await closeBrowser();
		try {
			const result = await test_('anna@example.test');
			expect(result).toMatchObject({
				status: 'Error',
				message: expect.stringMatching(/no file is there[\s\S]*apt-get install -y chromium/),
			});
		} finally {
			delete process.env.INVOICE_PORTALS_CHROMIUM_PATH;
		}
	});
});
