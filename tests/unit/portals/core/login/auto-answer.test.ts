import { answerAutomatically } from '../../../../../portals/core/login/auto-answer';
import { codeAt, parseTotpSecret } from '../../../../../portals/core/login/totp';
import { type Clock } from '../../../../../portals/core/timing/clock';
import type {
	AdapterEnv,
	LoginOutcome,
	PortalAdapter,
} from '../../../../../portals/core/contract/adapter';

const settings = parseTotpSecret('JBSWY3DPEHPK3PXP');
const windowStart = Date.UTC(2026, 0, 1, 12, 0, 0);

/** 27 s into a 30 s window: 3 s left, enough for one HTTP request, not for a browser's typing. */
async function answerAt27s(engine: 'http' | 'browser') {
	let now = windowStart + 27_000;
	const slept: number[] = [];
	const clock: Clock = {
		now: () => now,
		sleep: async (ms) => {
			slept.push(ms);
			now += ms;
		},
	};
	const submitted: string[] = [];
	const adapter = {
		submitCode: async (_env: AdapterEnv, _challenge: unknown, code: string) => {
			submitted.push(code);
			return { kind: 'loggedIn' } as LoginOutcome;
		},
	} as unknown as PortalAdapter;
	const env = { surface: { engine } } as unknown as AdapterEnv;
	const outcome = await answerAutomatically(
		adapter,
		env,
		{ kind: 'challenge', challenge: { method: 'authenticator_app' } },
		settings,
		clock,
	);
	return { outcome, slept, submitted };
}

test('over plain HTTP a code with 3 s left is sent at once: no wait for the next window', async () => {
	const { outcome, slept, submitted } = await answerAt27s('http');
	expect(outcome.kind).toBe('loggedIn');
	expect(slept).toEqual([]);
	expect(submitted).toEqual([codeAt(settings, windowStart)]);
});

test('in a browser the same moment waits for the next window, so typing cannot outlast the code', async () => {
	const { outcome, slept, submitted } = await answerAt27s('browser');
	expect(outcome.kind).toBe('loggedIn');
	expect(slept).toHaveLength(1);
	expect(submitted).toEqual([codeAt(settings, windowStart + 30_000)]);
});
