import { generateSync } from 'otplib';
import type { Page } from 'playwright';
import { sha256, startDokuWiki, startMediaWiki, type RealApp } from '../../testbeds/real-apps';
import { addSecret } from './secret-scan';

/**
 * What the test bed itself knows about each real app, written by hand: how a person signs in,
 * which link leads from the start page to the file list, and which links there are the files.
 * The Automatic portal must find all this on its own; these are the answers to check it by.
 */
export interface RealAppCase {
	label: string;
	start(): Promise<RealApp>;
	/** Fills and submits the app's own login form (and its second step, if any). */
	signIn(page: Page, app: RealApp): Promise<void>;
	/** The text of the link on the start page that leads to the file list. */
	listLinkText: string;
	/** Selects the links on the file list that download the files themselves. */
	fileLinks: string;
	/** Present on every page once signed in. */
	signedIn: string;
	/** What an anonymous visitor of the start page gets: the login form, or a link to it. */
	anonymousLogin: string;
	/** The same application with two-factor sign-in on: its test bed is the same as without. */
	twoFactor: boolean;
}

export const REAL_APPS: RealAppCase[] = [
	{
		label: 'DokuWiki',
		start: startDokuWiki,
		signIn: async (page, app) => {
			await page.goto(app.loginUrl);
			const form = page.locator('form#dw__login');
			await form.locator('input[name="u"]').fill(app.username);
			await form.locator('input[name="p"]').fill(app.password);
			await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
		},
		listLinkText: 'Invoices',
		fileLinks: 'a.mediafile',
		signedIn: 'a[href*="do=logout"]',
		// "Permission Denied", with the login form right under it.
		anonymousLogin: 'form#dw__login',
		twoFactor: false,
	},
	...[false, true].map(
		(totp): RealAppCase => ({
			label: totp ? 'MediaWiki with two-factor (OATHAuth)' : 'MediaWiki',
			start: () => startMediaWiki({ totp }),
			signIn: async (page, app) => {
				await page.goto(app.loginUrl);
				await page.locator('input[name="wpName"]').fill(app.username);
				await page.locator('input[name="wpPassword"]').fill(app.password);
				await Promise.all([
					page.waitForNavigation(),
					page.locator('button[name="wploginattempt"]').click(),
				]);
				if (app.totpSecret) {
					const code = page.locator('input[name="OATHToken"]');
					await code.fill(generateSync({ secret: app.totpSecret }));
					await Promise.all([page.waitForNavigation(), code.press('Enter')]);
				}
			},
			listLinkText: 'Invoices',
			fileLinks: 'a[href*="/img_auth.php/"]',
			signedIn: '#pt-logout',
			// "Login required", with a link to Special:UserLogin.
			anonymousLogin: '#mw-content-text a[href*="Special:UserLogin"]',
			twoFactor: totp,
		}),
	),
];

const started: RealApp[] = [];

/** Starts an app for this test file; its secrets join the secret scan; stopRealApps ends it. */
export async function startRealApp(which: RealAppCase): Promise<RealApp> {
	const app = await which.start();
	started.push(app);
	addSecret(app.password);
	if (app.totpSecret) addSecret(app.totpSecret);
	return app;
}

export async function stopRealApps(): Promise<void> {
	await Promise.all(started.splice(0).map((app) => app.stop()));
}

/** Every file link on the page, fetched with the page's cookies: link text, URL and sha256. */
export async function fetchFileLinks(
	page: Page,
	selector: string,
): Promise<{ text: string; url: string; status: number; sha256: string }[]> {
	const links = await page
		.locator(selector)
		.evaluateAll((as) =>
			as.map((a) => ({ text: a.textContent ?? '', url: (a as HTMLAnchorElement).href })),
		);
	return Promise.all(
		links.map(async (link) => {
			const response = await page.context().request.get(link.url);
			return { ...link, status: response.status(), sha256: sha256(await response.body()) };
		}),
	);
}
