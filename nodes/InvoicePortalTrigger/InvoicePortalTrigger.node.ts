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
import { withHourlyPollTimes } from './poll-times';

export class InvoicePortalTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Invoice Portal Trigger',
		name: 'invoicePortalTrigger',
		icon: { light: 'file:invoicePortalTrigger.svg', dark: 'file:invoicePortalTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "every " + $parameter["everyDays"] + " days" }}',
		// n8n's node picker shows one entry for the action node and this trigger, with this description.
		description:
			'Download invoices from supplier and billing portals: on a schedule within the hours you allow, or as a workflow step',
		defaults: { name: 'Invoice Portal Trigger' },
		// n8n adds "Poll Times" (hourly here, poll-times.ts): how often the node wakes up; the node
		// decides whether a download is due.
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		// Short enough for the canvas, which cuts output labels after about ten letters.
		outputNames: ['Documents', 'Status'],
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
		properties: withHourlyPollTimes(triggerProperties),
	};

	methods = { credentialTest: { invoicePortalLoginTest, invoicePortalMailboxTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollConnection.call(this);
	}
}
