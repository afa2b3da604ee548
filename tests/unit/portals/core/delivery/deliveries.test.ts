import {
	deliveredBefore,
	recordDelivered,
	twoPhaseSave,
} from '../../../../../portals/core/delivery/deliveries';
import type { LedgerData } from '../../../../../portals/core/delivery/ledger';

const doc = (id: string) => ({ accountId: 'A', id, sha256: `hash-${id}` });

/**
 * "State now, delivered once output": the session and lockout are saved at once, while a
 * document counts as delivered only once its item exists. A run whose items are never built
 * (the workflow fails after the run) delivers its documents again next time.
 */
test('a run saves its state at once, and its documents as delivered only once they were output', () => {
	type Record = { delivered: LedgerData; session?: string; schedule?: string };
	const saved: Record[] = [];
	const state: Record = { delivered: { entries: {} }, session: 'sealed-2' };
	const delivered = structuredClone(state);
	recordDelivered(delivered.delivered, [doc('D1')], Date.parse('2026-12-01'));
	const save = twoPhaseSave({ state, delivered }, (record) => saved.push(record));

	save.stateNow();
	expect(saved).toHaveLength(1);
	expect(saved[0]).toEqual({ delivered: { entries: {} }, session: 'sealed-2' });

	save.deliveredOnceOutput({ schedule: 'next Monday' });
	expect(saved[1].session).toBe('sealed-2');
	expect(saved[1].schedule).toBe('next Monday');
	expect(Object.keys(saved[1].delivered.entries)).toEqual(['A|D1']);
	// The next Only New run skips it, by id and by file.
	const next = deliveredBefore(saved[1].delivered, true);
	expect(next.isDelivered!(doc('D1') as never)).toBe(true);
	expect(next.isDeliveredFile!('hash-D1')).toBe(true);
	expect(next.isDelivered!(doc('D2') as never)).toBe(false);
});

test('without Only New nothing counts as delivered before, whatever the ledger holds', () => {
	const ledger: LedgerData = { entries: {} };
	recordDelivered(ledger, [doc('D1')], Date.now());
	expect(deliveredBefore(ledger, false)).toEqual({});
});

test('recording prunes entries older than the ledger keeps (400 days)', () => {
	const now = Date.parse('2026-12-01');
	const ledger: LedgerData = {
		entries: { 'A|OLD': { sha256: 'hash-OLD', deliveredAt: now - 401 * 86_400_000 } },
	};
	recordDelivered(ledger, [doc('NEW')], now);
	expect(Object.keys(ledger.entries)).toEqual(['A|NEW']);
});
