import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { invalidInput } from '../../../../portals/core/outcomes/errors';
import { runForItem, type ItemRun, type OperationOutput } from '../../../shared/run';
import * as download from '../document/download.operation';
import * as list from '../document/list.operation';
import * as check from './check.operation';
import * as discover from './discover.operation';

/** After the code, the interrupted operation (recorded in the token) finishes with its own items. */
const FINISH: Record<
	string,
	(ctx: IExecuteFunctions, itemIndex: number, item: ItemRun) => Promise<OperationOutput>
> = {
	download: download.output,
	list: list.output,
	check: check.output,
};

const show = { resource: ['connection'], operation: ['submitCode'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Resume Token',
		name: 'resumeToken',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.resumeToken }}',
		required: true,
		displayOptions: { show },
		// eslint-disable-next-line n8n-nodes-base/node-param-description-miscased-json -- an n8n expression, which must say "json"
		description:
			"The resume token of the Action Required item, e.g. {{ $('Invoice Portal').item.json.resumeToken }} after a Wait node",
	},
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		default: '={{ $json.code ?? $json.Code }}',
		required: true,
		displayOptions: { show },
		description:
			"The code the portal sent (SMS, e-mail, app), the characters of the captcha image, or the whole sign-in link from the portal's e-mail",
	},
];

/** Continues a login that waits for a code, then carries out the operation it interrupted. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationOutput> {
	const token = String(this.getNodeParameter('resumeToken', itemIndex, '') ?? '').trim();
	const code = String(this.getNodeParameter('code', itemIndex, '') ?? '').trim();
	if (!token)
		throw invalidInput(
			'resumeToken',
			'is empty: pass the resumeToken of the Action Required item.',
		);
	if (!code) throw invalidInput('code', 'is empty: pass the code the portal sent.');
	const item = await runForItem(
		this,
		itemIndex,
		{ mode: 'download', filters: {}, onlyNew: true },
		{ token, code },
	);
	const finish = item.run.operation.output?.discover
		? discover.output
		: FINISH[item.run.operation.mode];
	return finish(this, itemIndex, item);
}
