import {
	closeSync,
	mkdirSync,
	openSync,
	readFileSync,
	statSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { hashedName } from '../hashed-name';
import type { LeaseResource } from '../store';
import { writeAtomically } from './write-atomically';

interface LeaseFile {
	holder: string;
	expiresAt: number;
}

/**
 * Leases held in this process, by lock file: a second run in the same process is turned away
 * without touching the disk, and two stores on the same folder (two nodes of one instance) agree.
 */
const held = new Map<string, LeaseFile>();

/**
 * Leases as lock files in one folder (the state folder's `leases/`): created exclusively
 * (O_EXCL), so only one process gets it; each names its holder and expiry, and an expired one is
 * taken over (its holder died).
 */
export class FileLeases implements LeaseResource {
	constructor(private readonly dir: string) {}

	private leaseFile(key: string): string {
		return join(this.dir, `${hashedName(key)}.lock`);
	}

	async acquire(key: string, holder: string, ttlMs: number): Promise<boolean> {
		const path = this.leaseFile(key);
		const mine = held.get(path);
		if (mine && mine.holder !== holder && mine.expiresAt > Date.now()) return false;
		mkdirSync(this.dir, { recursive: true });
		const lease = { holder, expiresAt: Date.now() + ttlMs };
		for (let attempt = 0; attempt < 2; attempt++) {
			try {
				const fd = openSync(path, 'wx');
				try {
					writeFileSync(fd, JSON.stringify(lease));
				} finally {
					closeSync(fd);
				}
				held.set(path, lease);
				return true;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			}
			const current = readLease(path);
			// Held and alive. A lock file being written right now reads as unreadable: alive too,
			// unless it stayed so for seconds (its writer died between creating and writing it).
			if (
				current === 'unreadable' ? !writtenLongAgo(path) : current && current.expiresAt > Date.now()
			)
				return false;
			// Its holder died: taken over.
			try {
				unlinkSync(path);
			} catch {
				// Another process took it over first; the second attempt says who won.
			}
		}
		return false;
	}

	async renew(key: string, holder: string, ttlMs: number): Promise<boolean> {
		const path = this.leaseFile(key);
		const current = readLease(path);
		if (!current || current === 'unreadable' || current.holder !== holder) return false;
		const lease = { holder, expiresAt: Date.now() + ttlMs };
		writeAtomically(path, JSON.stringify(lease));
		held.set(path, lease);
		return true;
	}

	async release(key: string, holder: string): Promise<void> {
		const path = this.leaseFile(key);
		const current = readLease(path);
		if (held.get(path)?.holder === holder) held.delete(path);
		if (!current || current === 'unreadable' || current.holder !== holder) return;
		try {
			unlinkSync(path);
		} catch {
			// Already gone: nothing to give back.
		}
	}
}

/** The lease in a lock file; undefined when there is none, 'unreadable' while it is being written. */
function readLease(path: string): LeaseFile | undefined | 'unreadable' {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
	try {
		const lease = JSON.parse(text) as LeaseFile;
		return typeof lease.expiresAt === 'number' ? lease : 'unreadable';
	} catch {
		return 'unreadable';
	}
}

/** An unreadable lock file older than any write takes: left behind by a writer that died. */
function writtenLongAgo(path: string): boolean {
	try {
		return Date.now() - statSync(path).mtimeMs > 5_000;
	} catch {
		return true;
	}
}
