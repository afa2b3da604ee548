import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto';
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

/**
 * scrypt is deliberately slow (50–70 ms of CPU a key) and takes 16 MB. Keys are kept per process
 * (bounded), and one salt per credential is reused for sealing (each blob still gets its own
 * random IV, as GCM needs): a run that opens its saved session and seals it again derives no key
 * at all. The cache is indexed by an HMAC under a per-process random key, never by the secrets.
 *
 * Derived on the event loop, one key at a time with a turn of the loop before each, not in
 * libuv's thread pool: on glibc each pool thread frees its 16 MB into an allocator arena of its
 * own that keeps it, and twenty connections starting at once left a process 60–100 MB larger for
 * good (measured with the benchmark's parallel scenario: peak 275–318 MB in the pool, 206–231 MB
 * here). Twenty new credentials at once then take the loop for about 65 ms at a time, with other
 * runs' I/O served between; a credential seen before in the process costs nothing.
 */
const KEY_CACHE_SIZE = 500;
const cacheKey = randomBytes(32);
const keys = new Map<string, Promise<Buffer>>();
const sealingSalts = new Map<string, Buffer>();
/** The last derivation asked for: the next waits for it. */
let derivations: Promise<unknown> = Promise.resolve();

function materialOf(secrets: string[]): string {
	return secrets.map((s) => `${s.length}:${s}`).join('|');
}

function idOf(material: string, salt?: Buffer): string {
	const mac = createHmac('sha256', cacheKey).update(material);
	if (salt) mac.update(salt);
	return mac.digest('base64');
}

function remember<V>(map: Map<string, V>, id: string, value: V): V {
	map.delete(id);
	map.set(id, value);
	// Oldest first in a Map: drop it once the cache is full.
	if (map.size > KEY_CACHE_SIZE) map.delete(map.keys().next().value!);
	return value;
}

function deriveKey(material: string, salt: Buffer): Promise<Buffer> {
	const id = idOf(material, salt);
	const known = keys.get(id);
	if (known) return remember(keys, id, known);
	const key = derivations.then(
		() =>
			new Promise<Buffer>((resolve, reject) =>
				setImmediate(() => {
					try {
						resolve(scryptSync(material, salt, 32, { N: 16384, r: 8, p: 1 }));
					} catch (error) {
						reject(error);
					}
				}),
			),
	);
	derivations = key.catch(() => undefined);
	key.catch(() => keys.delete(id));
	return remember(keys, id, key);
}

function sealingSalt(material: string): Buffer {
	const id = idOf(material);
	return remember(sealingSalts, id, sealingSalts.get(id) ?? randomBytes(SALT_BYTES));
}

function aad(scope: SealScope): Buffer {
	return Buffer.from(`invoice-portals/${scope.purpose}/${scope.portal}`);
}

export async function seal<T>(payload: T, expiresAt: number, scope: SealScope): Promise<string> {
	const material = materialOf(scope.secrets);
	const salt = sealingSalt(material);
	const key = await deriveKey(material, salt);
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(aad(scope));
	const body = Buffer.from(JSON.stringify({ expiresAt, payload } satisfies Envelope<T>));
	const ciphertext = Buffer.concat([cipher.update(body), cipher.final()]);
	return PREFIX + Buffer.concat([salt, iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

export async function unseal<T>(blob: string, scope: SealScope, now = Date.now()): Promise<T> {
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
	const key = await deriveKey(materialOf(scope.secrets), Buffer.from(salt));
	let envelope: Envelope<T>;
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, iv);
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
