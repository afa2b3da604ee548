/**
 * Where a connection's lease and its delivery turns live, so that every n8n process of the
 * installation sees them: files in the state folder for a single instance (file-lease-store.ts);
 * n8n's own Redis in queue mode. Every call is atomic on its own.
 */
export interface LeaseStore {
	/** Takes the lease for `holder` when nobody holds it (or the holder's lease expired). */
	acquire(key: string, holder: string, ttlMs: number): Promise<boolean>;
	/**
	 * Extends the holder's lease; false when it is no longer this holder's. Redis also takes a
	 * lease it lost (restarted empty) again for its holder; a file does not vanish by itself.
	 */
	renew(key: string, holder: string, ttlMs: number): Promise<boolean>;
	/** Gives the lease back (only the holder's own). */
	release(key: string, holder: string): Promise<void>;
	/** The last delivery turn taken in a scope (see delivery-turns.ts). */
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
