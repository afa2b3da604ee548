import type { IDataObject } from 'n8n-workflow';
import { connectionState } from '../../../../portals/core/run/connection-state';
import { DeliveryLedger } from '../../../../portals/core/delivery/ledger';
import { saveConnection, storedConnection } from '../../../../nodes/shared/state';

const doc = { accountId: 'CUST-1', id: 'D-1' };

test("one record per connection in the workflow's global static data: what one node saves, another node of the workflow reads", () => {
	const global: IDataObject = {};
	const submitCode = connectionState(storedConnection(global, 'conn-a'));
	new DeliveryLedger(submitCode.delivered).record(doc, 'hash-1');
	submitCode.session = 'ipx1.sealed';
	saveConnection(global, 'conn-a', submitCode);

	const trigger = connectionState(storedConnection(global, 'conn-a'));
	expect(new DeliveryLedger(trigger.delivered).has(doc)).toBe(true);
	expect(new DeliveryLedger(trigger.delivered).hasFile('hash-1')).toBe(true);
	expect(trigger.session).toBe('ipx1.sealed');
	expect(trigger.salt).toBe(submitCode.salt);
	// Another connection (another credential or user) knows nothing of it.
	const other = connectionState(storedConnection(global, 'conn-b'));
	expect(new DeliveryLedger(other.delivered).has(doc)).toBe(false);
	expect(other.session).toBeUndefined();
	expect(Object.keys((global.invoicePortals as IDataObject).connections as IDataObject)).toEqual([
		'conn-a',
	]);
});

test('a record read from static data is a copy: a run that is not saved (a test event) changes nothing stored', () => {
	const global: IDataObject = {};
	saveConnection(global, 'conn-a', connectionState(undefined));
	const copy = connectionState(storedConnection(global, 'conn-a'));
	copy.session = 'changed';
	new DeliveryLedger(copy.delivered).record(doc, 'hash-1');
	expect(storedConnection(global, 'conn-a')?.session).toBeUndefined();
	expect(storedConnection(global, 'conn-a')?.delivered.entries).toEqual({});
});
