import {
	NodeHelpers,
	type INode,
	type INodeCredentialDescription,
	type INodeParameters,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { InvoicePortal } from '../../../nodes/InvoicePortal/InvoicePortal.node';
import { InvoicePortalTrigger } from '../../../nodes/InvoicePortalTrigger/InvoicePortalTrigger.node';
import { mailboxProperties, READ_MAILBOX_PARAMETER } from '../../../nodes/shared/mailbox';

/*
 * How n8n's editor decides which credential dropdowns a node shows, what each lists and how it is
 * labelled, applied to our node descriptions (issue 31). Reimplemented from n8n 2.8.4's editor
 * (n8n-editor-ui 2.8.3, the version n8n 2.8.4 ships): packages/frontend/editor-ui/src/app/utils/
 * nodeTypesUtils.ts (getNodeAuthFields, getMainAuthField, findAlternativeAuthField,
 * isNodeParameterRequired, isRequiredCredential, getAllNodeCredentialForAuthType), and the
 * credentials composable useNodeCredentialOptions.ts with NodeCredentials.vue
 * (displayCredentials, showMixedCredentials, getAllRelatedCredentialTypes,
 * getCredentialsFieldLabel, and the watcher that selects the most recent listed credential for a
 * node without any). Read in the installed bundle, dist/assets/users.store-*.js and
 * ParameterInputList-*.js. In 2.8.4, findAlternativeAuthField skips option values that are not
 * strings (a later n8n also requires type 'options'); that is what makes a boolean qualify.
 */

const MAIN_AUTH_FIELD_NAME = 'authentication';

function getNodeAuthFields(nodeType: INodeTypeDescription): INodeProperties[] {
	const authFields: INodeProperties[] = [];
	for (const cred of nodeType.credentials ?? [])
		for (const option of Object.keys(cred.displayOptions?.show ?? {}))
			for (const field of nodeType.properties.filter((prop) => prop.name === option))
				if (!authFields.includes(field)) authFields.push(field);
	return authFields;
}

function findAlternativeAuthField(
	nodeType: INodeTypeDescription,
	fields: INodeProperties[],
): INodeProperties | null {
	const dependentAuthFieldValues: Record<string, string[]> = {};
	for (const cred of nodeType.credentials ?? [])
		for (const fieldName in cred.displayOptions?.show ?? {})
			dependentAuthFieldValues[fieldName] = (dependentAuthFieldValues[fieldName] ?? []).concat(
				(cred.displayOptions!.show![fieldName] ?? []).map((val) => (val ? String(val) : '')),
			);
	return (
		fields.find((field) => {
			let required = true;
			for (const option of field.options ?? [])
				if (
					'value' in option &&
					typeof option.value === 'string' &&
					!dependentAuthFieldValues[field.name].includes(option.value)
				)
					required = false;
			return required;
		}) ?? null
	);
}

/** isNodeParameterRequired: true without `displayOptions.show` (and, as written, with it too). */
const isNodeParameterRequired = () => true;

export function getMainAuthField(nodeType: INodeTypeDescription): INodeProperties | null {
	const dependencies = getNodeAuthFields(nodeType);
	const field =
		dependencies.find(
			(prop) =>
				prop.name === MAIN_AUTH_FIELD_NAME &&
				!prop.options?.find((option) => 'value' in option && option.value === 'none'),
		) ?? findAlternativeAuthField(nodeType, dependencies);
	return field && isNodeParameterRequired() ? field : null;
}

function isRequiredCredential(
	nodeType: INodeTypeDescription,
	credential: INodeCredentialDescription,
): boolean {
	if (!credential.displayOptions?.show) return true;
	const main = getMainAuthField(nodeType);
	return main ? main.name in credential.displayOptions.show : false;
}

/** The credential types one dropdown lists (getAllRelatedCredentialTypes; KEEP_AUTH_IN_NDV_FOR_NODES holds none of ours). */
function listedTypes(nodeType: INodeTypeDescription, credential: INodeCredentialDescription) {
	if (!isRequiredCredential(nodeType, credential)) return [credential.name];
	const main = getMainAuthField(nodeType);
	if (!main) return [credential.name];
	return (nodeType.credentials ?? [])
		.filter((cred) => cred.displayOptions?.show && main.name in cred.displayOptions.show)
		.map((cred) => cred.name);
}

/** The dropdown's label (getCredentialsFieldLabel, English texts). */
function label(nodeType: INodeTypeDescription, credential: INodeCredentialDescription) {
	if (credential.displayName) return credential.displayName;
	return isRequiredCredential(nodeType, credential)
		? 'Credential to connect with'
		: `Credential for ${credential.name}`;
}

/** The node's parameters with defaults, as the editor holds them once a node is added or edited. */
function parametersOf(nodeType: INodeTypeDescription, values: INodeParameters): INodeParameters {
	const node = { parameters: values, type: nodeType.name, typeVersion: 1 } as INode;
	return NodeHelpers.getNodeParameters(nodeType.properties, values, true, false, node, nodeType)!;
}

/** The dropdowns the panel shows for these parameters (displayCredentials). */
function displayed(nodeType: INodeTypeDescription, parameters: INodeParameters) {
	const node = { parameters, type: nodeType.name, typeVersion: 1 } as INode;
	return (nodeType.credentials ?? []).filter(
		(cred) =>
			!cred.displayOptions ||
			NodeHelpers.displayParameter(parameters, cred, node, nodeType, parameters),
	);
}

const nodes = [new InvoicePortal().description, new InvoicePortalTrigger().description];
const ACCOUNT = 'invoicePortalApi';
const SOLVER = 'invoicePortalCaptchaSolverApi';
const MAILBOX = 'invoicePortalMailboxApi';

/** The description as it was before issue 31: Read Codes From Mailbox a boolean switch. */
function withBooleanSwitch(nodeType: INodeTypeDescription): INodeTypeDescription {
	return {
		...nodeType,
		properties: nodeType.properties.map((p) =>
			p.name === READ_MAILBOX_PARAMETER
				? { ...p, type: 'boolean', default: false, options: undefined, noDataExpression: false }
				: p,
		),
	};
}

describe.each(nodes)("$displayName in n8n 2.8.4's editor", (nodeType) => {
	test('no field counts as the main auth field: Captcha Solver and Read Codes From Mailbox stay in the panel', () => {
		expect(getNodeAuthFields(nodeType).map((f) => f.name)).toEqual([
			'captchaSolver',
			READ_MAILBOX_PARAMETER,
		]);
		expect(getMainAuthField(nodeType)).toBeNull();
	});

	test('each credential dropdown lists only its own type, under a label of its own', () => {
		const byName = Object.fromEntries((nodeType.credentials ?? []).map((c) => [c.name, c]));
		for (const name of [ACCOUNT, SOLVER, MAILBOX])
			expect(listedTypes(nodeType, byName[name])).toEqual([name]);
		expect(label(nodeType, byName[ACCOUNT])).toBe('Credential to connect with');
		expect(label(nodeType, byName[SOLVER])).not.toBe('Credential to connect with');
		expect(label(nodeType, byName[MAILBOX])).not.toBe('Credential to connect with');
	});

	test('a new node shows the account dropdown only (so the editor can preselect nothing else); the mailbox one when On', () => {
		const fresh = parametersOf(nodeType, {});
		expect(fresh[READ_MAILBOX_PARAMETER]).toBe('off');
		expect(displayed(nodeType, fresh).map((c) => c.name)).toEqual([ACCOUNT]);
		// A workflow saved with the old switch on holds `true`: the On value, the mailbox dropdown shows.
		const on = parametersOf(nodeType, { [READ_MAILBOX_PARAMETER]: true });
		expect(displayed(nodeType, on).map((c) => c.name)).toEqual([ACCOUNT, MAILBOX]);
		const both = parametersOf(nodeType, {
			[READ_MAILBOX_PARAMETER]: true,
			captchaSolver: 'solverService',
		});
		expect(displayed(nodeType, both).map((c) => c.name)).toEqual([ACCOUNT, SOLVER, MAILBOX]);
	});

	test("the rule, as applied here, catches the old boolean switch (it took the switch for the main auth field and filled the account's dropdown with mailboxes)", () => {
		const old = withBooleanSwitch(nodeType);
		expect(getMainAuthField(old)?.name).toBe(READ_MAILBOX_PARAMETER);
		const account = old.credentials!.find((c) => c.name === ACCOUNT)!;
		expect(listedTypes(old, account)).toEqual([MAILBOX]);
	});
});

test("Read Codes From Mailbox's Off is a string no credential names; a list of booleans only would qualify too", () => {
	const [option] = mailboxProperties;
	expect(option.type).toBe('options');
	expect(option.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual(['off', true]);
	const booleansOnly: INodeTypeDescription = {
		...nodes[0],
		properties: nodes[0].properties.map((p) =>
			p.name === READ_MAILBOX_PARAMETER
				? {
						...p,
						options: [
							{ name: 'Off', value: false },
							{ name: 'On', value: true },
						],
					}
				: p,
		),
	};
	expect(getMainAuthField(booleansOnly)?.name).toBe(READ_MAILBOX_PARAMETER);
});

test('Document → Read Invoice Data shows no credential dropdown, Download shows the account; neither the operation nor Read Invoice Data becomes the main auth field', () => {
	const [action, trigger] = nodes;
	const read = parametersOf(action, { resource: 'document', operation: 'readInvoiceData' });
	expect(displayed(action, read)).toEqual([]);
	const download = parametersOf(action, {
		resource: 'document',
		operation: 'download',
		options: { readInvoiceData: true },
	});
	expect(displayed(action, download).map((c) => c.name)).toEqual([ACCOUNT]);
	for (const nodeType of [action, trigger]) {
		const names = getNodeAuthFields(nodeType).map((f) => f.name);
		expect(names).not.toContain('operation');
		expect(names).not.toContain('options');
	}
	// The account's rule is a hide rule: the editor's auth-field search reads show rules only.
	const account = action.credentials!.find((c) => c.name === ACCOUNT)!;
	expect(account.displayOptions?.show).toBeUndefined();
	expect(account.displayOptions?.hide?.operation).toContain('readInvoiceData');
});
