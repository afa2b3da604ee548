import type { AdapterEnv, ListControl } from '../core/contract/adapter';
import type { PortalDocument } from '../core/contract/documents';
import type { DocumentFilters } from '../core/contract/filters';
import type { RawFile } from '../core/contract/raw-file';
import { PortalError, safeUrl } from '../core/outcomes/errors';
import type { Readable } from '../core/contract/surface';
import { downloadFromDetail, downloadFromPopover } from './detail-download';
import { fieldValue, toDocuments } from './fields';
import { matches, readRows, rowCount, rowForms, selectOptions, type RawRow } from './page-reader';
import { turnPage } from './pagination';
import type { DefinitionSpec } from './spec';
import {
	accountsSelector,
	accountsWhat,
	pageAccounts,
	type PageAccountsSpec,
} from './account-switch';
import { nameFromLabel, withAccountName } from './account-names';
import { AccountPages } from './account-pages';

/**
 * A definition's documents part, after the sign-in (generic-adapter.ts): opens the documents
 * page, goes through its sub-accounts and pages, and downloads by pressing a row's button where
 * no link is known. Like the sign-in, it works on env.surface only, so it runs in the browser or
 * over plain HTTP, and it follows only the links, buttons and switchers the definition names.
 */
export class DocumentList {
	private readonly accountPages: AccountPages;

	constructor(
		private readonly spec: DefinitionSpec,
		/** The definition's address on the base URL the run uses (the adapter's own rule). */
		private readonly at: (env: AdapterEnv, target: string) => string,
	) {
		this.accountPages = new AccountPages(spec, at, {
			openDocuments: (env) => this.openDocuments(env),
			stillListing: (page) => this.stillListing(page),
			stillSignedIn: (page) => this.stillSignedIn(page),
		});
	}

	private async openDocuments(env: AdapterEnv): Promise<void> {
		const { url, clicks } = this.spec.documents;
		if (url) {
			const target = this.at(env, url);
			// Already there (the login or the session check ended on it): no second load.
			if (env.surface.url() === target) return;
			return env.surface.open(target);
		}
		for (const [i, selector] of (clicks ?? []).entries()) {
			const before = env.surface.url();
			// A menu link loads the next page; an app may only redraw: either counts.
			await env.surface.press(selector, `documents.clicks[${i}] (${selector})`, async () =>
				env.surface.url() !== before
					? true
					: (await env.surface.count(this.spec.documents.rows)) > 0,
			);
		}
	}

	/**
	 * The documents page to read the first rows from. Where the list has an address and its next
	 * rows come on pages of their own, it is opened to be read (surface.openToRead): the browser
	 * reads it from the server's HTML without rendering it where that HTML has the rows, as it
	 * does the next pages. Why: rendering it cost the browser engine about 0.3 s of each run.
	 * Else (menu clicks, rows added by "load more" or scrolling) the run's own page shows it.
	 */
	private async firstPage(env: AdapterEnv): Promise<Readable> {
		const { url, rows, pagination, accounts } = this.spec.documents;
		if (!url || pagination?.loadMore || pagination?.infiniteScroll) {
			await this.openDocuments(env);
			return env.surface;
		}
		const target = this.at(env, url);
		// Already there (the login or the session check ended on it): no second load.
		if (env.surface.url() === target) return env.surface;
		// The rows, not only the list: a page may serve an empty table its scripts fill in.
		const page = await env.surface.openToRead(target, rows);
		if (page === env.surface) return page;
		const isList = await this.stillListing(page).then(
			async () =>
				!accounts ||
				!('select' in accounts) ||
				(await selectOptions(page, accounts.select)).length > 0,
			() => false,
		);
		if (isList) return page;
		// Not the list (signed out, or a changed layout): shown in the run's own page, which the
		// checks below read again, so the error's screenshot and HTML are of the documents page.
		await this.openDocuments(env);
		return env.surface;
	}

	async *list(
		env: AdapterEnv,
		control?: ListControl,
		filters?: DocumentFilters,
	): AsyncIterable<PortalDocument> {
		const { documents } = this.spec;
		if (documents.accounts && !('select' in documents.accounts))
			return yield* this.byPageAccounts(env, documents.accounts, control, filters);
		const first = await this.firstPage(env);
		if (first === env.surface) {
			// Apps render their rows after the page loaded; an empty list simply has none.
			await env.surface.appears(documents.list ?? documents.rows, 10_000);
			await this.stillListing(first);
		}
		const switcher = documents.accounts as { select: string } | undefined;
		const accounts = switcher ? await selectOptions(first, switcher.select) : [];
		if (switcher && !accounts.length)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`${this.spec.name}: the sub-account list (${switcher.select}) is not on the documents page.`,
				{ missingElement: `documents.accounts.select (${switcher.select})` },
			);
		// Only the sub-accounts the account filter names are chosen, as with links and buttons.
		const wanted = filters?.accountIds?.length ? new Set(filters.accountIds) : undefined;
		const targets = accounts.length
			? accounts.filter((a) => !wanted || wanted.has(a.value))
			: [{ value: '', label: '' }];
		for (const [i, { value: account, label }] of targets.entries()) {
			let page = i === 0 ? first : env.surface;
			if (documents.accounts) {
				if (i > 0) await this.openDocuments(env);
				// The portal remembers the last choice in the session (an earlier run's, too): the
				// first sub-account is not necessarily the one shown.
				const shown = (await selectOptions(page, switcher!.select)).find((o) => o.selected);
				if (shown?.value !== account) {
					// Choosing is the run's own page's job: show the list there first.
					if (page !== env.surface) await this.openDocuments(env);
					await this.chooseAccount(env, account);
					page = env.surface;
				}
			}
			yield* this.pagesOf(env, account, page, control, nameFromLabel(label, account));
		}
	}

	private async *pagesOf(
		env: AdapterEnv,
		account: string,
		firstPage: Readable,
		control?: ListControl,
		accountName?: string,
	): AsyncIterable<PortalDocument> {
		const { documents } = this.spec;
		const pagination = documents.pagination ?? {};
		const maxPages = pagination.maxPages ?? 200;
		const { link, detail } = documents.download;
		// One level down: the row's link to its detail page, or a popover's link in its markup.
		const lower = detail?.open ? { detail: detail.open } : { detailLink: detail?.link };
		const fields = { ...documents.fields, id: documents.id.field, link, ...lower };
		const startUrl = firstPage.url();
		// The page the rows are read from: the run's own, or a page read without showing it.
		let page: Readable = firstPage;
		let seen = 0;
		for (let pageNo = 1; pageNo <= maxPages; pageNo++) {
			// Load-more and infinite scroll add rows to the same page: only the new ones count.
			if (pageNo > 1) await this.stillListing(page);
			// documents.download.print: the row's invoice page, for rows without a file (print.ts).
			const rows = (
				await readRows(page, documents.rows, { ...fields, print: documents.download.print?.open })
			).slice(seen);
			const docs = withAccountName(
				toDocuments(this.spec, rows, account, page.url()),
				account,
				accountName,
			);
			await this.formsAsLinks(env, page, docs, rows);
			seen += rows.length;
			yield* docs;
			if (!docs.length || control?.pageDone(docs)) return;
			const turned = await turnPage({
				page,
				surface: env.surface,
				spec: pagination,
				rows: documents.rows,
				startUrl,
				pageNo,
			});
			if (turned === 'end') return;
			if (turned !== 'moreRows') {
				page = turned.next;
				seen = 0;
			}
		}
	}

	/**
	 * Rows whose download button only submits a plain form (an export button): the form's
	 * request becomes the document's download, fetched like a link. Why: a pressed button is
	 * downloaded one by one after the listing, reloading its page (and sub-account) first; a
	 * form read here goes into the download pool while the listing goes on. It is the request
	 * the press would send: over HTTP the press submits this very form; in a browser only on a
	 * page without scripts (a script might handle the press itself). Other rows are pressed.
	 */
	private async formsAsLinks(
		env: AdapterEnv,
		page: Readable,
		docs: PortalDocument[],
		rows: RawRow[],
	) {
		const { click } = this.spec.documents.download;
		if (!click || !docs.some((d) => !d.downloadUrl)) return;
		const { scripted, forms } = await rowForms(page, this.spec.documents.rows, click);
		if (scripted && env.surface.engine !== 'http') return;
		docs.forEach((doc, i) => {
			const form = forms[rows[i].index];
			if (doc.downloadUrl || !form) return;
			doc.downloadUrl = form.url;
			doc.downloadForm = form.fields;
			delete doc.locator;
		});
	}

	/**
	 * Documents one level down on a detail page: detail-download.ts. Other documents without a
	 * link: click the row's download button (or its popover opener) on the page it was listed on,
	 * with its sub-account chosen again (the choice lives in the portal's session), and only on
	 * the row that still shows the listed number: a list that shifted must not deliver another
	 * document's file under this one's name.
	 */
	async download(env: AdapterEnv, doc: PortalDocument): Promise<RawFile> {
		const { rows, accounts, fields, download } = this.spec.documents;
		const { pageUrl, account, detailUrl } = JSON.parse(doc.locator ?? '{}') as {
			pageUrl: string;
			account?: string;
			detailUrl?: string;
		};
		if (detailUrl) return downloadFromDetail(env, this.spec, doc, detailUrl);
		if (accounts && account && !('select' in accounts))
			await this.accountPages.show(env, accounts, account, pageUrl);
		else await env.surface.open(pageUrl);
		if (
			accounts &&
			account &&
			'select' in accounts &&
			!(await selectOptions(env.surface, accounts.select)).some(
				(o) => o.selected && o.value === account,
			)
		) {
			await this.chooseAccount(env, account);
			await env.surface.open(pageUrl);
		}
		const listed = await readRows(env.surface, rows, { number: fields.number });
		const index = listed.findIndex(
			(row) => fieldValue(fields.number, row.values.number) === doc.number,
		);
		if (index < 0)
			throw new PortalError(
				'DOWNLOAD_FAILED',
				`${doc.number} is no longer on the page it was listed on; the next run lists it again.`,
			);
		if (download.detail?.press) return downloadFromPopover(env, this.spec, doc, index);
		return env.surface.downloadByPress(
			rows,
			index,
			download.click!,
			`documents.download.click (${download.click})`,
			env.maxFileBytes,
		);
	}

	/**
	 * The documents page is still a documents page: not the sign-in page again (the portal ended
	 * the session: SESSION_EXPIRED, the next run signs in anew), and, where the definition names
	 * it, with its list (renamed rows would otherwise read as an empty list: LAYOUT_CHANGED).
	 */
	private async stillListing(page: Readable): Promise<void> {
		await this.stillSignedIn(page);
		const { list } = this.spec.documents;
		if (list && !(await rowCount(page, list)))
			throw new PortalError(
				'LAYOUT_CHANGED',
				`${this.spec.name}: the documents list (${list}) is not on the documents page.`,
				{ missingElement: `documents.list (${list})`, url: safeUrl(page.url()) },
			);
	}

	/** Not the sign-in page again: the portal ended the session (SESSION_EXPIRED). */
	private async stillSignedIn(page: Readable): Promise<void> {
		const probe = this.spec.login.steps?.[0]?.fields[0]?.selector ?? this.spec.login.ssoButton;
		const signedIn = await matches(page, this.spec.login.loggedIn).catch(() => false);
		if (!signedIn && probe && (await rowCount(page, probe)) > 0)
			throw new PortalError(
				'SESSION_EXPIRED',
				'The portal ended the session during the listing: it shows its sign-in page again.',
			);
	}

	/**
	 * Sub-accounts given as links or buttons: read where they are (a selection page, or the
	 * documents page), narrowed by the account filter before anything is opened, then one list
	 * each: a link's address is opened to be read (it may switch the account in the session and
	 * show the list), a button is pressed in the run's page and its swapped rows are read.
	 */
	private async *byPageAccounts(
		env: AdapterEnv,
		spec: PageAccountsSpec,
		control?: ListControl,
		filters?: DocumentFilters,
	): AsyncIterable<PortalDocument> {
		const source = await this.accountPages.source(env, spec);
		const selector = accountsSelector(spec);
		if (!(await rowCount(source, selector)))
			throw new PortalError(
				'LAYOUT_CHANGED',
				`${this.spec.name}: the sub-accounts (${selector}) are not on ${safeUrl(source.url())}.`,
				{ missingElement: accountsWhat(spec), url: safeUrl(source.url()) },
			);
		const sourceUrl = source.url();
		for (const account of await pageAccounts(source, spec, filters)) {
			const page =
				'links' in spec
					? await this.accountPages.openLink(env, account)
					: await this.accountPages.press(env, spec, account, sourceUrl);
			yield* this.pagesOf(env, account.id, page, control, nameFromLabel(account.label, account.id));
		}
	}

	/** Chooses a sub-account in the switcher; most portals reload the page (a form submit). */
	private async chooseAccount(env: AdapterEnv, account: string): Promise<void> {
		const { select } = this.spec.documents.accounts as { select: string };
		await env.surface.choose(select, account, `documents.accounts.select (${select})`);
	}
}
