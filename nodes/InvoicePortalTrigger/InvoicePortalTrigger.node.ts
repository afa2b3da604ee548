import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { invoicePortalLoginTest } from '../shared/credential-test';
import { triggerProperties } from './description';
import { invoicePortalMailboxTest } from '../shared/mailbox';
import { pollConnection } from './poll';

export class InvoicePortalTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Invoice Portal Trigger',
		name: 'invoicePortalTrigger',
		icon: { light: 'file:invoicePortalTrigger.svg', dark: 'file:invoicePortalTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "every " + $parameter["everyDays"] + " days" }}',
		description:
			'Fetches new invoices from a supplier or billing portal on a schedule, within the hours you allow',
		defaults: { name: 'Invoice Portal Trigger' },
		// n8n adds "Poll Times": how often the node wakes up; the node decides whether a download is due.
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Documents', 'Status Changes'],
		credentials: [
			{ name: 'invoicePortalApi', required: true, testedBy: 'invoicePortalLoginTest' },
			// Only behind the Captcha Solver option (nodes/shared/credentials.description.ts), then required.
			{
				name: 'invoicePortalCaptchaSolverApi',
				required: true,
				displayOptions: { show: { captchaSolver: ['solverService'] } },
			},
			// The mailbox, only behind Read Codes from Mailbox (nodes/shared/mailbox.ts).
			{
				name: 'invoicePortalMailboxApi',
				required: true,
				testedBy: 'invoicePortalMailboxTest',
				displayOptions: { show: { readCodesFromMailbox: [true] } },
			},
		],
		properties: triggerProperties,
	};

	methods = { credentialTest: { invoicePortalLoginTest, invoicePortalMailboxTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollConnection.call(this);
	}
}
