import { description } from '../../../../../../nodes/InvoicePortal/actions/document/list.operation';
import { runItem } from '../../../../../../nodes/InvoicePortal/actions/router';
import {
	runConnection,
	type ConnectionRequest,
} from '../../../../../../portals/core/run/connection-run';
import {
	connectedResult,
	connectionRun,
	fakeExecute,
	type FakeContext,
	pdf,
} from '../../../../../helpers/fake-execute';

jest.mock('../../../../../../portals/core/run/connection-run', () => ({
	...jest.requireActual('../../../../../../portals/core/run/connection-run'),
	runConnection: jest.fn(),
}));
const run = runConnection as jest.MockedFunction<typeof runConnection>;
beforeEach(() => {
	run.mockReset();
	run.mockImplementation(async (_c, _s, request: ConnectionRequest) =>
		connectionRun(request.operation, connectedResult({ selected: [pdf('L1'), pdf('L2')] })),
	);
});

const list = { resource: 'document', operation: 'list', filters: { types: ['invoice'] } };
const requested = () => run.mock.calls[0][2].operation;

/** List for one item, as the router runs it: request, run, stop guard, finish. */
const listItem = (ctx: FakeContext, itemIndex: number) =>
	runItem.call(ctx, itemIndex, 'document', 'list');

test("n8n's Return All / Limit: Return All off by default, Limit 50 (at least 1) shown only then; Filters have no second Limit", () => {
	const byName = Object.fromEntries(description.map((p) => [p.name, p]));
	expect(byName.returnAll).toMatchObject({ type: 'boolean', default: false });
	expect(byName.limit).toMatchObject({
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
	});
	expect((byName.filters.options ?? []).map((o) => ('name' in o ? o.name : ''))).not.toContain(
		'limit',
	);
});

test('Limit becomes the engine limit; the other filters go along', async () => {
	const output = await listItem(
		fakeExecute({ parameters: { ...list, returnAll: false, limit: 7 } }),
		0,
	);
	expect(requested()).toMatchObject({
		mode: 'list',
		onlyNew: false,
		filters: { types: ['invoice'], limit: 7 },
	});
	expect(output.documents.map((d) => [d.json.id, d.json.portal, d.binary])).toEqual([
		['L1', 'demo-telecom', undefined],
		['L2', 'demo-telecom', undefined],
	]);
});

test("unset, n8n's defaults apply: 50", async () => {
	await listItem(fakeExecute({ parameters: list }), 0);
	expect(requested().filters.limit).toBe(50);
});

test('Return All: no limit, whatever Limit (or a Limit an older version left in Filters) says', async () => {
	await listItem(
		fakeExecute({ parameters: { ...list, filters: { limit: 3 }, returnAll: true, limit: 7 } }),
		0,
	);
	expect(requested().filters.limit).toBeUndefined();
});
