import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { openResumeToken, runPortal, type RunMode } from '../../portals/core/engine';
import { createHash } from 'node:crypto';
import type { DocumentFilters } from '../../portals/core/filters';
import type { RunResult } from '../../portals/core/result';
import { PortalError } from '../../portals/core/errors';
import { StatusStore } from '../../portals/core/status-store';
import { loginFingerprint } from '../../portals/core/trigger-state';
import { captchaSolverOf, connectionFromCredential, CREDENTIAL_TYPE, type PortalConnection } from './connection';
import { nodeErrorFromResult } from './errors';
import { actionItem, countsSummary, documentItems, metadataItems, statusJson } from './items';
import { NodeState } from './state';

/** What an interrupted operation needs to be carried out after Submit Code; kept in the resume token. */
export interface OperationRequest {
	mode: RunMode;
	filters: DocumentFilters;
	onlyNew: boolean;
}

export interface OperationOutput {
	documents: INodeExecutionData[];
	actions: INodeExecutionData[];
}

export async function connectionFor(ctx: IExecuteFunctions, itemIndex: number): Promise<PortalConnection> {
	const data = await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex);
	return connectionFromCredential(data, ctx.getNode().credentials?.[CREDENTIAL_TYPE] ?? {});
}

/**
 * Runs one operation for one input item: restores the saved session, skips what was already
 * delivered (Only New), records the outcome in the status store, and turns the result into
 * items. Documents are recorded as delivered here, as they are output.
 */
export async function runOperation(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: OperationRequest,
	resume?: { token: string; code: string },
): Promise<OperationOutput> {
	const connection = await connectionFor(ctx, itemIndex);
	const state = new NodeState(ctx.getWorkflowStaticData('node'), ctx.getWorkflowStaticData('global'));
	const ledger = state.ledger(connection.key);
	let effective = request;
	if (resume) effective = openResumeToken<OperationRequest>(connection.portal, connection.credentials, resume.token).operation ?? request;

	// n8n's Retry On Fail runs the node again at once, with the same login data: a login the
	// portal just rejected is not tried again in the same execution (that is how accounts get locked).
	const fingerprint = loginFingerprint({ salt: state.salt() }, connection.credentials.username, connection.credentials.password);
	const rejected = state.rejectedLogin(connection.key);
	if (rejected && rejected.executionId === ctx.getExecutionId() && rejected.fingerprint === fingerprint) {
		throw new PortalError(rejected.reason, `${rejected.message} Not tried again in this execution, so that the account is not locked.`);
	}

	// Only New after a complete scan with the same filters: stop at a page of known documents.
	const filtersHash = createHash('sha256').update(JSON.stringify(effective.filters ?? {})).digest('hex').slice(0, 16);
	const stopEarly = effective.onlyNew && state.completeScan(connection.key) === filtersHash;
	const result: RunResult = await runPortal<OperationRequest>({
		portal: connection.portal,
		baseUrl: connection.baseUrl,
		credentials: connection.credentials,
		mode: effective.mode,
		filters: effective.filters,
		savedSession: state.session(connection.key),
		resume,
		operation: effective,
		isDelivered: effective.onlyNew ? (doc) => ledger.has(doc) : undefined,
		isDeliveredFile: effective.onlyNew ? (hash) => ledger.hasFile(hash) : undefined,
		listing: stopEarly ? 'untilKnown' : 'all',
		captchaSolver: await captchaSolverOf(ctx, itemIndex),
		signal: ctx.getExecutionCancelSignal?.(),
	});

	if (result.session) state.setSession(connection.key, result.session);
	else if (result.status === 'login_failed') state.setSession(connection.key, undefined);
	state.setRejectedLogin(
		connection.key,
		result.status === 'login_failed' && result.reason ? { executionId: ctx.getExecutionId(), fingerprint, reason: result.reason, message: result.message } : undefined,
	);
	new StatusStore().record(connection.key, result, 'action');

	if (result.status === 'action_required') return { documents: [], actions: [await actionItem(ctx, result, connection.label, itemIndex)] };
	if (effective.mode === 'check') return { documents: [{ json: statusJson(result, connection.label), pairedItem: { item: itemIndex } }], actions: [] };
	// Documents that failed to download are reported as a warning: the others are delivered.
	if (result.status !== 'connected' || (result.reason && result.failures.length === 0)) {
		throw nodeErrorFromResult(ctx.getNode(), result, itemIndex);
	}

	ctx.addExecutionHints({
		message: `${connection.portal.name}: ${countsSummary(result.counts)}${result.failures.length ? ` — ${result.message}` : ''}`,
		type: result.failures.length ? 'warning' : 'info',
		location: 'outputPane',
	});
	if (effective.mode === 'list') return { documents: metadataItems(result.portal, result.selected, itemIndex), actions: [] };

	const documents = await documentItems(ctx, result.documents, itemIndex);
	for (const doc of result.documents) ledger.record(doc, doc.sha256);
	ledger.prune();
	if (effective.onlyNew) {
		// Complete: every selected document was delivered and none was left over the limit.
		const complete = !result.reason && result.counts.overLimit === 0;
		state.setCompleteScan(connection.key, complete ? filtersHash : undefined);
	}
	return { documents, actions: [] };
}
