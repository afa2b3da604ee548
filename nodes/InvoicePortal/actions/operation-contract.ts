import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemRun, OperationOutput, OperationRequest } from '../../shared/run';

/**
 * What the router runs for one input item, as the chosen operation asks: a run of the connection
 * on the portal, or (for what only reads this installation's records) the items themselves.
 */
export type ItemRequest = PortalRequest | AnsweredRequest;

/** Go to the portal: the router runs the connection, stops at a code or a failure, then finishes. */
export interface PortalRequest {
	run: OperationRequest;
	/**
	 * Submit Code: continue the login this token waits in. The operation the token recorded then
	 * runs and finishes with its own items, whatever `run` says.
	 */
	resume?: { token: string; code: string };
	/** Start without what the adapter learned before (Discover). */
	forgetLearned?: boolean;
}

/** Nothing to run on the portal (Get Status, Get Many): the operation's items, as they are. */
export interface AnsweredRequest {
	answer: OperationOutput;
}

/** Turns a run that went through (neither waiting for a code nor failed) into the operation's items. */
export type Finish = (
	ctx: IExecuteFunctions,
	itemIndex: number,
	item: ItemRun,
) => Promise<OperationOutput>;

/**
 * What every `*.operation.ts` file exports. It imports no other operation (lint,
 * eslint.config.mjs): the router (router.ts) alone knows them all and owns the item's lifecycle.
 */
export interface Operation {
	/** The operation's fields, shown only for it (showFor). */
	description: INodeProperties[];
	/** What to run for the item: reads the item's parameters and checks them before the portal is asked. */
	request: (this: IExecuteFunctions, itemIndex: number) => Promise<ItemRequest>;
	/**
	 * The items of a run that went through. Absent where the request answers itself, and for
	 * Submit Code, which finishes with the finish of the operation its token recorded.
	 */
	finish?: Finish;
}
