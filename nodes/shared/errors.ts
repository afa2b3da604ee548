import { NodeOperationError, type INode, type INodeExecutionData } from 'n8n-workflow';
import { PortalError, redactUrls } from '../../portals/core/errors';
import { STATUS_INFO } from '../../portals/core/statuses';
import type { RunResult } from '../../portals/core/result';

/**
 * The one place where engine outcomes become n8n errors. The message says what happened, the
 * description what to do; both come from the closed reason vocabulary. Nothing secret is in
 * either: the engine never puts passwords, codes or cookies into messages.
 */
export function nodeErrorFrom(node: INode, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof PortalError) {
		return new NodeOperationError(node, `${error.message} [${error.code}]`, { itemIndex, description: error.remedy });
	}
	// Unknown errors may quote a URL whose query string carries a session id.
	const message = redactUrls(String((error as Error)?.message ?? error).split('\n')[0]);
	return new NodeOperationError(node, message, { itemIndex });
}

/** A finished run that is neither connected nor waiting for the user is an error of the node. */
export function nodeErrorFromResult(node: INode, result: RunResult, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, `${STATUS_INFO[result.status].label}: ${result.message} [${result.reason}]`, {
		itemIndex,
		description: result.remedy,
	});
}

/**
 * For "Continue" / "Continue (using error output)" on fail: the error as an item. n8n's engine
 * shows such items as `{ error: message }` and keeps the error (with its remedy) on `item.error`.
 */
export function errorItem(error: NodeOperationError, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}
