import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as connection from './actions/connection/Connection.resource';
import * as document from './actions/document/Document.resource';
import { router } from './actions/router';
import { invoicePortalLoginTest } from '../shared/credential-test';
import { captchaSolverProperty } from '../shared/credentials.description';
import { invoicePortalMailboxTest, mailboxProperties } from '../shared/mailbox';
import { credentialsHere } from '../shared/layout';

/**
 * Get Many reads every connection of the installation and Read Invoice Data reads files: neither
 * signs in anywhere, so neither shows the account, the captcha solver or the mailbox. A `hide`
 * rule, never a `show`: a field that credentials' show rules name can become the editor's main
 * auth field (tests/unit/nodes/editor-auth-field.test.ts), and that must never be the operation.
 */
const SIGNS_IN_NOWHERE = ['getMany', 'readInvoiceData'];
const notSigningIn = { hide: { operation: SIGNS_IN_NOWHERE } };

export class InvoicePortal implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Invoice Portal',
		name: 'invoicePortal',
		icon: { light: 'file:invoicePortal.svg', dark: 'file:invoicePortal.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Log into supplier and billing portals (over plain HTTP, or in a real browser where they need scripts), download invoices and read e-invoices (Factur-X, ZUGFeRD, XRechnung) into JSON',
		defaults: { name: 'Invoice Portal' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Documents first: output 0 is the one every n8n version keeps when an execution resumes.
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		// Short enough for the canvas, which cuts output labels after about ten letters.
		outputNames: ['Documents', 'Needs You'],
		credentials: [
			// Get Many and Read Invoice Data need none (SIGNS_IN_NOWHERE, written out for n8n's lint).
			{
				name: 'invoicePortalApi',
				required: true,
				testedBy: 'invoicePortalLoginTest',
				displayOptions: { hide: { operation: ['getMany', 'readInvoiceData'] } },
			},
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
		// n8n's order: credentials, Resource, Operation, the operation's fields, options at the end.
		properties: [
			credentialsHere,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Document', value: 'document' },
					{ name: 'Connection', value: 'connection' },
				],
				default: 'document',
			},
			...document.description,
			...connection.description,
			// No captcha and no mailbox where nothing signs in.
			{ ...captchaSolverProperty, displayOptions: notSigningIn },
			...mailboxProperties.map((p) => ({
				...p,
				displayOptions: { ...p.displayOptions, ...notSigningIn },
			})),
		],
	};

	methods = { credentialTest: { invoicePortalLoginTest, invoicePortalMailboxTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
