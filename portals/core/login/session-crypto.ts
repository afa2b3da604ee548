import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { PortalError } from '../outcomes/errors';

/**
 * Sealed blobs carry browser sessions (cookies) and resume tokens out of process memory:
 * into n8n's static data or into an item that waits for a human. They are encrypted with
 * AES-256-GCM under a key derived (scrypt) from the credential's own secrets, so only the
 * same credential can open them, and any change to the blob is detected.
 *
 * Format: `ipx1.<base64url(salt[16] | iv[12] | tag[16] | ciphertext)>`.
 * The purpose and portal are bound as additional authenticated data: a saved session cannot
 * be replayed as a resume token, nor a blob of one portal used for another.
 */
const PREFIX = 'ipx1.';
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SealPurpose = 'session' | 'resume';

export interface SealScope {
	purpose: SealPurpose;
	portal: string;
	/** The credential's secrets (password, authenticator secret, ...); order matters. */
	secrets: string[];
}

interface Envelope<T> {
	expiresAt: number;
	payload: T;
}

function deriveKey(secrets: string[], salt: Buffer): Buffer {
	const material = secrets.map((s) => `${s.length}:${s}`).join('|');
	return scryptSync(material, salt, 32, { N: 16384, r: 8, p: 1 });
}

function aad(scope: SealScope): Buffer {
	return Buffer.from(`invoice-portals/${scope.purpose}/${scope.portal}`);
}

export function seal<T>(payload: T, expiresAt: number, scope: SealScope): string {
	const salt = randomBytes(SALT_BYTES);
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', deriveKey(scope.secrets, salt), iv);
	cipher.setAAD(aad(scope));
	const body = Buffer.from(JSON.stringify({ expiresAt, payload } satisfies Envelope<T>));
	const ciphertext = Buffer.concat([cipher.update(body), cipher.final()]);
	return PREFIX + Buffer.concat([salt, iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

export function unseal<T>(blob: string, scope: SealScope, now = Date.now()): T {
	const what = scope.purpose === 'resume' ? 'resume token' : 'saved session';
	const invalid = (why: string) =>
		new PortalError('RESUME_TOKEN_INVALID', `The ${what} cannot be used: ${why}`);
	if (typeof blob !== 'string' || !blob.startsWith(PREFIX))
		throw invalid('it is not a token made by this package.');
	const raw = Buffer.from(blob.slice(PREFIX.length), 'base64url');
	if (raw.length <= SALT_BYTES + IV_BYTES + TAG_BYTES) throw invalid('it is cut off.');
	const salt = raw.subarray(0, SALT_BYTES);
	const iv = raw.subarray(SALT_BYTES, SALT_BYTES + IV_BYTES);
	const tag = raw.subarray(SALT_BYTES + IV_BYTES, SALT_BYTES + IV_BYTES + TAG_BYTES);
	const ciphertext = raw.subarray(SALT_BYTES + IV_BYTES + TAG_BYTES);
	let envelope: Envelope<T>;
	try {
		const decipher = createDecipheriv('aes-256-gcm', deriveKey(scope.secrets, salt), iv);
		decipher.setAAD(aad(scope));
		decipher.setAuthTag(tag);
		envelope = JSON.parse(
			Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8'),
		);
	} catch {
		throw invalid('it was altered, or it belongs to another credential or portal.');
	}
	if (envelope.expiresAt <= now) {
		const code = scope.purpose === 'resume' ? 'RESUME_TOKEN_EXPIRED' : 'SESSION_EXPIRED';
		throw new PortalError(
			code,
			`The ${what} expired at ${new Date(envelope.expiresAt).toISOString()}.`,
		);
	}
	return envelope.payload;
}
