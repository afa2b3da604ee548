import type { ICredentialTestFunctions } from 'n8n-workflow';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { InvoicePortal } from '../../../nodes/InvoicePortal/InvoicePortal.node';
import { account, startDemo } from '../../helpers/demo';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import { loadWorkflow, withParameters } from '../../helpers/workflows';

/**
 * The Automatic portal through n8n's engine (issue 16): a credential with only the login URL, the
 * user name and the password; the first execution discovers the portal and downloads every
 * document, the second (with the static data n8n saved) delivers nothing new, and Connection →
 * Discover outputs the definition it wrote and the report.
 */
const workflow = loadWorkflow('download.json');
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const automatic = (path: string, login: string) => {
	const a = account(login);
	return {
		'cred-1': {
			portal: 'automatic',
			automaticLoginUrl: `${demo.url}${path}`,
			username: a.login,
			password: a.password,
			authenticatorSecret: a.totpSecret ?? '',
		},
	};
};

test('first run discovers and downloads every document; the second delivers nothing new', async () => {
	const credentials = automatic('/eu/login', 'tom@example.test');
	const first = await runWorkflow(workflow, { credentials });
	expect(first.error('Invoice Portal')).toBeUndefined();
	const items = first.output('Invoice Portal');
	const expected = demo.state.documents.filter((d) => d.login === 'tom@example.test');
	expect(items.map((i) => i.json.number).sort()).toEqual(expected.map((d) => d.number).sort());
	// Named by the site (127.0.0.1 here), as a definition's files by its slug, not "automatic".
	expect(items.map((i) => i.json.fileName)).toEqual(
		items.map((i) => `${i.json.issueDate}_127-0-0-1_${i.json.number}.pdf`),
	);
	const pdf = await binaryBuffer(items[0]);
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	expect(pdf.toString('latin1')).toContain(`Document number: ${items[0].json.number}`);

	const logins = demo.state.loginAttempts.get('tom@example.test');
	const second = await runWorkflow(workflow, { credentials, staticData: first.staticData });
	expect(second.error('Invoice Portal')).toBeUndefined();
	expect(second.output('Invoice Portal')).toEqual([]);
	// The saved session and the kept definition: no new discovery, no new login.
	expect(demo.state.loginAttempts.get('tom@example.test')).toBe(logins);
	expect(demo.state.violations).toEqual([]);
});

test('Connection → Discover outputs the definition it wrote and the step report', async () => {
	const discover = withParameters(workflow, 'Invoice Portal', {
		resource: 'connection',
		operation: 'discover',
	});
	const result = await runWorkflow(discover, {
		credentials: automatic('/login', 'anna@example.test'),
	});
	expect(result.error('Invoice Portal')).toBeUndefined();
	const [item] = result.output('Invoice Portal');
	const json = item.json as {
		definition: { login: unknown; documents: { rows: string } };
		report: string[];
		documentsFound: number;
	};
	expect(json.definition.documents.rows).toBeTruthy();
	expect(json.report.join('\n')).toMatch(/documents page/);
	expect(json.documentsFound).toBe(
		demo.state.documents.filter((d) => d.login === 'anna@example.test').length,
	);
	expect(JSON.stringify(json)).not.toContain(account('anna@example.test').password);

	// After runs that saved a session and a definition, Discover still signs in and finds it all.
	const download = await runWorkflow(workflow, {
		credentials: automatic('/login', 'anna@example.test'),
	});
	const again = await runWorkflow(discover, {
		credentials: automatic('/login', 'anna@example.test'),
		staticData: download.staticData,
	});
	expect(again.error('Invoice Portal')).toBeUndefined();
	const [second] = again.output('Invoice Portal');
	expect((second.json as typeof json).definition.documents.rows).toBe(
		json.definition.documents.rows,
	);
});

test("the credential's Test button signs in through discovery; a wrong password and a missing Login URL say what is wrong", async () => {
	const node = new InvoicePortal();
	const test = (data: Record<string, string>) =>
		node.methods.credentialTest.invoicePortalLoginTest.call({} as ICredentialTestFunctions, {
			id: 'cred-1',
			name: 'My portal',
			type: 'invoicePortalApi',
			data,
		});
	const good = automatic('/eu/login', 'anna@example.test')['cred-1'];
	expect(await test(good)).toEqual({ status: 'OK', message: 'Login works.' });
	const wrong = await test({ ...good, password: 'not-the-password' });
	expect(wrong.status).toBe('Error');
	expect(wrong.message).toMatch(/Onjuist e-mailadres of wachtwoord/);
	const missing = await test({ ...good, automaticLoginUrl: '' });
	expect(missing.status).toBe('Error');
	expect(missing.message).toMatch(/Login URL.*is empty/);
});
