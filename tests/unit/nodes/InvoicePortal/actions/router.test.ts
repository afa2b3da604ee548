import { NodeOperationError } from 'n8n-workflow';
import { router } from '../../../../../nodes/InvoicePortal/actions/router';
import {
	runConnection,
	type ConnectionRequest,
} from '../../../../../portals/core/run/connection-run';
import { reasonResult } from '../../../../../portals/core/outcomes/result';
import {
	connectedResult,
	connectionRun,
	fakeExecute,
	pdf,
	smsCodeResult,
} from '../../../../helpers/fake-execute';

jest.mock('../../../../../portals/core/run/connection-run', () => ({
	...jest.requireActual('../../../../../portals/core/run/connection-run'),
	runConnection: jest.fn(),
}));
const run = runConnection as jest.MockedFunction<typeof runConnection>;
beforeEach(() => run.mockReset());

const download = {
	resource: 'document',
	operation: 'download',
	binaryPropertyName: 'data',
	filters: {},
	onlyNew: true,
};
const base = {
	portal: 'demo-telecom',
	loginPerformed: true,
	sessionReused: false,
	startedAt: new Date().toISOString(),
};

/** Answers each call with the next result, for the operation the call asked for. */
function answer(...results: Parameters<typeof connectionRun>[1][]) {
	for (const result of results)
		run.mockImplementationOnce(async (_c, _s, request: ConnectionRequest) =>
			connectionRun(request.operation, result),
		);
}

test('runs the operation once per input item, each item with its own parameters, and pairs the items with their input', async () => {
	answer(
		connectedResult({ documents: [pdf('A1')] }),
		connectedResult({ documents: [pdf('B1'), pdf('B2')] }),
	);
	const ctx = fakeExecute({
		items: 2,
		parameters: [{ ...download, filters: { types: ['invoice'] } }, download],
	});
	const [documents, actions] = await router.call(ctx);
	expect(run).toHaveBeenCalledTimes(2);
	expect(run.mock.calls[0][2].operation.filters.types).toEqual(['invoice']);
	expect(run.mock.calls[1][2].operation.filters.types).toBeUndefined();
	expect(documents.map((d) => [d.json.id, d.pairedItem])).toEqual([
		['A1', { item: 0 }],
		['B1', { item: 1 }],
		['B2', { item: 1 }],
	]);
	expect(actions).toEqual([]);
});

test('a run that waits for a code goes to output 1 (Action Required), with its picture; the other items still run', async () => {
	answer(smsCodeResult(), connectedResult({ documents: [pdf('B1')] }));
	const [documents, actions] = await router.call(fakeExecute({ items: 2, parameters: download }));
	expect(documents.map((d) => d.json.id)).toEqual(['B1']);
	expect(actions).toHaveLength(1);
	expect(actions[0].json).toMatchObject({
		status: 'action_required',
		reason: 'CODE_REQUIRED_SMS',
		method: 'sms',
		resumeToken: 'ipx1.unit-token',
	});
	expect(actions[0].binary?.screenshot).toBeDefined();
	expect(actions[0].pairedItem).toEqual({ item: 0 });
});

test('without Continue On Fail the first failing item stops the node with a NodeOperationError for that item', async () => {
	answer(
		connectedResult(),
		reasonResult(base, 'WRONG_CREDENTIALS', 'The portal says: wrong password.'),
	);
	const error = await router
		.call(fakeExecute({ items: 3, parameters: download }))
		.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as NodeOperationError).message).toMatch(/WRONG_CREDENTIALS/);
	expect((error as NodeOperationError).context.itemIndex).toBe(1);
	expect(run).toHaveBeenCalledTimes(2);
});

test('with Continue On Fail each failing item becomes an error item on output 0 and the others go on', async () => {
	answer(
		reasonResult(base, 'WRONG_CREDENTIALS', 'The portal says: wrong password.'),
		connectedResult({ documents: [pdf('C1')] }),
	);
	const ctx = fakeExecute({
		items: 3,
		continueOnFail: true,
		parameters: [download, download, { resource: 'document', operation: 'nonsense' }],
	});
	const [documents, actions] = await router.call(ctx);
	expect(documents.map((d) => d.json.error ?? d.json.id)).toEqual([
		expect.stringMatching(/WRONG_CREDENTIALS/),
		'C1',
		expect.stringMatching(/"nonsense" of "document" is not known/),
	]);
	expect(documents[0].error).toBeInstanceOf(NodeOperationError);
	expect(documents.map((d) => d.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(actions).toEqual([]);
});

test('as an AI agent tool, an Action Required item goes to output 0 (the one the tool wrapper reads), as JSON without binary', async () => {
	answer(smsCodeResult());
	const [documents, actions] = await router.call(
		fakeExecute({ parameters: download, isTool: true }),
	);
	expect(actions).toEqual([]);
	expect(documents).toHaveLength(1);
	expect(documents[0].binary).toBeUndefined();
	expect(documents[0].json).toMatchObject({
		status: 'action_required',
		reason: 'CODE_REQUIRED_SMS',
		method: 'sms',
		resumeToken: 'ipx1.unit-token',
	});
	expect(documents[0].json.message).toBeTruthy();
	expect(documents[0].json.remedy).toBeTruthy();
});
