import { DirectoryLoader } from 'n8n-core';
import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { GmailTrigger } from 'n8n-nodes-base/dist/nodes/Google/Gmail/GmailTrigger.node';
import { InvoicePortal } from '../../../nodes/InvoicePortal/InvoicePortal.node';
import { InvoicePortalTrigger } from '../../../nodes/InvoicePortalTrigger/InvoicePortalTrigger.node';
import { HOURLY_POLL } from '../../../nodes/InvoicePortalTrigger/poll-times';

/*
 * The panels as n8n 2.8.4's editor lays them out (issue 31, part 5). n8n-core's loader adds Poll
 * Times to polling nodes (the same n8n-core, 2.8.1, that n8n 2.8.4 ships); the editor's
 * ParameterInputList puts the credential dropdowns at a field of type `credentials`, or else beside
 * the last field a credential's displayOptions.show names (indexToShowSlotAt); its node picker
 * names a trigger by its "Trigger On"/"Event" options (useActionsGenerator, triggersCategory).
 */
function loaded<T extends INodeType>(node: T): T {
	(DirectoryLoader.prototype as unknown as { applySpecialNodeParameters(n: INodeType): void })[
		'applySpecialNodeParameters'
	].call({}, node);
	return node;
}

/** The fields the panel shows for these parameters, with the credentials' place marked. */
function panel(nodeType: INodeTypeDescription, values: INodeParameters): string[] {
	const node = { parameters: values, type: nodeType.name, typeVersion: 1 } as INode;
	const parameters = NodeHelpers.getNodeParameters(
		nodeType.properties,
		values,
		true,
		false,
		node,
		nodeType,
	)!;
	const shown = nodeType.properties.filter((p) =>
		NodeHelpers.displayParameter(parameters, p, node, nodeType, parameters),
	);
	const dependencies = new Set(
		(nodeType.credentials ?? []).flatMap((c) => Object.keys(c.displayOptions?.show ?? {})),
	);
	let slot = shown.findIndex((p) => p.type === 'credentials');
	if (slot === -1)
		shown.forEach((p, index) => {
			if (dependencies.has(p.name)) slot = index;
		});
	const names = shown.filter((p) => p.type !== 'credentials').map((p) => p.displayName);
	names.splice(Math.max(0, slot), 0, '[credentials]');
	return names;
}

const OPTIONS_AT_END = [
	'Captcha Solver',
	'Read Codes From Mailbox',
	'Mailbox Timeout (Seconds)',
	'Mark Code E-Mails As Read',
];

test('Invoice Portal: credentials, Resource, Operation, the operation fields, then the options', () => {
	const nodeType = loaded(new InvoicePortal()).description;
	const fields = panel(nodeType, { readCodesFromMailbox: true });
	expect(fields.slice(0, 3)).toEqual(['[credentials]', 'Resource', 'Operation']);
	expect(fields.slice(-4)).toEqual(OPTIONS_AT_END);
});

test('Invoice Portal Trigger: Poll Times (hourly by default), credentials, Trigger On, the schedule, then the options', () => {
	const nodeType = loaded(new InvoicePortalTrigger()).description;
	const fields = panel(nodeType, { readCodesFromMailbox: true });
	expect(fields.slice(0, 4)).toEqual([
		'Poll Times',
		'[credentials]',
		'Trigger On',
		'Downloads Enabled',
	]);
	expect(fields.slice(-4)).toEqual(OPTIONS_AT_END);
	expect(nodeType.properties.filter((p) => p.name === 'pollTimes')).toHaveLength(1);
	expect(nodeType.properties[0].default).toEqual(HOURLY_POLL);
	// The hint under Check Every says the same.
	const hint = nodeType.properties.find((p) => p.name === 'everyDays')?.description;
	expect(hint).toMatch(/every hour/);
});

test("the hourly default is the trigger's own: n8n's shared Poll Times field still polls every minute for other nodes", () => {
	loaded(new InvoicePortalTrigger());
	const gmail = loaded(new GmailTrigger()).description;
	expect(gmail.properties[0]).toMatchObject({
		name: 'pollTimes',
		default: { item: [{ mode: 'everyMinute' }] },
	});
	// Each trigger instance has its own list: loading twice adds Poll Times once to each.
	const twice = [loaded(new InvoicePortalTrigger()), loaded(new InvoicePortalTrigger())];
	for (const node of twice)
		expect(node.description.properties.filter((p) => p.name === 'pollTimes')).toHaveLength(1);
});

test('without the credentials field the account would sit by the options at the bottom (why it is there)', () => {
	const nodeType = loaded(new InvoicePortal()).description;
	const without = {
		...nodeType,
		properties: nodeType.properties.filter((p) => p.type !== 'credentials'),
	};
	const fields = panel(without, {});
	expect(fields.indexOf('[credentials]')).toBeGreaterThan(fields.indexOf('Operation'));
});

test('output labels fit on the canvas (n8n cuts them after about ten characters)', () => {
	for (const node of [new InvoicePortal(), new InvoicePortalTrigger()]) {
		const names = node.description.outputNames ?? [];
		expect(names[0]).toBe('Documents');
		for (const name of names) expect(name.length).toBeLessThanOrEqual(9);
	}
	expect(new InvoicePortal().description.outputNames).toEqual(['Documents', 'Needs You']);
	expect(new InvoicePortalTrigger().description.outputNames).toEqual(['Documents', 'Status']);
});

test('the node picker lists the trigger as "On new invoices", not "On new Invoice Portal event"', () => {
	const nodeType = new InvoicePortalTrigger().description;
	const event = nodeType.properties.find((p) =>
		['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()),
	);
	const actions = (event?.options ?? []).map((o) => ('action' in o ? o.action : undefined));
	expect(actions).toEqual(['On new invoices']);
});
