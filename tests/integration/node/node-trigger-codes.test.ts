import { runWorkflow } from '../../../testbeds/n8n-engine';
import { latestCode, startDemo } from '../../helpers/demo';
import {
	changes,
	documents,
	fakeDateOnly,
	idsOf,
	triggerWorkflow,
	wake,
	type Connection,
} from '../../helpers/trigger';
import { demoCredential } from '../../helpers/workflows';

/**
 * The Invoice Portal Trigger and a portal that asks for a code, as n8n runs it
 * (tests/helpers/trigger.ts): reported on the status output with a token that Submit Code
 * continues, and reported again when the portal asks anew.
 */
fakeDateOnly();

test('an SMS account reports action required on the status output at once, with a token that Submit Code in the same workflow continues; a fresh code prompt is reported again and only the new bill is delivered', async () => {
	// A portal that keeps sessions for weeks, so that the session Submit Code saved is still
	// good a week later (the shared demo forgets sessions after 30 minutes).
	const portal = await startDemo({ pageSize: 2, sessionTtlSeconds: 60 * 86_400 });
	const SARA = 'sara@example.test';
	const logins = () => portal.state.passwordLogins.get(SARA) ?? 0;
	const conn: Connection = {
		workflow: triggerWorkflow('cred-sms'),
		credentials: { 'cred-sms': demoCredential(portal, SARA) },
		staticData: {},
	};
	const run = await wake(conn, '2026-11-23T10:00');
	expect(documents(run)).toHaveLength(0);
	const item = changes(run)[0];
	expect(item.json).toMatchObject({
		status: 'action_required',
		reason: 'CODE_REQUIRED_SMS',
		method: 'sms',
	});
	expect(String(item.json.resumeToken)).toMatch(/^ipx1\./);

	// The code goes to Submit Code in the same workflow (the trigger-based code template): it
	// downloads what the trigger was asked for, through the connection's one ledger and session.
	const withSubmit = structuredClone(conn.workflow);
	withSubmit.nodes.push(
		{
			id: 'c1',
			name: 'Code received',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 300],
			parameters: {},
		},
		{
			id: 'c2',
			name: 'Submit Code',
			type: 'n8n-nodes-invoice-portals.invoicePortal',
			typeVersion: 1,
			position: [240, 300],
			parameters: {
				resource: 'connection',
				operation: 'submitCode',
				resumeToken: item.json.resumeToken,
				code: latestCode(portal, SARA),
			},
			credentials: { invoicePortalApi: { id: 'cred-sms', name: 'Demo Telecom' } },
		} as never,
	);
	withSubmit.connections['Code received'] = {
		main: [[{ node: 'Submit Code', type: 'main', index: 0 }]],
	};
	const done = await runWorkflow(withSubmit, {
		credentials: conn.credentials,
		staticData: conn.staticData,
		startNode: 'Code received',
		mode: 'webhook',
	});
	const before = (since: string) =>
		portal.state.documents
			.filter((d) => d.login === SARA && d.issueDate >= since)
			.map((d) => d.number)
			.sort();
	expect(idsOf(done.output('Submit Code'))).toEqual(before('2026-06-01'));
	expect(logins()).toBe(1); // it continued the trigger's login
	conn.staticData = done.staticData; // n8n saves static data after a production execution

	// An hour later the trigger does not send another SMS: the next attempt waits for the cadence.
	const sent = portal.state.outbox.length;
	expect((await wake(conn, '2026-11-23T11:00')).emitted).toBeNull();
	expect(portal.state.outbox.length).toBe(sent);

	// Eight days later the portal wants a new SMS code (its sessions last 12 hours): the trigger
	// reports it again with a fresh token, although the status stays "action required", since
	// the user must be able to answer this code too. Submit Code then delivers only the new bill.
	const bill = portal.state.addDocument(SARA, 'CUST-3001', '2026-11-28');
	const week = await wake(conn, '2026-12-01T10:00');
	expect(documents(week)).toEqual([]);
	const again = changes(week)[0];
	expect(again.json).toMatchObject({ status: 'action_required', reason: 'CODE_REQUIRED_SMS' });
	expect(again.json.resumeToken).not.toBe(item.json.resumeToken);
	const second = structuredClone(withSubmit);
	Object.assign(second.nodes.find((n) => n.name === 'Submit Code')!.parameters, {
		resumeToken: again.json.resumeToken,
		code: latestCode(portal, SARA),
	});
	const next = await runWorkflow(second, {
		credentials: conn.credentials,
		staticData: conn.staticData,
		startNode: 'Code received',
		mode: 'webhook',
	});
	expect(idsOf(next.output('Submit Code'))).toEqual([bill.number]);
});
