import { runItem } from '../../../../../../nodes/InvoicePortal/actions/router';
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
	type FakeContext,
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

/** Download for one item, as the router runs it: request, run, stop guard, finish. */
const downloadItem = (ctx: FakeContext, itemIndex: number) =>
	runItem.call(ctx, itemIndex, 'document', 'download');

test('puts each file in the field named by Put Output File in Field, and records that field in the operation (for Submit Code)', async () => {
	const ctx = fakeExecute({ parameters: { ...download, binaryPropertyName: ' invoice ' } });
	const output = await downloadItem(ctx, 0);
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
	const output = await downloadItem(fakeExecute({ parameters: download }), 0);
	expect(Object.keys(output.documents[0].binary ?? {})).toEqual(['data']);
});

test.each(['', '   '])(
	'an empty field name (%j) is an error naming the option, before the portal is asked',
	async (name) => {
		const error = await downloadItem(
			fakeExecute({ parameters: { ...download, binaryPropertyName: name } }),
			0,
		).catch((e: unknown) => e);
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
	await downloadItem(ctx, 0);
	expect(seen).toEqual([undefined, undefined]);
	expect(savedState(ctx)?.completeScan).toBe(DELIVERED_MARK);

	const failing = fakeExecute({ parameters: download });
	failing.helpers.prepareBinaryData = async () => {
		throw new Error('binary data store is full');
	};
	await expect(downloadItem(failing, 0)).rejects.toThrow('binary data store is full');
	expect(savedState(failing)).toBeDefined();
	expect(savedState(failing)?.completeScan).not.toBe(DELIVERED_MARK);
});

test('files handed to n8n during the run are stored once, and the items keep the listing order however the stores finish', async () => {
	const ctx = fakeExecute({ parameters: download });
	const stored: string[] = [];
	const prepare = ctx.helpers.prepareBinaryData;
	ctx.helpers.prepareBinaryData = async (data, fileName, mimeType) => {
		stored.push(fileName!);
		// The first file takes longest to store.
		if (fileName === 'D1.pdf') await new Promise((done) => setTimeout(done, 30));
		return prepare(data, fileName, mimeType);
	};
	const documents = [pdf('D1'), pdf('D2'), pdf('D3')];
	run.mockImplementation(async (_c, _s, request: ConnectionRequest) => {
		// The engine hands over two files while it runs; D3 arrives with the result only.
		request.collect?.onDownloaded?.(documents[0]);
		request.collect?.onDownloaded?.(documents[1]);
		expect(stored).toEqual(['D1.pdf', 'D2.pdf']);
		return connectionRun(request.operation, connectedResult({ documents }));
	});
	const output = await downloadItem(ctx, 0);
	expect(stored.sort()).toEqual(['D1.pdf', 'D2.pdf', 'D3.pdf']);
	expect(output.documents.map((d) => d.json.id)).toEqual(['D1', 'D2', 'D3']);
	expect(output.documents.map((d) => d.binary!.data.fileName)).toEqual([
		'D1.pdf',
		'D2.pdf',
		'D3.pdf',
	]);
	expect(savedState(ctx)?.completeScan).toBe(DELIVERED_MARK);
});

test('a file that could not be stored during the run fails the node when the items are built, and nothing counts as delivered', async () => {
	const ctx = fakeExecute({ parameters: download });
	ctx.helpers.prepareBinaryData = async () => {
		throw new Error('binary data store is full');
	};
	const documents = [pdf('D1')];
	run.mockImplementation(async (_c, _s, request: ConnectionRequest) => {
		request.collect?.onDownloaded?.(documents[0]);
		// The failed store must not surface as an unhandled rejection while the run goes on.
		await new Promise((done) => setTimeout(done, 10));
		return connectionRun(request.operation, connectedResult({ documents }));
	});
	await expect(downloadItem(ctx, 0)).rejects.toThrow('binary data store is full');
	expect(savedState(ctx)?.completeScan).not.toBe(DELIVERED_MARK);
});
