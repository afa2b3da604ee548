import type { IDataObject } from 'n8n-workflow';
import { NodeState } from '../nodes/shared/state';

const doc = { accountId: 'CUST-1', id: 'D-1' };

test('a trigger and a Submit Code node in one workflow share the connection\'s ledger and session, not their schedule state', () => {
	const global: IDataObject = {};
	const trigger = new NodeState({}, global);
	const submit = new NodeState({}, global);
	submit.ledger('conn-a').record(doc, 'hash-1');
	submit.setSession('conn-a', 'ipx1.sealed');
	expect(trigger.ledger('conn-a').has(doc)).toBe(true);
	expect(trigger.ledger('conn-a').hasFile('hash-1')).toBe(true);
	expect(trigger.session('conn-a')).toBe('ipx1.sealed');
	// Another connection (another credential) knows nothing of it.
	expect(trigger.ledger('conn-b').has(doc)).toBe(false);
	expect(trigger.session('conn-b')).toBeUndefined();
	// Schedule state stays with its node.
	trigger.setTrigger('conn-a', { ...trigger.trigger('conn-a'), lastStatus: 'connected' });
	expect(submit.trigger('conn-a').lastStatus).toBeUndefined();
});

test('a ledger and session that an earlier version kept in the node\'s own data move to the shared place, without losing entries', () => {
	const node: IDataObject = { ledger: { entries: { 'conn-a|CUST-1|D-1': { sha256: 'hash-1', deliveredAt: 1 } } }, sessions: { 'conn-a': 'ipx1.old' } };
	const global: IDataObject = { invoicePortals: { ledger: { entries: { 'conn-a|CUST-1|D-2': { sha256: 'hash-2', deliveredAt: 2 } } }, sessions: { 'conn-a': 'ipx1.new' } } };
	const state = new NodeState(node, global);
	expect(state.ledger('conn-a').has(doc)).toBe(true);
	expect(state.ledger('conn-a').has({ accountId: 'CUST-1', id: 'D-2' })).toBe(true);
	// The shared session is newer than the node's old one and wins.
	expect(state.session('conn-a')).toBe('ipx1.new');
	expect(node.ledger).toBeUndefined();
	expect(node.sessions).toBeUndefined();
});
