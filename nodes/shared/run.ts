import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import {
	heldBackError,
	runConnection,
	type ConnectionRun,
	type OperationRequest,
} from '../../portals/core/run/connection-run';
import {
	CAPTCHA_SOLVER_PARAMETER,
	captchaSolverOf,
	connectionFromCredential,
	CREDENTIAL_TYPE,
	type PortalConnection,
} from './connection';
import { nodeErrorFromResult } from './errors';
import { mailboxOf, READ_MAILBOX_PARAMETER } from './mailbox';
import { actionItem, BinaryFiles, countsSummary } from './items';
import { saveConnection, storedConnection } from './state';
import { twoPhaseSave } from '../../portals/core/delivery/deliveries';

export type { OperationRequest };

export interface OperationOutput {
	documents: INodeExecutionData[];
	actions: INodeExecutionData[];
}

/** A run that went to the portal, with what the operation needs to finish it. */
export interface ItemRun {
	connection: PortalConnection;
	run: Extract<ConnectionRun, { ran: true }>;
	/** The run's files, handed to n8n's binary store as they arrived (items.ts). */
	files: BinaryFiles;
	/** Records the run's documents as delivered: call it once their items exist. */
	markDelivered(): void;
}

export async function connectionFor(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<PortalConnection> {
	const data = await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex);
	return connectionFromCredential(data, ctx.getNode().credentials?.[CREDENTIAL_TYPE] ?? {});
}

/**
 * Runs the connection for one input item (portals/core/run/connection-run.ts does the work) and
 * saves its new state in the workflow's static data. A run the lockout held back is an error.
 */
export async function runForItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	operation: OperationRequest,
	resume?: { token: string; code: string },
	options: { forgetLearned?: boolean } = {},
): Promise<ItemRun> {
	const connection = await connectionFor(ctx, itemIndex);
	const global = ctx.getWorkflowStaticData('global');
	const files = new BinaryFiles(ctx);
	const run = await runConnection(connection, storedConnection(global, connection.key), {
		operation,
		resume,
		source: 'action',
		executionId: ctx.getExecutionId(),
		manual: ctx.getMode() === 'manual',
		captchaSolver: await captchaSolverOf(
			ctx,
			ctx.getNodeParameter(CAPTCHA_SOLVER_PARAMETER, itemIndex, 'none'),
			itemIndex,
		),
		mailbox: await mailboxOf(
			ctx,
			{
				on: ctx.getNodeParameter(READ_MAILBOX_PARAMETER, itemIndex, false),
				timeoutSeconds: ctx.getNodeParameter('mailboxTimeoutSeconds', itemIndex, 180),
				markAsRead: ctx.getNodeParameter('markCodeMailsRead', itemIndex, false),
			},
			itemIndex,
		),
		collect: { onDownloaded: files.add },
		signal: ctx.getExecutionCancelSignal?.(),
		forgetLearned: options.forgetLearned,
		// n8n keeps static data after production executions only: a manual run's state is not kept.
		deliveryScope: ctx.getMode() === 'manual' ? undefined : `workflow ${ctx.getWorkflow().id}`,
	});
	if (!run.ran) throw heldBackError(run);
	const save = twoPhaseSave(run, (state) => saveConnection(global, connection.key, state));
	save.stateNow();
	return { connection, run, files, markDelivered: () => save.deliveredOnceOutput() };
}

/**
 * What every operation does before its own items: a run that waits for the user goes to the
 * Action Required output; a run that failed is an error (documents that failed to download
 * while others arrived are a warning, not an error). Undefined: the operation goes on.
 */
export async function stopOutput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ connection, run }: ItemRun,
): Promise<OperationOutput | undefined> {
	const { result } = run;
	if (result.status === 'action_required')
		return { documents: [], actions: [await actionItem(ctx, result, connection.label, itemIndex)] };
	if (run.operation.mode === 'check') return undefined;
	if (result.status !== 'connected' || (result.reason && result.failures.length === 0))
		throw nodeErrorFromResult(ctx.getNode(), result, itemIndex);
	ctx.addExecutionHints({
		message: `${connection.portal.name}: ${countsSummary(result.counts)}${result.failures.length ? ` — ${result.message}` : ''}`,
		type: result.failures.length ? 'warning' : 'info',
		location: 'outputPane',
	});
	return undefined;
}
