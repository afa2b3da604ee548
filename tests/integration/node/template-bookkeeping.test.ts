import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpCatcher } from '../../../testbeds/smtp-catcher';
import { documents, TRIGGER, triggerBed, wake, type Connection } from '../../helpers/trigger';
import { demoCredential } from '../../helpers/workflows';

/*
 * examples/invoices-to-bookkeeping.json through n8n's engine, as imported: the trigger with Read
 * Invoice Data on Tom's demo documents (Factur-X invoices and plain PDFs), n8n's IF, its HTTP
 * Request posting one row per valid e-invoice to a local "accounting" server, and its e-mail node
 * mailing the others to a local SMTP catcher. Only the addresses are the test's.
 */
const bed = triggerBed();
const TOM = 'tom@example.test';

let accounting: Server;
const rows: Record<string, unknown>[] = [];
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
beforeAll(async () => {
	accounting = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			rows.push(JSON.parse(body));
			res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((done) => accounting.listen(0, '127.0.0.1', done));
	smtp = await startSmtpCatcher();
});
afterAll(async () => {
	await new Promise((done) => accounting.close(done));
	await smtp.close();
});

test('valid e-invoices become one row each in accounting; plain PDFs go to a person by e-mail, with the reason and the PDF', async () => {
	const template = JSON.parse(
		readFileSync(
			join(__dirname, '..', '..', '..', 'examples', 'invoices-to-bookkeeping.json'),
			'utf8',
		),
	);
	const node = (name: string) => template.nodes.find((n: { name: string }) => n.name === name);
	const { port } = accounting.address() as AddressInfo;
	node('Book it: one row per invoice').parameters.url = `http://127.0.0.1:${port}/api/invoices`;
	node('A person looks').credentials = { smtp: { id: 'smtp', name: 'Test mail catcher' } };
	Object.assign(node(TRIGGER).parameters, {
		timezone: 'Europe/Amsterdam',
		startDate: '2026-06-01',
	});
	const conn: Connection = {
		workflow: template,
		credentials: {
			'demo-telecom-totp': demoCredential(bed.demo, TOM),
			smtp: {
				user: '',
				password: '',
				host: '127.0.0.1',
				port: smtp.port,
				secure: false,
				disableStartTls: true,
			},
		},
		staticData: {},
	};
	// Monday 10:30: inside the template's hours, past any random delay of up to an hour.
	const run = await wake(conn, '2026-11-30T10:30');
	const delivered = documents(run);
	expect(run.execution!.error('Book it: one row per invoice')).toBeUndefined();
	expect(run.execution!.error('A person looks')).toBeUndefined();

	const portal = (n: unknown) => bed.demo.state.documents.find((d) => d.number === n)!;
	const hybrid = delivered.filter((i) => (i.json.invoice as { isEInvoice: boolean }).isEInvoice);
	const plain = delivered.filter((i) => !hybrid.includes(i));
	expect(hybrid.length).toBeGreaterThan(0);
	expect(plain.length).toBeGreaterThan(0);
	expect(rows.map((r) => r.number).sort()).toEqual(hybrid.map((i) => i.json.number).sort());
	for (const row of rows)
		expect(row).toMatchObject({
			supplier: 'Demo Telecom',
			supplierVatId: 'NL000099998B57',
			// The demo's e-invoices are invoices (type 380); a credit note would say so here.
			kind: 'invoice',
			typeCode: '380',
			issueDate: portal(row.number).issueDate,
			payable: portal(row.number).amount,
			currency: 'EUR',
			iban: 'NL91ABNA0417164300',
			sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
	expect(smtp.mails).toHaveLength(plain.length);
	for (const mail of smtp.mails) {
		expect(mail.to.join()).toContain('bookkeeping@example.com');
		expect(mail.raw).toContain('please book by hand');
		expect(mail.raw).toMatch(/no embedded e-invoice/);
		expect(mail.raw).toMatch(/application\/pdf/);
	}
});
