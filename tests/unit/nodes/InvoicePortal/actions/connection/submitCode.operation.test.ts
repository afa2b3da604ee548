import { runItem } from '../../../../../../nodes/InvoicePortal/actions/router';
import {
	runConnection,
	type OperationRequest,
} from '../../../../../../portals/core/run/connection-run';
import {
	connectedResult,
	connectionRun,
	DELIVERED_MARK,
	fakeExecute,
	type FakeContext,
	pdf,
	savedState,
	smsCodeResult,
} from '../../../../../helpers/fake-execute';

jest.mock('../../../../../../portals/core/run/connection-run', () => ({
	...jest.requireActual('../../../../../../portals/core/run/connection-run'),
	runConnection: jest.fn(),
}));
const run = runConnection as jest.MockedFunction<typeof runConnection>;
beforeEach(() => run.mockReset());

const submit = {
	resource: 'connection',
	operation: 'submitCode',
	resumeToken: 'ipx1.unit-token',
	code: ' 123456 ',
};

/** Submit Code for one item, as the router runs it: request, run, stop guard, finish. */
const submitCode = (ctx: FakeContext, itemIndex: number) =>
	runItem.call(ctx, itemIndex, 'connection', 'submitCode');

/** The connection run continues the operation the token recorded (here: given), whatever was asked. */
function recorded(
	operation: OperationRequest,
	result = connectedResult({ documents: [pdf('D1')], selected: [pdf('D1')] }),
) {
	run.mockImplementation(async () => connectionRun(operation, result));
}

test('passes token and code to the connection run', async () => {
	recorded({ mode: 'check', filters: {}, onlyNew: false });
	await submitCode(fakeExecute({ parameters: submit }), 0);
	expect(run.mock.calls[0][2].resume).toEqual({ token: 'ipx1.unit-token', code: '123456' });
});

test('an interrupted Download finishes with its items: the file in the field that Download named, delivered once output', async () => {
	recorded({ mode: 'download', filters: {}, onlyNew: true, output: { binaryField: 'invoice' } });
	const ctx = fakeExecute({ parameters: submit });
	const output = await submitCode(ctx, 0);
	expect(output.documents.map((d) => Object.keys(d.binary ?? {}))).toEqual([['invoice']]);
	expect(output.actions).toEqual([]);
	expect(savedState(ctx)?.completeScan).toBe(DELIVERED_MARK);
});

test('a token from before Put Output File in Field (no output recorded): the file in `data`', async () => {
	recorded({ mode: 'download', filters: {}, onlyNew: true });
	const output = await submitCode(fakeExecute({ parameters: submit }), 0);
	expect(Object.keys(output.documents[0].binary ?? {})).toEqual(['data']);
});

test('an interrupted List finishes with metadata items; an interrupted Check with the status', async () => {
	recorded({ mode: 'list', filters: {}, onlyNew: false });
	const listed = await submitCode(fakeExecute({ parameters: submit }), 0);
	expect(listed.documents.map((d) => [d.json.id, d.binary])).toEqual([['D1', undefined]]);

	recorded({ mode: 'check', filters: {}, onlyNew: false }, connectedResult());
	const checked = await submitCode(fakeExecute({ parameters: submit }), 0);
	expect(checked.documents.map((d) => d.json)).toEqual([
		expect.objectContaining({
			status: 'connected',
			connection: expect.stringMatching(/^Demo Telecom \(/),
		}),
	]);
});

test('an interrupted Discover finishes with the definition it wrote and its report, not a list', async () => {
	const definition = { slug: 'discovered', loginUrl: 'http://127.0.0.1:9/login' };
	recorded(
		{ mode: 'list', filters: {}, onlyNew: false, output: { discover: true } },
		{
			...connectedResult({ selected: [pdf('D1')] }),
			learned: { definition },
			discovery: ['login form found', 'documents list found'],
		},
	);
	const output = await submitCode(fakeExecute({ parameters: submit }), 0);
	expect(output.documents.map((d) => d.json)).toEqual([
		expect.objectContaining({
			definition,
			report: ['login form found', 'documents list found'],
			samples: [expect.objectContaining({ id: 'D1' })],
		}),
	]);
	expect(output.documents[0].binary).toBeUndefined();
});

test('a wrong code: Action Required again, with the new token', async () => {
	recorded({ mode: 'download', filters: {}, onlyNew: true }, smsCodeResult());
	const output = await submitCode(fakeExecute({ parameters: submit }), 0);
	expect(output.documents).toEqual([]);
	expect(output.actions[0].json).toMatchObject({
		status: 'action_required',
		resumeToken: 'ipx1.unit-token',
	});
});

test('an empty token or code is an error naming the field; the portal is not asked', async () => {
	await expect(
		submitCode(fakeExecute({ parameters: { ...submit, resumeToken: ' ' } }), 0),
	).rejects.toThrow(/^resumeToken: is empty/);
	await expect(submitCode(fakeExecute({ parameters: { ...submit, code: '' } }), 0)).rejects.toThrow(
		/^code: is empty/,
	);
	expect(run).not.toHaveBeenCalled();
});
