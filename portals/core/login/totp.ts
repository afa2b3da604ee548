import { createGuardrails, generateSync } from 'otplib';
import { parse as parseOtpAuthUri } from '@otplib/uri';
import { invalidInput } from '../outcomes/errors';
import { systemClock, type Clock } from '../timing/clock';

export interface TotpSettings {
	secret: string;
	digits: 6 | 7 | 8;
	period: number;
	algorithm: 'sha1' | 'sha256' | 'sha512';
}

// Portals hand out secrets of 80 bits and more; otplib's default floor (128 bits) would refuse
// many real ones, and we only consume secrets, we never create them.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 5 });

/**
 * A code valid for less than this is not submitted: in a browser, typing it, pressing the
 * button and the page round trips could outlast it.
 */
export const MIN_REMAINING_SECONDS = 5;
/**
 * Over plain HTTP the code leaves in the very next request (well under a second even on a slow
 * portal), so waiting up to 5 s for the next window would only slow every sixth login down.
 * A code that still arrives late is retried from the next window (auto-answer.ts).
 */
export const MIN_REMAINING_SECONDS_HTTP = 2;

/**
 * Accepts what users paste: a Base32 secret with spaces, dashes or lower case,
 * or a full otpauth://totp/ URI (from the QR code) that may also set digits, period and algorithm.
 */
export function parseTotpSecret(input: string): TotpSettings {
	const raw = (input ?? '').trim();
	if (!raw) throw invalidInput('authenticatorSecret', 'is empty.');
	let settings: TotpSettings;
	if (/^otpauth:\/\//i.test(raw)) {
		let parsed;
		try {
			parsed = parseOtpAuthUri(raw);
		} catch (error) {
			throw invalidInput(
				'authenticatorSecret',
				`the otpauth:// link cannot be read (${(error as Error).message}).`,
			);
		}
		if (parsed.type !== 'totp') {
			throw invalidInput(
				'authenticatorSecret',
				'the otpauth:// link is for counter-based (HOTP) codes; only time-based codes are supported.',
			);
		}
		const p = parsed.params;
		settings = {
			secret: normaliseBase32(p.secret),
			digits: (p.digits ?? 6) as TotpSettings['digits'],
			period: p.period ?? 30,
			algorithm: (p.algorithm ?? 'sha1') as TotpSettings['algorithm'],
		};
	} else {
		settings = { secret: normaliseBase32(raw), digits: 6, period: 30, algorithm: 'sha1' };
	}
	// Generating once proves the secret is usable before any portal sees a code.
	try {
		codeAt(settings, Date.now());
	} catch (error) {
		throw invalidInput(
			'authenticatorSecret',
			`not a usable authenticator secret (${(error as Error).message}).`,
		);
	}
	return settings;
}

function normaliseBase32(secret: string): string {
	const cleaned = secret.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
	if (!cleaned) throw invalidInput('authenticatorSecret', 'is empty.');
	if (!/^[A-Z2-7]+$/.test(cleaned)) {
		throw invalidInput(
			'authenticatorSecret',
			'is not Base32 (letters A-Z and digits 2-7) nor an otpauth:// link.',
		);
	}
	return cleaned;
}

export function codeAt(settings: TotpSettings, epochMs: number): string {
	return generateSync({
		secret: settings.secret,
		digits: settings.digits,
		period: settings.period,
		algorithm: settings.algorithm,
		epoch: Math.floor(epochMs / 1000),
		guardrails,
	});
}

export function secondsLeft(settings: TotpSettings, epochMs: number): number {
	const seconds = epochMs / 1000;
	return settings.period - (seconds % settings.period);
}

/**
 * A code that stays valid long enough to be typed and submitted: when the current one expires
 * within `minRemainingSeconds`, waits for the next window. `afterWindowOf` asks for a code
 * from a later window than a code that was just rejected.
 */
export async function freshCode(
	settings: TotpSettings,
	clock: Clock = systemClock,
	afterWindowOf?: number,
	minRemainingSeconds = MIN_REMAINING_SECONDS,
): Promise<{ code: string; window: number }> {
	let now = clock.now();
	const left = secondsLeft(settings, now);
	if (left < minRemainingSeconds) {
		await clock.sleep(Math.ceil(left * 1000) + 50);
		now = clock.now();
	}
	let window = Math.floor(now / 1000 / settings.period);
	if (afterWindowOf !== undefined && window <= afterWindowOf) {
		await clock.sleep(Math.ceil(secondsLeft(settings, now) * 1000) + 50);
		now = clock.now();
		window = Math.floor(now / 1000 / settings.period);
	}
	return { code: codeAt(settings, now), window };
}
