import type { INodeProperties } from 'n8n-workflow';
import { InvoicePortal } from '../../../../nodes/InvoicePortal/InvoicePortal.node';
import { showFor } from '../../../../nodes/shared/show-for';

const field = (name: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: name,
	name,
	type: 'string',
	default: '',
	...extra,
});

test("showFor shows each field for the operation only, and keeps a field's own conditions after it", () => {
	const [plain, limit, hidden] = showFor({ resource: ['document'], operation: ['list'] }, [
		field('plain'),
		field('limit', { displayOptions: { show: { returnAll: [false] } } }),
		field('hidden', { displayOptions: { hide: { returnAll: [true] } } }),
	]);
	expect(plain.displayOptions).toEqual({
		show: { resource: ['document'], operation: ['list'] },
	});
	// The same order as written by hand before: n8n's editor reads it, a diff of the description too.
	expect(Object.keys(limit.displayOptions!.show!)).toEqual(['resource', 'operation', 'returnAll']);
	expect(hidden.displayOptions).toEqual({
		hide: { returnAll: [true] },
		show: { resource: ['document'], operation: ['list'] },
	});
});

test('a field that names the operation again is refused when the node loads, not shown elsewhere', () => {
	expect(() =>
		showFor({ resource: ['document'], operation: ['list'] }, [
			field('stray', { displayOptions: { show: { operation: ['download'] } } }),
		]),
	).toThrow(/"stray" names operation/);
});

test('every field of an operation in the Invoice Portal node is shown for its resource and that one operation', () => {
	const { properties } = new InvoicePortal().description;
	const operationsOf = Object.fromEntries(
		properties
			.filter((p) => p.name === 'operation')
			.map((p) => [
				p.displayOptions!.show!.resource![0],
				(p.options as { value: string }[]).map((o) => o.value),
			]),
	);
	const fields = properties.filter((p) => p.displayOptions?.show?.operation);
	expect(fields.map((p) => p.name)).toEqual(
		expect.arrayContaining(['binaryPropertyName', 'filters', 'onlyNew', 'returnAll', 'limit']),
	);
	for (const p of fields) {
		const { resource, operation } = p.displayOptions!.show!;
		expect(resource).toHaveLength(1);
		expect(operation).toHaveLength(1);
		expect(operationsOf[String(resource![0])]).toContain(operation![0]);
	}
});
