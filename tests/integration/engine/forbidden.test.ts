import { runPortal } from '../../../portals/core/run/portal-run';
import { demoTelecom } from '../../../portals/adapters/demo-telecom';
import { startDemoPortal } from '../../../testbeds/demo-portal';
import { credentials } from '../../helpers/demo';

// The suite-wide check (tests/helpers/after-each-file.ts) asserts that no demo portal saw a
// forbidden button pressed. This proves the portal does record presses, so that check can fail.
test('pressing Pay now, Delete, Cancel contract or Accept terms is recorded by the demo portal', async () => {
	const portal = await startDemoPortal();
	try {
		const login = await runPortal({
			portal: demoTelecom,
			baseUrl: portal.url,
			credentials: credentials('anna@example.test'),
			mode: 'check',
		});
		expect(login.status).toBe('connected');
		const doc = portal.state.documents.find((d) => d.login === 'anna@example.test' && !d.paid)!;
		for (const path of [
			`/invoices/${doc.id}/pay`,
			`/invoices/${doc.id}/delete`,
			'/contract/cancel',
		]) {
			const response = await fetch(`${portal.url}${path}`, {
				method: 'POST',
				body: 'csrf=x',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
			expect(response.status).toBe(403);
		}
		expect(portal.state.violations.map((v) => v.action)).toEqual([
			'Pay now',
			'Delete',
			'Cancel contract',
		]);
	} finally {
		await portal.close();
	}
});

test('the documents page really shows those buttons, so a careless robot could press them', async () => {
	const portal = await startDemoPortal();
	try {
		const page = await fetch(`${portal.url}/login`);
		expect(page.status).toBe(200);
		const html = (await import('../../../testbeds/demo-portal/views')).invoicesView({
			account: portal.state.seed.accounts[0],
			active: portal.state.seed.accounts[0].subAccounts[0],
			csrf: 't',
			docs: portal.state.documents.filter((d) => d.login === 'anna@example.test').slice(0, 3),
			page: 1,
			pages: 1,
		});
		for (const label of ['Pay now', 'Delete']) expect(html).toContain(`>${label}</button>`);
	} finally {
		await portal.close();
	}
});

test('following a Pay, Delete, Cancel or Unsubscribe link (a GET) is recorded too, on each layout', async () => {
	const portal = await startDemoPortal();
	try {
		const doc = portal.state.documents.find((d) => d.login === 'anna@example.test' && !d.paid)!;
		const links = [
			`/invoices/${doc.id}/pay`,
			`/invoices/${doc.id}/delete`,
			'/contract/cancel',
			'/newsletter/unsubscribe',
			`/eu/facturen/${doc.id}/betalen`,
			`/eu/facturen/${doc.id}/verwijderen`,
			'/eu/contract/opzeggen',
			'/app/subscription/cancel',
		];
		for (const path of links) expect((await fetch(`${portal.url}${path}`)).status).toBe(403);
		expect(portal.state.violations.map((v) => v.path)).toEqual(links);
		// The pages really show them as links, beside the buttons.
		const views = await import('../../../testbeds/demo-portal/views');
		const account = portal.state.seed.accounts[0];
		const html = views.invoicesView({
			account,
			active: account.subAccounts[0],
			csrf: 't',
			docs: [doc],
			page: 1,
			pages: 1,
		});
		expect(html).toContain(`href="/invoices/${doc.id}/pay">Pay</a>`);
		expect(html).toContain(`href="/invoices/${doc.id}/delete">Delete</a>`);
		expect(views.dashboardView(account, 't', [doc])).toContain(
			'href="/newsletter/unsubscribe">Unsubscribe',
		);
	} finally {
		await portal.close();
	}
});
