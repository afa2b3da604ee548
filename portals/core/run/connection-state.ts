import { randomBytes } from 'node:crypto';
import type { LedgerData } from '../delivery/ledger';
import type { ScheduleState } from '../scheduling/trigger-state';
import type { Lockout } from './lockout';

/**
 * Everything the package remembers about one connection between executions, as one plain-JSON
 * record (n8n keeps it in the workflow's static data, saved with the workflow, so it survives
 * restarts and travels with an execution to another process). It never holds a secret in the
 * clear: the session is sealed, the lockout compares a keyed hash of the login data.
 *
 * The other places: the status store (one small file per connection, installation-wide, see
 * status/status-store.ts) and resume tokens (sealed, in the Action Required item).
 */
export interface ConnectionState {
	/** Random per connection: keys the login fingerprint so it says nothing outside this record. */
	salt: string;
	/** The sealed browser session of the last login (cookies, storage), tried before logging in. */
	session?: string;
	/** Documents delivered (output) before: Only New and the trigger skip them. */
	delivered: LedgerData;
	/** The filters (hashed) of the last Only New download that saw every page and delivered all it selected. */
	completeScan?: string;
	/** A rejected login: see lockout.ts. */
	lockout?: Lockout;
	/** What the portal's adapter learned (the Automatic portal's discovered definition). */
	learned?: unknown;
	/**
	 * The engine the last run that worked used (a definition's `auto`): the next run starts
	 * there, so a portal that needs the browser does not try plain HTTP first every time.
	 */
	engine?: 'http' | 'browser';
	/**
	 * Mails whose code or sign-in link a run read from the user's mailbox (hashed ids, never a
	 * code): a code is used once only, even by runs that overlap.
	 */
	usedMail?: string[];
	/**
	 * The delivery turn of the last run of this workflow that could deliver (see
	 * delivery/delivery-turns.ts): tells whether this state has seen the latest deliveries.
	 */
	deliveryTurn?: number;
	/** The trigger's schedule: last run, back-off, what is pending. */
	schedule?: ScheduleState;
}

export function newConnectionState(): ConnectionState {
	return { salt: randomBytes(16).toString('hex'), delivered: { entries: {} } };
}

/** A stored record as a complete state (a missing record is a new connection); never shares objects with it. */
export function connectionState(stored: unknown): ConnectionState {
	const fresh = newConnectionState();
	if (!stored || typeof stored !== 'object') return fresh;
	const copy = JSON.parse(JSON.stringify(stored)) as Partial<ConnectionState>;
	return { ...fresh, ...copy, delivered: { entries: copy.delivered?.entries ?? {} } };
}
