import { randomUUID } from 'node:crypto';
import { PortalError } from '../../outcomes/errors';
import type { LeaseResource } from '../../store/store';

/**
 * How long a lease lives without renewal: a holder that died blocks its connection no longer.
 * Renewed every 20 s, so a live process loses it only when it stalls for over 40 s (or its store
 * does not answer that long).
 */
export const LEASE_TTL_MS = 60_000;
/** How long a second run waits for the connection before it gives up (CONNECTION_BUSY). */
export const LEASE_WAIT_MS = 10_000;

export interface LeaseOptions {
	ttlMs?: number;
	waitMs?: number;
	signal?: AbortSignal;
}

/** A held lease: renewed in the background until it is given back. */
export interface HeldLease {
	holder: string;
	release(): Promise<void>;
}

/**
 * Takes a connection's lease, so that only one run at a time signs in to it (two logins at the
 * same moment are how accounts get locked). Waits up to `waitMs` for a run that holds it, then
 * gives up with CONNECTION_BUSY, having sent nothing to the portal. The lease is renewed every
 * third of its lifetime while the run goes on; given back at the end, or it expires.
 */
export async function holdLease(
	leases: LeaseResource,
	key: string,
	options: LeaseOptions = {},
): Promise<HeldLease> {
	const ttlMs = options.ttlMs ?? LEASE_TTL_MS;
	const waitMs = options.waitMs ?? LEASE_WAIT_MS;
	const holder = randomUUID();
	const deadline = Date.now() + waitMs;
	while (!(await leases.acquire(key, holder, ttlMs))) {
		if (options.signal?.aborted) throw options.signal.reason ?? new Error('The run was cancelled.');
		if (Date.now() >= deadline) throw busy(waitMs);
		await new Promise((done) =>
			setTimeout(done, Math.min(250, Math.max(0, deadline - Date.now()))),
		);
	}
	let renewing: Promise<unknown> = Promise.resolve();
	const timer = setInterval(
		() => {
			// A renewal that fails (the store is unreachable for a moment) is tried again next time;
			// the lease then expires at worst, and nothing else depends on it.
			renewing = leases.renew(key, holder, ttlMs).catch(() => false);
		},
		Math.max(1_000, Math.floor(ttlMs / 3)),
	);
	timer.unref();
	return {
		holder,
		async release() {
			clearInterval(timer);
			await renewing;
			await leases.release(key, holder).catch(() => undefined);
		},
	};
}

function busy(waitMs: number): PortalError {
	return new PortalError(
		'CONNECTION_BUSY',
		`Another run of this connection is signed in to the portal right now; this one waited ${Math.round(waitMs / 100) / 10} s and sent nothing.`,
	);
}
