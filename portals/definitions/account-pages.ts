import type { AdapterEnv } from '../core/contract/adapter';
import { urlAllowed } from '../core/contract/origins';
import type { Readable } from '../core/contract/surface';
import { PortalError, safeUrl } from '../core/outcomes/errors';
import {
	accountsSelector,
	accountsWhat,
	pageAccounts,
	rowsSignature,
	type PageAccount,
	type PageAccountsSpec,
} from './account-switch';
import type { DefinitionSpec } from './spec';

/** What the documents list lends: its way to the documents page and its checks of a page. */
interface ListChecks {
	openDocuments(env: AdapterEnv): Promise<void>;
	stillListing(page: Readable): Promise<void>;
	stillSignedIn(page: Readable): Promise<void>;
}

/**
 * Sub-accounts given as links or buttons (documents.accounts.links / buttons): where they are,
 * and showing one account's list. Links work on either engine (each is an address to read);
 * buttons swap the list with scripts, so they are pressed in the browser's page.
 */
export class AccountPages {
	/** Each sub-account's link as listed: a row's button is pressed after opening it again. */
	private readonly links = new Map<string, string>();
	/** A button was pressed since the accounts' page was opened: what it marks as chosen is stale. */
	private pressed = false;

	constructor(
		private readonly spec: DefinitionSpec,
		private readonly at: (env: AdapterEnv, target: string) => string,
		private readonly checks: ListChecks,
	) {}

	/** The page the account links or buttons are on: accounts.page, else the documents page. */
	async source(env: AdapterEnv, spec: PageAccountsSpec): Promise<Readable> {
		const address = spec.page ?? this.spec.documents.url;
		const selector = accountsSelector(spec);
		this.pressed = false;
		if (!address) await this.checks.openDocuments(env);
		else {
			const target = this.at(env, address);
			// Links are only read there: the browser need not render the page.
			if ('links' in spec && env.surface.url() !== target) {
				const page = await env.surface.openToRead(target, selector);
				if (page !== env.surface) {
					await this.checks.stillSignedIn(page);
					return page;
				}
			} else if (env.surface.url() !== target) await env.surface.open(target);
		}
		await env.surface.appears(selector, 10_000);
		await this.checks.stillSignedIn(env.surface);
		return env.surface;
	}

	/**
	 * One account's list behind its link. A link to another site is refused before anything is
	 * sent: an account link is the portal's markup, and a hostile portal could point it anywhere.
	 */
	async openLink(env: AdapterEnv, account: PageAccount): Promise<Readable> {
		const { rows, list } = this.spec.documents;
		if (!account.href)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`${this.spec.name}: sub-account ${account.id} ("${account.label}") is not a link.`,
				{ missingElement: 'documents.accounts.links' },
			);
		const url = new URL(account.href);
		const allowed =
			url.origin === new URL(env.baseUrl).origin || urlAllowed(url, this.spec.domains);
		if (!allowed || !/^https?:$/.test(url.protocol))
			throw new PortalError(
				'NAVIGATION_BLOCKED',
				`Sub-account ${account.id}'s link leads to ${url.host || url.protocol}, which is not one of the portal's sites; it was not opened.`,
				{ url: safeUrl(url.href) },
			);
		this.links.set(account.id, url.href);
		const page = await env.surface.openToRead(url.href, rows);
		if (page === env.surface) await env.surface.appears(list ?? rows, 10_000);
		await this.checks.stillListing(page);
		return page;
	}

	/** Presses an account's button and waits until the rows changed (a script swaps the list). */
	async press(
		env: AdapterEnv,
		spec: PageAccountsSpec,
		account: PageAccount,
		sourceUrl: string,
	): Promise<Readable> {
		const { rows } = this.spec.documents;
		if (env.surface.url() !== sourceUrl) {
			await env.surface.open(sourceUrl);
			await env.surface.appears(accountsSelector(spec), 10_000);
			this.pressed = false;
		}
		// The account the page opened with: its rows are shown already, and a press would
		// change nothing to wait for.
		if (account.chosen && !this.pressed && (await env.surface.count(rows)) > 0) return env.surface;
		this.pressed = true;
		const before = await rowsSignature(env.surface, rows);
		await env.surface.press(
			':scope',
			`${accountsWhat(spec)} "${account.label}"`,
			async () => (await rowsSignature(env.surface, rows)) !== before,
			{ nth: { rows: accountsSelector(spec), index: account.index }, timeoutMs: 10_000 },
		);
		await this.checks.stillListing(env.surface);
		return env.surface;
	}

	/** Shows an account again before a row's button is pressed on its list (pageUrl). */
	async show(env: AdapterEnv, spec: PageAccountsSpec, id: string, pageUrl: string): Promise<void> {
		const link = this.links.get(id);
		if ('links' in spec && link) {
			await env.surface.open(link);
			if (env.surface.url() !== pageUrl) await env.surface.open(pageUrl);
			return;
		}
		await env.surface.open(pageUrl);
		this.pressed = false;
		const [account] = await pageAccounts(env.surface, spec, { accountIds: [id] });
		if (!account)
			throw new PortalError(
				'DOWNLOAD_FAILED',
				`Sub-account ${id} is no longer offered; the next run lists its documents again.`,
			);
		await this.press(env, spec, account, pageUrl);
	}
}
