import { createHash } from 'node:crypto';

/**
 * The name a key is kept under, in a file name or a Redis key: the first 32 hex digits of its
 * SHA-256, so that no connection's user name shows in the folder or in Redis. Records written by
 * earlier versions are found under these same names: never change it.
 */
export function hashedName(key: string): string {
	return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
