import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright';
import { startDemoPortal } from '../../../testbeds/demo-portal';
import { startSmtpCatcher } from '../../../testbeds/smtp-catcher';
import type { N8nServer } from '../../../testbeds/n8n/n8n-server';
import { smtpCredential, until } from '../../../testbeds/n8n/n8n-workflows';
import {
	connectionsInSeveralStates,
	weeklyReportWorkflow,
} from '../../../testbeds/n8n/report-connections';

/**
 * The weekly report as its reader sees it: the demo connections put into several statuses on
 * the real n8n server, the template run once, its e-mail caught over SMTP, and the e-mail's HTML
 * shown in Chromium at a mail client's reading width.
 */
export async function shootWeeklyReport(
	server: N8nServer,
	browser: Browser,
	out: string,
): Promise<void> {
	const smtp = await startSmtpCatcher();
	const demo = await startDemoPortal();
	try {
		await connectionsInSeveralStates(server, demo);
		const { url } = await weeklyReportWorkflow(server, await smtpCredential(server, smtp.port));
		const before = smtp.mails.length;
		const response = await fetch(url, { method: 'POST' });
		if (!response.ok) throw new Error(`weekly report webhook: HTTP ${response.status}`);
		const mail = await simpleParser(
			(await until('the weekly report e-mail', async () => smtp.mails[before], 90, server.log)).raw,
		);
		const page = await browser.newPage({ viewport: { width: 960, height: 600 } });
		// As a mail client shows it: no scripts (there are none), nothing loaded from elsewhere.
		await page.setContent(String(mail.html), { waitUntil: 'load' });
		const target = join(out, 'weekly-report.png');
		await page.screenshot({ path: target, fullPage: true });
		console.log(`saved ${target} (subject: ${mail.subject})`);
		await page.close();
	} finally {
		await demo.close();
		await smtp.close();
	}
}
