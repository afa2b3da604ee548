import { PortalError } from '../../outcomes/errors';
import type { LeaseStore } from './lease-store';

/**
 * After this long, a turn whose run never saved its state is taken for a crash: the next run goes
 * on from the state it has, and may deliver that run's documents again (at least once).
 */
export const TURN_SETTLES_MS = 30 * 60_000;

/**
 * Keeps two executions of one workflow from delivering the same documents. n8n gives each
 * execution the workflow's static data as it was saved when the execution began, so an
 * execution that began while another was still running has not seen that one's deliveries.
 * Every run that delivered documents takes a numbered turn (under the connection's lease) and
 * keeps its number in the state it saves; a run whose state is older than the last turn taken
 * within TURN_SETTLES_MS ends with CONNECTION_BUSY before it signs in. The next execution
 * starts from the saved state and goes on.
 *
 * `scope`: the workflow and the connection (each workflow keeps its own record of what it delivered).
 */
export async function checkDeliveryTurn(
	store: LeaseStore,
	scope: string,
	known: number | undefined,
	now = Date.now(),
): Promise<void> {
	const last = await store.lastTurn(scope);
	if (last && last.turn > (known ?? 0) && now - last.at < TURN_SETTLES_MS)
		throw new PortalError(
			'CONNECTION_BUSY',
			`Another execution of this workflow delivered documents from this connection ${Math.max(1, Math.round((now - last.at) / 1000))} s ago, after this one began; this one sent nothing, so nothing arrives twice.`,
		);
}

/** Records that a run delivered documents; returns the turn to keep in the state it saves. */
export async function takeDeliveryTurn(
	store: LeaseStore,
	scope: string,
	now = Date.now(),
): Promise<number> {
	return (await store.nextTurn(scope, now)).turn;
}
