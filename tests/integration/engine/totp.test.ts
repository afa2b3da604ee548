import { generateSync } from 'otplib';
import { runPortal } from '../../../portals/core/run/portal-run';
import { PortalError } from '../../../portals/core/outcomes/errors';
import { codeAt, freshCode, parseTotpSecret } from '../../../portals/core/login/totp';
import { type Clock } from '../../../portals/core/timing/clock';
import { demoTelecom } from '../../../portals/adapters/demo-telecom';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { account, credentials, startDemo } from '../../helpers/demo';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A clock that starts at `start` and whose sleep advances it without waiting. */
function fakeClock(start: number): Clock & { slept: number[] } {
	let now = start;
	const slept: number[] = [];
	return {
		now: () => now,
		sleep: async (ms) => {
			slept.push(ms);
			now += ms;
		},
		slept,
	};
}

describe('authenticator secrets as users paste them', () => {
	test('Base32 with spaces and lower case gives the same codes as the clean secret', () => {
		const t = Date.UTC(2026, 0, 1, 12, 0, 10);
		const messy = parseTotpSecret('jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp');
		expect(messy.secret).toBe(SECRET);
		expect(codeAt(messy, t)).toBe(generateSync({ secret: SECRET, epoch: t / 1000 }));
	});

	test('an otpauth:// URI is read, including its digits and period', () => {
		const uri = `otpauth://totp/Demo%20Telecom:tom@example.test?secret=${SECRET}&issuer=Demo%20Telecom&digits=8&period=60`;
		const settings = parseTotpSecret(uri);
		expect(settings).toMatchObject({ secret: SECRET, digits: 8, period: 60, algorithm: 'sha1' });
		expect(codeAt(settings, Date.UTC(2026, 0, 1))).toMatch(/^\d{8}$/);
	});

	test.each([
		['', /empty/],
		['not base32 at all!', /not Base32/],
		['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1', /counter-based/],
		['otpauth://totp/x?issuer=nosecret', /cannot be read/],
	])('%j is refused with a clear error naming the field', (input, message) => {
		try {
			parseTotpSecret(input);
			throw new Error('accepted');
		} catch (error) {
			expect(error).toBeInstanceOf(PortalError);
			expect((error as PortalError).code).toBe('INVALID_INPUT');
			expect((error as PortalError).details.field).toBe('authenticatorSecret');
			expect((error as Error).message).toMatch(message);
		}
	});
});

describe('a code about to expire is not used', () => {
	const settings = parseTotpSecret(SECRET);
	const windowStart = Date.UTC(2026, 0, 1, 12, 0, 0);

	test('28 s into a 30 s window: waits for the next window and returns its code', async () => {
		const clock = fakeClock(windowStart + 28_000);
		const { code, window } = await freshCode(settings, clock);
		expect(clock.slept.length).toBe(1);
		expect(window).toBe(windowStart / 30_000 + 1);
		expect(code).toBe(codeAt(settings, windowStart + 30_000));
		expect(code).not.toBe(codeAt(settings, windowStart + 28_000));
	});

	test('10 s into the window: the current code is used at once', async () => {
		const clock = fakeClock(windowStart + 10_000);
		const { code } = await freshCode(settings, clock);
		expect(clock.slept).toEqual([]);
		expect(code).toBe(codeAt(settings, windowStart));
	});

	test('after a rejected code, the next code comes from a later window', async () => {
		const clock = fakeClock(windowStart + 10_000);
		const first = await freshCode(settings, clock);
		const second = await freshCode(settings, clock, first.window);
		expect(second.window).toBe(first.window + 1);
	});
});

describe('automatic codes against the portal', () => {
	let demo: DemoPortal;
	beforeAll(async () => {
		demo = await startDemo();
	});

	const run = (clock: Clock, secret = account('tom@example.test').totpSecret) =>
		runPortal({
			portal: demoTelecom,
			baseUrl: demo.url,
			credentials: credentials('tom@example.test', { authenticatorSecret: secret }),
			mode: 'check',
			clock,
		});

	test('the secret as an otpauth:// URI logs in', async () => {
		const uri = `otpauth://totp/Demo:tom?secret=${account('tom@example.test').totpSecret}&issuer=Demo`;
		const result = await runPortal({
			portal: demoTelecom,
			baseUrl: demo.url,
			credentials: credentials('tom@example.test', { authenticatorSecret: uri }),
			mode: 'check',
		});
		expect(result.status).toBe('connected');
	});

	test('a code from a stale window is rejected by the portal, the next window is tried once, and the login succeeds', async () => {
		// This clock runs one window behind; its "sleep" catches up with real time.
		let offset = -30_000;
		const clock: Clock = {
			now: () => Date.now() + offset,
			sleep: async (ms) => {
				offset += ms;
			},
		};
		// Stay clear of the real window edge, where the retry would itself land on a stale window.
		while (Date.now() % 30_000 > 20_000) await new Promise((r) => setTimeout(r, 500));
		const result = await run(clock);
		expect(result.status).toBe('connected');
	});

	test('a clock far off: both automatic codes are rejected and the user is told', async () => {
		const clock: Clock = { now: () => Date.now() - 3_600_000, sleep: async () => undefined };
		const result = await run(clock);
		expect(result).toMatchObject({
			status: 'action_required',
			reason: 'WRONG_CODE',
			challenge: { method: 'authenticator_app' },
		});
		expect(result.remedy).toMatch(/clock/);
	});
});
