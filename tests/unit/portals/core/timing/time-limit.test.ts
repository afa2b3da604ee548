import { getEventListeners } from 'node:events';
import { timeLimit } from '../../../../../portals/core/timing/time-limit';
import { collectGarbage } from '../../../../../testbeds/memory';

const aborted = (signal: AbortSignal) =>
	new Promise<unknown>((resolve) =>
		signal.addEventListener('abort', () => resolve(signal.reason), { once: true }),
	);

test('the time limit fires with a cancel signal beside it, garbage collections or not', async () => {
	const cancel = new AbortController();
	const limit = timeLimit(300, cancel.signal);
	const collecting = setInterval(collectGarbage, 100);
	try {
		const started = Date.now();
		expect(await aborted(limit.signal)).toMatchObject({ name: 'TimeoutError' });
		expect(limit.expired).toBe(true);
		// Not before its time. A limit that never fires is this test's own 20 s ending it: no upper
		// bound on the clock here, since the forced collections every 100 ms on a loaded CI machine
		// (2 shared cores) once held the 300 ms timer back for 5 s.
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
		expect(cancel.signal.aborted).toBe(false);
	} finally {
		clearInterval(collecting);
	}
}, 20_000);

test("the caller's cancel is passed on with its reason, and is no timeout", async () => {
	const cancel = new AbortController();
	const limit = timeLimit(60_000, cancel.signal);
	cancel.abort(new Error('The run was cancelled.'));
	expect(limit.signal.aborted).toBe(true);
	expect(limit.signal.reason).toEqual(new Error('The run was cancelled.'));
	expect(limit.expired).toBe(false);
	expect(timeLimit(60_000, cancel.signal).signal.aborted).toBe(true);
});

test("ended limits leave no listener on the caller's long-lived signal, and never fire", async () => {
	const cancel = new AbortController();
	const limits = Array.from({ length: 1000 }, () => timeLimit(100, cancel.signal));
	expect(getEventListeners(cancel.signal, 'abort')).toHaveLength(1000);
	limits.forEach((limit) => limit.end());
	expect(getEventListeners(cancel.signal, 'abort')).toHaveLength(0);
	await sleep(200);
	expect(limits.some((limit) => limit.signal.aborted || limit.expired)).toBe(false);
});

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
