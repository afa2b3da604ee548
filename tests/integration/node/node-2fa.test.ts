import type { INodeExecutionData } from 'n8n-workflow';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { latestCode, startDemo } from '../../helpers/demo';
import type { EngineRun } from '../../../testbeds/n8n-engine';
import { demoCredential, loadWorkflow, withParameters } from '../../helpers/workflows';

const download = loadWorkflow('download.json');
const submitCode = (token: string, code: string) =>
	withParameters(download, 'Invoice Portal', {
		resource: 'connection',
		operation: 'submitCode',
		resumeToken: token,
		code,
	});

// Every fresh run loads n8n-core and Playwright anew, and each copy adds a process 'exit'
// listener: expected here, so the default warning threshold of 10 is raised for this file.
process.setMaxListeners(40);

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

/**
 * Each run loads the engine, this package and the browser anew (an isolated module registry,
 * browser closed afterwards): what the second run knows comes only from the item JSON and the
 * static data it is handed, as when n8n resumes an execution in another process.
 */
async function freshRun(
	workflow: ReturnType<typeof loadWorkflow>,
	credential: object,
	staticData = {},
): Promise<EngineRun> {
	let result: EngineRun | undefined;
	await jest.isolateModulesAsync(async () => {
		const { runWorkflow, shutdownEngine } = await import('../../../testbeds/n8n-engine');
		const { closeBrowser } = await import('../../../portals/core/browser/launch');
		try {
			result = await runWorkflow(workflow, {
				credentials: { 'cred-1': credential as never },
				staticData,
			});
		} finally {
			shutdownEngine();
			await closeBrowser();
		}
	});
	return result!;
}

test('SMS account: Action Required with method sms and a resume token; Submit Code in a separate run completes the download', async () => {
	const credential = demoCredential(demo, 'sara@example.test');
	const first = await freshRun(download, credential);
	expect(first.output('Invoice Portal', 0)).toEqual([]);
	const [action] = first.output('Invoice Portal', 1);
	expect(action.json).toMatchObject({
		status: 'action_required',
		reason: 'CODE_REQUIRED_SMS',
		method: 'sms',
		statusLabel: 'Action required',
	});
	expect(action.json.portalMessage).toMatch(/We sent a 6-digit code by SMS/);
	expect(action.json.remedy).toMatch(/SMS/);
	expect(String(action.json.resumeToken)).toMatch(/^ipx1\./);
	expect(Date.parse(String(action.json.resumeTokenExpiresAt))).toBeGreaterThan(Date.now());
	const code = latestCode(demo, 'sara@example.test');
	expect(JSON.stringify(action.json)).not.toContain(code);
	expect(JSON.stringify(action.json)).not.toContain(credential.password);

	// Only the item's JSON (as it went through n8n's database) and the static data cross over.
	const carried = JSON.parse(JSON.stringify(action.json));
	const second = await freshRun(
		submitCode(carried.resumeToken, code),
		credential,
		first.staticData,
	);
	expect(second.error('Invoice Portal')).toBeUndefined();
	const docs: INodeExecutionData[] = second.output('Invoice Portal', 0);
	expect(docs).toHaveLength(14);
	expect(
		docs.every(
			(d) => d.json.accountId === 'CUST-3001' && d.binary?.data?.mimeType === 'application/pdf',
		),
	).toBe(true);
	// The interrupted operation was a download with Only New: a third run has nothing new.
	const third = await freshRun(download, credential, second.staticData);
	expect(third.output('Invoice Portal', 0)).toEqual([]);
	expect(third.output('Invoice Portal', 1)).toEqual([]);
});

test('the interrupted operation and its filters are carried out after the code', async () => {
	const credential = demoCredential(demo, 'eric@example.test');
	const filtered = withParameters(download, 'Invoice Portal', {
		resource: 'document',
		operation: 'download',
		onlyNew: true,
		filters: { types: ['credit_note'] },
	});
	const first = await freshRun(filtered, credential);
	const [action] = first.output('Invoice Portal', 1);
	expect(action.json.method).toBe('email');
	const second = await freshRun(
		submitCode(String(action.json.resumeToken), latestCode(demo, 'eric@example.test')),
		credential,
		first.staticData,
	);
	expect(second.output('Invoice Portal', 0).map((d) => d.json.type)).toEqual([
		'credit_note',
		'credit_note',
	]);
});

test('a wrong code: Action Required again, reason wrong code, with a fresh token that works', async () => {
	const credential = demoCredential(demo, 'sara@example.test');
	const first = await freshRun(download, credential);
	const token = String(first.output('Invoice Portal', 1)[0].json.resumeToken);
	const wrongCode = latestCode(demo, 'sara@example.test') === '000000' ? '111111' : '000000';
	const wrong = await freshRun(submitCode(token, wrongCode), credential, first.staticData);
	const [again] = wrong.output('Invoice Portal', 1);
	expect(again.json).toMatchObject({
		status: 'action_required',
		reason: 'WRONG_CODE',
		method: 'sms',
	});
	expect(again.json.resumeToken).not.toBe(token);
	const ok = await freshRun(
		submitCode(String(again.json.resumeToken), latestCode(demo, 'sara@example.test')),
		credential,
		wrong.staticData,
	);
	expect(ok.output('Invoice Portal', 0).length).toBeGreaterThan(0);
});

test('an expired or damaged token gives a clear error telling the user to start again', async () => {
	const credential = demoCredential(demo, 'sara@example.test');
	const { seal } = await import('../../../portals/core/login/session-crypto');
	const expired = await seal({}, Date.now() - 1000, {
		purpose: 'resume',
		portal: 'demo-telecom',
		secrets: [credential.username, credential.password, ''],
	});
	const run = await freshRun(submitCode(expired, '123456'), credential);
	const error = run.error('Invoice Portal') as Error & { description?: string };
	expect(error.message).toMatch(/resume token expired at/);
	expect(error.description).toMatch(/Start the download again/);

	const damaged = await freshRun(submitCode('ipx1.bm90LWEtdG9rZW4tYXQtYWxs', '123456'), credential);
	expect((damaged.error('Invoice Portal') as Error & { description?: string }).description).toMatch(
		/Start the download again to get a new one/,
	);
});
