import { execute } from '../../../../../../nodes/InvoicePortal/actions/document/download.operation';
import {
	runConnection,
	type ConnectionRequest,
} from '../../../../../../portals/core/run/connection-run';
import { PortalError } from '../../../../../../portals/core/outcomes/errors';
import {
	connectedResult,
	connectionRun,
	DELIVERED_MARK,
	fakeExecute,
	pdf,
	savedState,
} from '../../../../../helpers/fake-execute';

jest.mock('../../../../../../portals/core/run/connection-run', () => ({
	...jest.requireActual('../../../../../../portals/core/run/connection-run'),
	runConnection: jest.fn(),
}));
const run = runConnection as jest.MockedFunction<typeof runConnection>;
beforeEach(() => {
	run.mockReset();
	run.mockImplementation(async (_c, _s, request: ConnectionRequest) =>
		connectionRun(request.operation, connectedResult({ documents: [pdf('D1'), pdf('D2')] })),
	);
});

const download = {
	resource: 'document',
	operation: 'download',
	filters: { limit: 5 },
	onlyNew: true,
};

test('puts each file in the field named by Put Output File in Field, and records that field in the operation (for Submit Code)', async () => {
	const ctx = fakeExecute({ parameters: { ...download, binaryPropertyName: ' invoice ' } });
	const output = await execute.call(ctx, 0);
	expect(output.documents.map((d) => Object.keys(d.binary ?? {}))).toEqual([
		['invoice'],
		['invoice'],
	]);
	expect(output.documents[0].binary!.invoice).toMatchObject({
		fileName: 'D1.pdf',
		mimeType: 'application/pdf',
	});
	expect(output.documents[0].json).toMatchObject({ id: 'D1', fileName: 'D1.pdf' });
	expect(output.documents[0].json.data).toBeUndefined();
	expect(run.mock.calls[0][2].operation).toEqual({
		mode: 'download',
		filters: expect.objectContaining({ limit: 5 }),
		onlyNew: true,
		output: { binaryField: 'invoice' },
	});
});

test('n8n fills in the default: the field is `data`', async () => {
	const output = await execute.call(fakeExecute({ parameters: download }), 0);
	expect(Object.keys(output.documents[0].binary ?? {})).toEqual(['data']);
});

test.each(['', '   '])(
	'an empty field name (%j) is an error naming the option, before the portal is asked',
	async (name) => {
		const error = await execute
			.call(fakeExecute({ parameters: { ...download, binaryPropertyName: name } }), 0)
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PortalError);
		expect((error as PortalError).code).toBe('INVALID_INPUT');
		expect((error as PortalError).message).toMatch(/^Put Output File in Field: is empty/);
		expect(run).not.toHaveBeenCalled();
	},
);

test('documents count as delivered only once their items exist: not while they are built, not when building fails', async () => {
	const ctx = fakeExecute({ parameters: download });
	const seen: unknown[] = [];
	const prepare = ctx.helpers.prepareBinaryData;
	ctx.helpers.prepareBinaryData = async (...args) => {
		seen.push(savedState(ctx)?.completeScan);
		return prepare(...args);
	};
	await execute.call(ctx, 0);
	expect(seen).toEqual([undefined, undefined]);
	expect(savedState(ctx)?.completeScan).toBe(DELIVERED_MARK);

	const failing = fakeExecute({ parameters: download });
	failing.helpers.prepareBinaryData = async () => {
		throw new Error('binary data store is full');
	};
	await expect(execute.call(failing, 0)).rejects.toThrow('binary data store is full');
	expect(savedState(failing)).toBeDefined();
	expect(savedState(failing)?.completeScan).not.toBe(DELIVERED_MARK);
});
