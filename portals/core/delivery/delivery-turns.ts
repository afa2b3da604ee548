import { PortalError } from '../outcomes/errors';
import type { TurnResource } from '../store/store';

/**
 * After this long, a turn whose run never saved its state is taken for a crash: the next run goes
 * on from the state it has, and may deliver that run's documents again (at least once). It must
 * cover an execution's nodes after ours (uploads of many PDFs take minutes), since n8n saves the
 * state only when the whole execution ends; the setting shortens or lengthens it.
 */
export const TURN_SETTLES_MS = 30 * 60_000;
export const ENV_TURN_SETTLES = 'INVOICE_PORTALS_DELIVERY_SETTLE_MINUTES';

/** TURN_SETTLES_MS, or the setting's minutes (1 to 1440; anything else keeps the default). */
export function turnSettlesMs(env: NodeJS.ProcessEnv = process.env): number {
	const minutes = Number(env[ENV_TURN_SETTLES]);
	return Number.isFinite(minutes) && minutes >= 1 && minutes <= 1440
		? minutes * 60_000
		: TURN_SETTLES_MS;
}

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
	turns: TurnResource,
	scope: string,
	known: number | undefined,
	now = Date.now(),
): Promise<void> {
	const last = await turns.lastTurn(scope);
	const settles = turnSettlesMs();
	if (last && last.turn > (known ?? 0) && now - last.at < settles) {
		const ago = Math.max(1, Math.round((now - last.at) / 1000));
		const left = Math.ceil((last.at + settles - now) / 60_000);
		throw new PortalError(
			'CONNECTION_BUSY',
			`Another execution of this workflow delivered documents from this connection ${ago} s ago, and the state it saves had not reached this one when it began (still running, or n8n could not save it). This one sent nothing, so nothing arrives twice; should that execution have failed, its documents come again with the first run after ${left} min.`,
		);
	}
}

/**
 * Records that a run delivered documents; returns the turn to keep in the state it saves, above
 * the turn that state knew (`known`), whatever the store has forgotten.
 */
export async function takeDeliveryTurn(
	turns: TurnResource,
	scope: string,
	now = Date.now(),
	known?: number,
): Promise<number> {
	return (await turns.nextTurn(scope, now, known ?? 0)).turn;
}
