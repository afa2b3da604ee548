import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type INodeParameters,
	type INodeProperties,
} from 'n8n-workflow';
import { InvoicePortalApi } from '../../../credentials/InvoicePortalApi.credentials';
import { savedBeforeAutomaticProperties } from '../../../credentials/saved-before-automatic';
import { connectionFromCredential } from '../../../nodes/shared/connection';

/*
 * A credential's life in n8n 2.8.4: the editor saves what getNodeParameters keeps without defaults
 * (CredentialEdit.vue, saveCredential), and a node reads it through
 * CredentialsHelper.applyDefaultsAndOverwrites, which fills in today's defaults and drops the
 * fields that today's displayOptions hide. The Portal's default moved from Custom to Automatic.
 */
const properties = new InvoicePortalApi().properties;
const before: INodeProperties[] = properties
	.filter((p) => !savedBeforeAutomaticProperties.includes(p))
	.map((p) => (p.name === 'portal' ? { ...p, default: 'custom' } : p));

const saved = (props: INodeProperties[], entered: INodeParameters) =>
	NodeHelpers.getNodeParameters(props, entered, false, false, null, null) as INodeParameters;
const readByNode = (stored: INodeParameters) =>
	NodeHelpers.getNodeParameters(
		properties,
		stored,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;

const definition = readFileSync(
	join(__dirname, '../../../portals/definitions/demo/demo-telecom.json'),
	'utf8',
);

test('a credential saved with Custom while it was the default still runs its definition, with its Login URL', () => {
	const stored = saved(before, {
		portal: 'custom',
		definition,
		loginUrl: 'http://127.0.0.1:3300',
		username: 'anna',
		password: 'pw',
	});
	expect(stored.portal).toBeUndefined(); // what makes it read as Automatic today
	const connection = connectionFromCredential(readByNode(stored), { id: 'c1', name: 'Old' });
	expect(connection.portal.name).toBe(JSON.parse(definition).name);
	expect(connection.baseUrl).toBe('http://127.0.0.1:3300');
});

test('a new credential starts as Automatic, and one saved so runs as Automatic', () => {
	expect(properties.find((p) => p.name === 'portal')?.default).toBe('automatic');
	const stored = saved(properties, {
		portal: 'automatic',
		automaticLoginUrl: 'https://portal.example.com/login',
		username: 'anna',
	});
	expect(stored.portal).toBeUndefined();
	const connection = connectionFromCredential(readByNode(stored), { id: 'c2' });
	expect(connection.portal.slug).toBe('automatic');
});

test('a definition typed, then Automatic chosen with its Login URL: Automatic', () => {
	const stored = saved(properties, {
		portal: 'automatic',
		definition,
		automaticLoginUrl: 'https://portal.example.com/login',
		username: 'anna',
	});
	expect(connectionFromCredential(readByNode(stored), { id: 'c3' }).portal.slug).toBe('automatic');
});

test('a credential saved with Custom chosen today keeps Custom', () => {
	const stored = saved(properties, { portal: 'custom', definition, username: 'anna' });
	expect(stored.portal).toBe('custom');
	const connection = connectionFromCredential(readByNode(stored), { id: 'c4' });
	expect(connection.portal.name).toBe(JSON.parse(definition).name);
});

test('the dialog of an old Custom credential says why it shows Automatic; a new one shows no notice', () => {
	const notice = savedBeforeAutomaticProperties.find((p) => p.type === 'notice')!;
	const shown = (data: INodeParameters) => NodeHelpers.displayParameter(data, notice, null, null);
	expect(shown({ portal: 'automatic', definition })).toBe(true);
	expect(shown({ portal: 'automatic', definition: '' })).toBe(false);
	expect(shown({ portal: 'custom', definition })).toBe(false);
});
