/**
 * Every clock Jest could fake except Date: timers, microtasks and the high-resolution clocks stay
 * real, so Playwright, the demo portal and the test servers work as usual while Date is moved.
 */
const REAL_CLOCKS = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'requestIdleCallback',
	'cancelIdleCallback',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
] as const;

/**
 * Fakes Date only (jest.useRealTimers() gives it back). `now` sets where it starts; with
 * `advanceTimers` it runs on from there, otherwise it stands still until jest.setSystemTime.
 */
export function useFakeDate(options: { now?: number; advanceTimers?: boolean } = {}): void {
	jest.useFakeTimers({ ...options, doNotFake: [...REAL_CLOCKS] });
}
