import { NodeOperationError, type INode, type INodeExecutionData } from 'n8n-workflow';
import { PortalError, redactUrls } from '../../portals/core/outcomes/errors';
import { reasonInfo, reasonName } from '../../portals/core/outcomes/reasons';
import { STATUS_INFO } from '../../portals/core/contract/statuses';
import type { RunResult } from '../../portals/core/outcomes/result';

/**
 * The one place where engine outcomes become n8n errors. The message says what happened, the
 * description what to do; both come from the closed reason vocabulary. Nothing secret is in
 * either: the engine never puts passwords, codes or cookies into messages.
 */
export function nodeErrorFrom(node: INode, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof PortalError) {
		return keepingMessage(node, `${error.message} [${error.code}]`, {
			itemIndex,
			description: error.remedy,
		});
	}
	// Unknown errors may quote a URL whose query string carries a session id.
	const message = redactUrls(String((error as Error)?.message ?? error).split('\n')[0]);
	return new NodeOperationError(node, message, { itemIndex });
}

/**
 * A finished run that failed is an error of the node. A transient failure says what happened and
 * that the next run tries again ("Portal unavailable — the next run tries again: …"); its status
 * stays "connected" (the login data is fine), but that word would mislead here.
 */
export function nodeErrorFromResult(
	node: INode,
	result: RunResult,
	itemIndex: number,
): NodeOperationError {
	const info = result.reason ? reasonInfo(result.reason) : undefined;
	const head = info?.retryable
		? `${reasonName(result.reason!)} — the next run tries again`
		: STATUS_INFO[result.status].label;
	return keepingMessage(node, `${head}: ${result.message} [${result.reason}]`, {
		itemIndex,
		description: result.remedy,
	});
}

/**
 * n8n's NodeError swaps a message that names a Node error code (ECONNREFUSED, ENOTFOUND,
 * ETIMEDOUT ...) for a stock sentence of its own ("The service refused the connection - perhaps
 * it is offline"), and ours would name the code whenever the network failed. Ours says where,
 * the reason and what to do: it is put back.
 */
function keepingMessage(
	node: INode,
	message: string,
	options: { itemIndex: number; description: string | undefined },
): NodeOperationError {
	const error = new NodeOperationError(node, message, options);
	error.message = message;
	error.messages = error.messages.filter((earlier) => earlier !== message);
	return error;
}

/**
 * For "Continue" / "Continue (using error output)" on fail: the error as an item. n8n's engine
 * shows such items as `{ error: message }` and keeps the error (with its remedy) on `item.error`.
 */
export function errorItem(error: NodeOperationError, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}
