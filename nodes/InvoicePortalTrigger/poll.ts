import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { PortalError } from '../../portals/core/outcomes/errors';
import { REASONS } from '../../portals/core/outcomes/reasons';
import type { RunResult } from '../../portals/core/outcomes/result';
import { STATUS_INFO, type ConnectionStatus } from '../../portals/core/contract/statuses';
import { connectionState, type ConnectionState } from '../../portals/core/run/connection-state';
import { runConnection, type Connection } from '../../portals/core/run/connection-run';
import type { DocumentFilters } from '../../portals/core/contract/filters';
import { twoPhaseSave } from '../../portals/core/delivery/deliveries';
import { StatusStore } from '../../portals/core/status/status-store';
import {
	applyDisabled,
	applyOutcome,
	decideWake,
	listingStartDate,
	type ScheduleState,
} from '../../portals/core/scheduling/trigger-state';
import {
	CAPTCHA_SOLVER_PARAMETER,
	captchaSolverOf,
	connectionFromCredential,
	CREDENTIAL_TYPE,
	type PortalConnection,
} from '../shared/connection';
import { nodeErrorFrom } from '../shared/errors';
import { mailboxOf, READ_MAILBOX_PARAMETER } from '../shared/mailbox';
import { addInvoiceData } from '../shared/invoice-data';
import {
	actionItem,
	DEFAULT_BINARY_FIELD,
	documentItems,
	type BinaryContext,
} from '../shared/items';
import { saveConnection, storedConnection } from '../shared/state';
import { readSettings, type TriggerSettings } from './settings';

const SOURCE = 'trigger';

/** An item of the Status Changes output: the new status, what it was before, and what to do. */
async function statusChangeItem(
	ctx: BinaryContext,
	result: RunResult,
	connection: PortalConnection,
	previous: ScheduleState,
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

function pausedItem(
	connection: PortalConnection,
	previous: ScheduleState,
	message: string,
): INodeExecutionData {
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
	const connection = connectionFromCredential(
		await this.getCredentials(CREDENTIAL_TYPE),
		node.credentials?.[CREDENTIAL_TYPE] ?? {},
	);
	const global = this.getWorkflowStaticData('global');
	// A test event works on a copy: whatever it does, the stored state stays as it was.
	const save = (state: Parameters<typeof saveConnection>[2]) =>
		manual || saveConnection(global, connection.key, state);
	const stored = connectionState(storedConnection(global, connection.key));
	const store = new StatusStore();
	const now = Date.now();

	const previous: ScheduleState = stored.schedule ?? {};
	const decision = decideWake(previous, {
		now,
		enabled: settings.enabled,
		manual,
		filtersHash: settings.filtersHash,
		window: settings.window,
		everyDays: settings.everyDays,
		maxJitterMinutes: settings.maxJitterMinutes,
		wakeIntervalMinutes: settings.wakeIntervalMinutes,
		seed: `${connection.key}|${node.id}`,
	});

	if (!decision.run) {
		if (decision.why !== 'disabled') return null;
		const message = 'Downloads are switched off in the Invoice Portal Trigger.';
		await store.recordPaused(
			connection,
			connection.portal.slug,
			'DOWNLOADS_DISABLED',
			message,
			SOURCE,
		);
		const applied = applyDisabled(previous, now);
		save({ ...stored, schedule: applied.state });
		return applied.statusChanged || manual
			? [[], [pausedItem(connection, previous, message)]]
			: null;
	}

	const startDate = listingStartDate(previous, settings.startDate, now, settings.window.timezone);
	const run = await runForPoll(this, connection, stored, {
		filters: { ...settings.filters, startDate },
		fullScan: decision.fullScan,
		readInvoiceData: settings.readInvoiceData,
	});
	if (!run) return null;
	const { result } = run;

	const documents =
		result.status === 'connected' ? await documentItems(this, result.documents) : [];
	if (settings.readInvoiceData)
		await addInvoiceData(this, documents, result.documents, DEFAULT_BINARY_FIELD);
	const applied = applyOutcome(
		previous,
		{
			status: result.status,
			reason: result.reason,
			retryAfterSeconds: result.retryAfterSeconds,
			moreWaiting: result.counts.overLimit > 0,
		},
		{ now, filtersHash: settings.filtersHash, newLockout: run.newLockout },
	);
	if (!settings.startDate) applied.state.defaultStartDate ??= startDate;
	// Delivered means output: the items exist now, and n8n saves this state as it emits them.
	twoPhaseSave(run, save).deliveredOnceOutput({ schedule: applied.state });

	// A new code prompt is reported even when the status stays "action required": the portal just
	// sent a new code, and only this item carries the token that can answer it.
	const changes =
		applied.statusChanged || manual || result.challenge
			? [await statusChangeItem(this, result, connection, previous)]
			: [];
	if (!documents.length && !changes.length) return null;
	return [documents, changes];
}

/**
 * The trigger's connection run: Only New downloads of the listing's window. Null when there is
 * nothing to report: another run has the connection (the next wake-up carries on), or the lockout
 * held the run back (reported once, when the login was rejected; the status store says paused).
 */
async function runForPoll(
	poll: IPollFunctions,
	connection: Connection,
	stored: ConnectionState,
	wake: { filters: DocumentFilters; fullScan: boolean; readInvoiceData: boolean },
) {
	const manual = poll.getMode() === 'manual';
	let run;
	try {
		run = await runConnection(connection, stored, {
			// Submit Code (Invoice Portal node) carries on with this after a code prompt, the
			// option included.
			operation: {
				mode: 'download',
				filters: wake.filters,
				onlyNew: !manual,
				...(wake.readInvoiceData ? { output: { readInvoiceData: true } } : {}),
			},
			collect: {
				// Newest first: a page of known documents means the older pages are known too.
				listing: manual ? 'firstPage' : wake.fullScan ? 'all' : 'untilKnown',
				newest: manual ? 1 : undefined,
			},
			source: manual ? `${SOURCE} (test event)` : SOURCE,
			manual,
			captchaSolver: await captchaSolverOf(
				poll,
				poll.getNodeParameter(CAPTCHA_SOLVER_PARAMETER, 'none'),
			),
			mailbox: await mailboxOf(poll, {
				on: poll.getNodeParameter(READ_MAILBOX_PARAMETER, false),
				timeoutSeconds: poll.getNodeParameter('mailboxTimeoutSeconds', 180),
				markAsRead: poll.getNodeParameter('markCodeMailsRead', false),
			}),
			deliveryScope: manual ? undefined : `workflow ${poll.getWorkflow().id}`,
			// No onDownloaded here: a poll has no execution yet, so n8n would keep a file stored
			// during a run that then fails in the workflow's temporary binary data for good.
		});
	} catch (error) {
		// Another run has the connection (this trigger's previous poll, or another workflow's run):
		// the trigger never overlaps it, and the next wake-up carries on.
		if (error instanceof PortalError && error.code === 'CONNECTION_BUSY' && !manual) return null;
		throw nodeErrorFrom(poll.getNode(), error, 0);
	}
	return run.ran ? run : null;
}
