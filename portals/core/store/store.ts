/**
 * What the installation keeps between runs, so that every n8n process sees it: one backend,
 * chosen once (choose-store.ts), with one resource per kind of thing kept. Files in the state
 * folder for a single instance (files/), n8n's own Redis in queue mode (redis/). The shape is
 * that of Crawlee's storage clients: a storage client, and resource clients of it.
 *
 * The store knows storage only; the rules are its users': status/status-store.ts (the records),
 * run/lease/connection-lease.ts (holding a connection), delivery/delivery-turns.ts (turns).
 */
export interface Store {
	/** The connection records (status/connection-record.ts), one per connection key. */
	readonly statuses: RecordResource;
	readonly leases: LeaseResource;
	readonly turns: TurnResource;
}

/**
 * JSON records by key. The store does not know their shape: a record someone edited by hand
 * into something unreadable reads as missing (the next run writes a whole one).
 */
export interface RecordResource {
	get(key: string): Promise<unknown>;
	put(key: string, record: unknown): Promise<void>;
	/** Every readable record (the overview). */
	list(): Promise<unknown[]>;
	/** Forgets a record (retention: its credential was deleted, or it has not run for long). */
	remove(key: string): Promise<void>;
}

/** Leases on connections (connection-lease.ts); every call is atomic on its own. */
export interface LeaseResource {
	/** Takes the lease for `holder` when nobody holds it (or the holder's lease expired). */
	acquire(key: string, holder: string, ttlMs: number): Promise<boolean>;
	/**
	 * Extends the holder's lease; false when it is no longer this holder's. Redis also takes a
	 * lease it lost (restarted empty) again for its holder; a file does not vanish by itself.
	 */
	renew(key: string, holder: string, ttlMs: number): Promise<boolean>;
	/** Gives the lease back (only the holder's own). */
	release(key: string, holder: string): Promise<void>;
}

/** Delivery turns by scope (delivery-turns.ts); every call is atomic on its own. */
export interface TurnResource {
	/** The last delivery turn taken in a scope. */
	lastTurn(scope: string): Promise<DeliveryTurn | undefined>;
	/**
	 * Takes the next delivery turn in a scope, numbered above `after` too (the turn the run's saved
	 * state knows): turns forgotten by the store (expired, or Redis restarted empty) never number a
	 * new turn at or below one a saved state already holds. Called only while holding the lease.
	 */
	nextTurn(scope: string, at: number, after?: number): Promise<DeliveryTurn>;
}

/** A numbered run that may deliver documents, and when it started. */
export interface DeliveryTurn {
	turn: number;
	at: number;
}
