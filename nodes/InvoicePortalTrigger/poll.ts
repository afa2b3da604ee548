import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { runPortal } from '../../portals/core/engine';
import type { RunResult } from '../../portals/core/result';
import { REASONS } from '../../portals/core/reasons';
import { STATUS_INFO, type ConnectionStatus } from '../../portals/core/statuses';
import { StatusStore } from '../../portals/core/status-store';
import {
	applyDisabled,
	applyOutcome,
	decideWake,
	liftLockoutAfterSuccess,
	listingStartDate,
	loginFingerprint,
	type TriggerState,
} from '../../portals/core/trigger-state';
import { captchaSolverOf, connectionFromCredential, CREDENTIAL_TYPE, type PortalConnection } from '../shared/connection';
import { nodeErrorFrom } from '../shared/errors';
import { actionItem, documentItems, type BinaryContext } from '../shared/items';
import type { OperationRequest } from '../shared/run';
import { NodeState } from '../shared/state';
import { readSettings, type TriggerSettings } from './settings';

const SOURCE = 'trigger';

/** An item of the Status Changes output: the new status, what it was before, and what to do. */
async function statusChangeItem(
	ctx: BinaryContext,
	result: RunResult,
	connection: PortalConnection,
	previous: TriggerState,
): Promise<INodeExecutionData> {
	const item = await actionItem(ctx, result, connection.label);
	Object.assign(item.json, {
		previousStatus: previous.lastStatus ?? null,
		previousReason: previous.lastReason ?? null,
		counts: result.counts as unknown as IDataObject,
		changedAt: result.finishedAt,
	});
	return item;
}

function pausedItem(connection: PortalConnection, previous: TriggerState, message: string): INodeExecutionData {
	const reason = 'DOWNLOADS_DISABLED';
	const status: ConnectionStatus = 'paused';
	return {
		json: {
			portal: connection.portal.slug,
			connection: connection.label,
			status,
			statusLabel: STATUS_INFO[status].label,
			reason,
			message,
			remedy: REASONS[reason].remedy,
			previousStatus: previous.lastStatus ?? null,
			previousReason: previous.lastReason ?? null,
			changedAt: new Date().toISOString(),
		},
	};
}

/**
 * One wake-up of the Invoice Portal Trigger. Everything that decides whether to run is settled
 * before a browser starts; most wake-ups end there and return null (no execution). A run
 * outputs new documents on output 0 and, only when the connection's status changed, one item on
 * output 1. State lives in the node's static data, which n8n saves when the trigger emits: every
 * run that changes something that must not be lost (delivered documents, a lockout) emits.
 *
 * In the editor ("Fetch test event") the schedule and the lockout do not apply, the newest
 * document is returned whether delivered before or not, and the stored state is left as it was.
 */
export async function pollConnection(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const node = this.getNode();
	const manual = this.getMode() === 'manual';
	let settings: TriggerSettings;
	try {
		settings = readSettings(this);
	} catch (error) {
		throw nodeErrorFrom(node, error, 0);
	}
	const connection = connectionFromCredential(await this.getCredentials(CREDENTIAL_TYPE), node.credentials?.[CREDENTIAL_TYPE] ?? {});
	const live = this.getWorkflowStaticData('node');
	const liveShared = this.getWorkflowStaticData('global');
	// A test event works on a copy: whatever it does, the stored state stays as it was.
	const copy = (data: IDataObject) => (manual ? (JSON.parse(JSON.stringify(data)) as IDataObject) : data);
	const state = new NodeState(copy(live), copy(liveShared));
	const store = new StatusStore();
	const now = Date.now();

	const known = store.get(connection.key);
	const previous = liftLockoutAfterSuccess(state.trigger(connection.key), known?.lastSuccessAt ? Date.parse(known.lastSuccessAt) : undefined);
	const fingerprint = loginFingerprint(previous, connection.credentials.username, connection.credentials.password);
	const decision = decideWake(previous, {
		now,
		enabled: settings.enabled,
		manual,
		fingerprint,
		filtersHash: settings.filtersHash,
		window: settings.window,
		everyDays: settings.everyDays,
		maxJitterMinutes: settings.maxJitterMinutes,
		wakeIntervalMinutes: settings.wakeIntervalMinutes,
		seed: `${connection.key}|${node.id}`,
	});

	if (!decision.run) {
		if (decision.why === 'disabled') {
			const message = 'Downloads are switched off in the Invoice Portal Trigger.';
			store.recordPaused(connection.key, connection.portal.slug, 'DOWNLOADS_DISABLED', message, SOURCE);
			const applied = applyDisabled(previous, now);
			state.setTrigger(connection.key, applied.state);
			return applied.statusChanged || manual ? [[], [pausedItem(connection, previous, message)]] : null;
		}
		if (decision.why === 'locked_out') {
			// Reported once, when the login failed; until the login data changes the connection is paused.
			const reason = decision.reason!;
			store.recordPaused(connection.key, connection.portal.slug, reason, `Paused after "${REASONS[reason].title}": no new login until the credential changes or the workflow is run manually.`, SOURCE);
		}
		return null;
	}

	const startDate = listingStartDate(previous, settings.startDate, now, settings.window.timezone);
	const filters = { ...settings.filters, startDate };
	const ledger = state.ledger(connection.key);
	let result: RunResult;
	try {
		result = await runPortal<OperationRequest>({
			portal: connection.portal,
			baseUrl: connection.baseUrl,
			credentials: connection.credentials,
			mode: 'download',
			filters,
			savedSession: state.session(connection.key),
			captchaSolver: await captchaSolverOf(this),
			// Submit Code (Invoice Portal node) carries on with this after a code prompt.
			operation: { mode: 'download', filters, onlyNew: true },
			isDelivered: manual ? undefined : (doc) => ledger.has(doc),
			isDeliveredFile: manual ? undefined : (hash) => ledger.hasFile(hash),
			// Newest first: a page of known documents means the older pages are known too.
			listing: manual ? 'firstPage' : decision.fullScan ? 'all' : 'untilKnown',
			newest: manual ? 1 : undefined,
		});
	} catch (error) {
		throw nodeErrorFrom(node, error, 0);
	}

	if (result.session) state.setSession(connection.key, result.session);
	else if (result.status === 'login_failed') state.setSession(connection.key, undefined);
	store.record(connection.key, result, manual ? `${SOURCE} (test event)` : SOURCE);

	const documents = result.status === 'connected' ? await documentItems(this, result.documents) : [];
	// Delivered means output: recorded only now that the items exist (n8n saves this state as it emits them).
	for (const doc of result.documents) ledger.record(doc, doc.sha256, now);
	ledger.prune(now);

	const applied = applyOutcome(
		previous,
		{ status: result.status, reason: result.reason, retryAfterSeconds: result.retryAfterSeconds, moreWaiting: result.counts.overLimit > 0 },
		{ now, fingerprint, filtersHash: settings.filtersHash },
	);
	if (!settings.startDate) applied.state.defaultStartDate ??= startDate;
	state.setTrigger(connection.key, applied.state);

	// A new code prompt is reported even when the status stays "action required": the portal just
	// sent a new code, and only this item carries the token that can answer it.
	const changes = applied.statusChanged || manual || result.challenge ? [await statusChangeItem(this, result, connection, previous)] : [];
	if (!documents.length && !changes.length) return null;
	return [documents, changes];
}
