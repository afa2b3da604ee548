import type { TurnResource } from '../store/store';
import { takeDeliveryTurn } from './delivery-turns';

/** What decides whether a run takes a delivery turn (delivery-turns.ts). */
export interface TurnRequest {
	/** The workflow whose saved state this is (production runs only); absent: no turns. */
	deliveryScope?: string;
	connectionKey: string;
	mode: string;
	onlyNew: boolean;
	/** A Submit Code: it continues a run that began before and is left to finish. */
	resuming: boolean;
}

/**
 * The turns' scope of a run that can deliver what its workflow's saved state has not seen yet:
 * an Only New download of a production run. Undefined: the run takes no turn.
 */
export function turnScope(request: TurnRequest): string | undefined {
	const { deliveryScope, mode, onlyNew, resuming } = request;
	return deliveryScope && mode === 'download' && onlyNew && !resuming
		? `${deliveryScope}|${request.connectionKey}`
		: undefined;
}

/**
 * Records that a run downloaded documents; returns the turn to keep in its state. The documents
 * are downloaded: a store that fails now must not throw them away. Without the turn, an
 * overlapping execution may deliver them once more (at least once).
 */
export async function takeTurnKeepingDocuments(
	store: TurnResource,
	scope: string,
	known: number | undefined,
): Promise<number | undefined> {
	return takeDeliveryTurn(store, scope, Date.now(), known).catch(() => known);
}
