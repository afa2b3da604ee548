import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { InvoicePortal } from '../../nodes/InvoicePortal/InvoicePortal.node';
import { InvoicePortalTrigger } from '../../nodes/InvoicePortalTrigger/InvoicePortalTrigger.node';
import { InvoicePortalApi } from '../../credentials/InvoicePortalApi.credentials';
import { InvoicePortalCaptchaSolverApi } from '../../credentials/InvoicePortalCaptchaSolverApi.credentials';
import { InvoicePortalMailboxApi } from '../../credentials/InvoicePortalMailboxApi.credentials';

/**
 * What the editor tier expects to see, read from the nodes' and credentials' own descriptions: a
 * renamed field or option changes the expectation with it, and the tier tells whether the editor
 * still shows what the description says (not whether a copy of the labels is still current).
 */

export const ACTION_NODE = new InvoicePortal().description;
export const TRIGGER_NODE = new InvoicePortalTrigger().description;
export const SOLVER_CREDENTIAL = new InvoicePortalCaptchaSolverApi();
export const MAILBOX_CREDENTIAL = new InvoicePortalMailboxApi();

/**
 * The account credential as the tier's n8n builds it: its Portal list is made when the type is
 * loaded, with the demo portals only in demo mode (the tier's server runs in demo mode).
 */
export function accountCredential(): InvoicePortalApi {
	const before = process.env.INVOICE_PORTALS_DEMO;
	process.env.INVOICE_PORTALS_DEMO = 'true';
	try {
		return new InvoicePortalApi();
	} finally {
		if (before === undefined) delete process.env.INVOICE_PORTALS_DEMO;
		else process.env.INVOICE_PORTALS_DEMO = before;
	}
}

/**
 * The label n8n 2.8.4 puts above a credential dropdown (its NodeCredentials component, English
 * texts): "Credential to connect with" for the node's own credential, shown without an option
 * asking for it; "Credential for <type>" for one behind an option (the solver, the mailbox).
 */
export function credentialLabel(type: string, node: INodeTypeDescription = ACTION_NODE): string {
	const entry = node.credentials?.find((c) => c.name === type);
	if (!entry) throw new Error(`${node.name} takes no ${type} credential`);
	if (!entry.displayOptions?.show) return 'Credential to connect with';
	const credential = [accountCredential(), SOLVER_CREDENTIAL, MAILBOX_CREDENTIAL].find(
		(c) => c.name === type,
	)!;
	return `Credential for ${credential.displayName}`;
}

/** The picker's action that adds the trigger: its "Trigger On" option's action text. */
export function triggerAction(): string {
	const event = field(TRIGGER_NODE, 'event');
	return String((event.options as INodePropertyOptions[])[0].action);
}

/** The node's field of this name (the first, when display rules make several). */
export function field(
	node: { properties: INodeProperties[]; name: string },
	name: string,
): INodeProperties {
	const found = node.properties.find((p) => p.name === name);
	if (!found) throw new Error(`${node.name} has no field ${name}`);
	return found;
}

/** The label of the option with this value, as a dropdown shows it. */
export function optionName(property: INodeProperties, value: unknown): string {
	const option = (property.options as INodePropertyOptions[]).find((o) => o.value === value);
	if (!option) throw new Error(`${property.name} has no option ${String(value)}`);
	return option.name;
}

/** The option labels of a list field, in the description's order. */
export function optionNames(property: INodeProperties): string[] {
	return (property.options as INodePropertyOptions[]).map((o) => o.name);
}

/** The fields a collection lets a person add (its "Add …" dropdown), by label. */
export function collectionOptionNames(property: INodeProperties): string[] {
	return (property.options as INodeProperties[]).map((o) => o.displayName);
}

/** Every resource/operation pair of the action node, with their labels. */
export function operations(node: INodeTypeDescription = ACTION_NODE): Array<{
	resource: string;
	operation: string;
	resourceName: string;
	operationName: string;
	/** What the node picker lists for it. */
	actionName: string;
}> {
	const resource = field(node, 'resource');
	return (resource.options as INodePropertyOptions[]).flatMap((r) => {
		const operation = node.properties.find(
			(p) =>
				p.name === 'operation' &&
				(p.displayOptions?.show?.resource as unknown[] | undefined)?.includes(r.value),
		)!;
		return (operation.options as INodePropertyOptions[]).map((o) => ({
			resource: String(r.value),
			operation: String(o.value),
			resourceName: r.name,
			operationName: o.name,
			actionName: String(o.action ?? o.name),
		}));
	});
}

/**
 * The top-level fields n8n shows for these values (the others at their defaults), by n8n's own
 * display rules: what a user must be able to reach in the panel. The hidden `credentials` field
 * places the credential dropdowns and has no label of its own.
 */
export function visibleFields(
	node: INodeTypeDescription,
	values: INodeParameters,
): INodeProperties[] {
	const all = withDefaults(node, values);
	return node.properties.filter(
		(p) =>
			p.type !== 'credentials' &&
			// n8n adds Poll Times itself on polling nodes; it is not ours to check.
			p.name !== 'pollTimes' &&
			NodeHelpers.displayParameter(all, p, null, node),
	);
}

/** The credential types whose dropdown shows for these values, in the node's order. */
export function visibleCredentialTypes(
	node: INodeTypeDescription,
	values: INodeParameters,
): string[] {
	const all = withDefaults(node, values);
	return (node.credentials ?? [])
		.filter((c) => NodeHelpers.displayParameter(all, c, null, node))
		.map((c) => c.name);
}

/** These values and every other field at its default, as n8n resolves a node's parameters. */
function withDefaults(node: INodeTypeDescription, values: INodeParameters): INodeParameters {
	return NodeHelpers.getNodeParameters(node.properties, values, true, false, null, node) ?? values;
}
