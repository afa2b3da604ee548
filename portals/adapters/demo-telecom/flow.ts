import type {
	AdapterEnv,
	ListControl,
	LoginOutcome,
	PortalAdapter,
} from '../../core/contract/adapter';
import type { PortalDocument } from '../../core/contract/documents';
import type { RawFile } from '../../core/contract/raw-file';
import type { Readable, Surface } from '../../core/contract/surface';
import { PortalError, safeUrl } from '../../core/outcomes/errors';
import type { DocumentFilters } from '../../core/contract/filters';
import { methodFromPrompt } from '../../adapter-kit/page-tools';
import type { ReasonCode } from '../../core/outcomes/reasons';
import type { Challenge } from '../../core/contract/session';
import { DocumentsPage, type RawRow } from './pages/documents-page';
import { InterstitialPage, type InterstitialKind } from './pages/interstitial-page';
import { LoginPage } from './pages/login-page';
import { VerifyPage } from './pages/verify-page';
import { documentFromRow, REQUIRED_COLUMNS } from './rows';

const INTERSTITIAL_REASON: Record<InterstitialKind, ReasonCode> = {
	terms: 'TERMS_ACCEPTANCE_REQUIRED',
	password: 'PASSWORD_CHANGE_REQUIRED',
	payment: 'PAYMENT_DETAILS_REQUIRED',
};

/**
 * Navigation for Demo Telecom: where to go and what the page we landed on means.
 * Page objects (./pages) only read and act on the page they describe. Everything goes through
 * the run's surface, so the adapter works on either engine (see index.ts for the one it uses).
 */
export class DemoTelecomFlow implements PortalAdapter {
	async isLoggedIn(env: AdapterEnv): Promise<boolean> {
		await env.surface.open(`${env.baseUrl}/invoices`);
		return DocumentsPage.isAt(env.surface);
	}

	async login(env: AdapterEnv): Promise<LoginOutcome> {
		await env.surface.open(`${env.baseUrl}/login`);
		if (!LoginPage.isAt(env.surface)) return this.whereAreWe(env);
		const login = new LoginPage(env.surface);
		await login.fill(env.credentials.username, env.credentials.password);
		await this.answerTokenCaptcha(env, login);
		await login.submit();
		return this.whereAreWe(env);
	}

	/**
	 * An "I'm not a robot" widget cannot be typed by a person into a form: a configured solver
	 * answers it, otherwise the run stops before the form is sent (no login attempt is spent).
	 */
	private async answerTokenCaptcha(env: AdapterEnv, login: LoginPage): Promise<void> {
		const siteKey = await login.tokenCaptchaSiteKey();
		if (!siteKey) return;
		if (!env.solveCaptcha) {
			throw new PortalError(
				'CAPTCHA_REQUIRED',
				'The login form has an "I\'m not a robot" check. Set Captcha Solver to Solver Service on the node to answer it automatically.',
			);
		}
		await login.enterCaptchaToken(
			await env.solveCaptcha({ kind: 'recaptcha', siteKey, pageUrl: safeUrl(env.surface.url()) }),
		);
	}

	async submitCode(env: AdapterEnv, challenge: Challenge, code: string): Promise<LoginOutcome> {
		if (challenge.method === 'captcha') {
			// The captcha sits on the login form: the whole form is sent again with it.
			if (!LoginPage.isAt(env.surface)) await env.surface.open(`${env.baseUrl}/login`);
			const login = new LoginPage(env.surface);
			await login.fill(env.credentials.username, env.credentials.password);
			await login.fillCaptcha(code);
			await login.submit();
			return this.whereAreWe(env, 'captcha');
		}
		if (!VerifyPage.isAt(env.surface)) return this.whereAreWe(env);
		await new VerifyPage(env.surface).enterCode(code);
		return this.whereAreWe(env, challenge.method);
	}

	/** Decides what the current page means after a login step. */
	private async whereAreWe(env: AdapterEnv, answered?: Challenge['method']): Promise<LoginOutcome> {
		const page = env.surface;
		if (VerifyPage.isAt(page)) {
			const verify = new VerifyPage(page);
			const prompt = await verify.prompt();
			const error = await verify.error();
			const method = methodFromPrompt(prompt);
			if (!method)
				throw new PortalError('LAYOUT_CHANGED', `Unrecognised verification prompt: "${prompt}"`, {
					missingElement: 'verification page: known prompt text',
					portalMessage: prompt,
				});
			let rejected: Challenge['rejected'];
			if (error && /expired/i.test(error)) rejected = 'CODE_EXPIRED';
			else if (error && answered === method) rejected = 'WRONG_CODE';
			return {
				kind: 'challenge',
				challenge: { method, portalMessage: error ? `${error} ${prompt}` : prompt, rejected },
			};
		}
		if (LoginPage.isAt(page)) {
			const login = new LoginPage(page);
			const message = (await login.message()) ?? '';
			if (await login.hasCaptcha()) {
				return {
					kind: 'challenge',
					challenge: {
						method: 'captcha',
						portalMessage: message || 'The portal asks to type the characters shown in an image.',
						image: await login.captchaImage(env.maxFileBytes),
						rejected:
							answered === 'captcha' && /do not match/i.test(message) ? 'WRONG_CODE' : undefined,
					},
				};
			}
			if (/not a robot/i.test(message))
				throw new PortalError(
					'CAPTCHA_REQUIRED',
					`The portal did not accept the "I'm not a robot" check: ${message}`,
					{ portalMessage: message },
				);
			if (/locked/i.test(message))
				throw new PortalError('ACCOUNT_LOCKED', `The portal says: ${message}`, {
					portalMessage: message,
				});
			if (/incorrect|invalid|wrong/i.test(message))
				throw new PortalError('WRONG_CREDENTIALS', `The portal says: ${message}`, {
					portalMessage: message,
				});
			if (/too many wrong codes/i.test(message))
				throw new PortalError('WRONG_CODE', `The portal says: ${message}`, {
					portalMessage: message,
				});
			if (/session has expired/i.test(message))
				throw new PortalError('SESSION_EXPIRED', `The portal says: ${message}`, {
					portalMessage: message,
				});
			throw new PortalError(
				'LAYOUT_CHANGED',
				`Still on the login page after logging in${message ? `; the portal says: ${message}` : ''}.`,
				{
					missingElement: 'login result (error message or next page)',
					portalMessage: message || undefined,
				},
			);
		}
		const interstitial = InterstitialPage.kindAt(page);
		if (interstitial) {
			const message = await new InterstitialPage(page).message();
			throw new PortalError(
				INTERSTITIAL_REASON[interstitial],
				`The portal says: ${message ?? interstitial}`,
				{ portalMessage: message },
			);
		}
		const path = new URL(page.url()).pathname;
		if (path === '/dashboard' || path === '/invoices') return { kind: 'loggedIn' };
		throw new PortalError('LAYOUT_CHANGED', `Unexpected page after login: ${safeUrl(page.url())}`, {
			missingElement: 'overview page after login',
			url: safeUrl(page.url()),
		});
	}

	private async openList(env: AdapterEnv, filters: DocumentFilters): Promise<DocumentsPage> {
		const query = new URLSearchParams({ page: '1' });
		if (filters.startDate) query.set('from', filters.startDate);
		if (filters.endDate) query.set('to', filters.endDate);
		await env.surface.open(`${env.baseUrl}/invoices?${query}`);
		return this.expectList(env.surface);
	}

	private async expectList(page: Surface): Promise<DocumentsPage> {
		if (LoginPage.isAt(page) || VerifyPage.isAt(page))
			throw new PortalError(
				'SESSION_EXPIRED',
				'The portal ended the session while listing documents.',
			);
		if (!DocumentsPage.isAt(page)) {
			const interstitial = InterstitialPage.kindAt(page);
			if (interstitial)
				throw new PortalError(
					INTERSTITIAL_REASON[interstitial],
					`The portal shows: ${await new InterstitialPage(page).message()}`,
				);
			throw new PortalError(
				'LAYOUT_CHANGED',
				`The documents list is not at ${safeUrl(page.url())}.`,
				{ missingElement: 'documents page' },
			);
		}
		return new DocumentsPage(page);
	}

	async *listDocuments(
		env: AdapterEnv,
		filters: DocumentFilters,
		control?: ListControl,
	): AsyncIterable<PortalDocument> {
		let list = await this.openList(env, filters);
		const headers = await list.headers();
		const missing = REQUIRED_COLUMNS.filter((c) => !headers.includes(c));
		if (missing.length)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`The documents table has no column ${missing.join(', ')}.`,
				{ missingElement: `documents table: column ${missing[0]}` },
			);
		const { ids } = await list.accountIds();
		// The server cannot filter by customer number, but we can skip switching to the others.
		const wanted = filters.accountIds?.length
			? ids.filter((id) => filters.accountIds!.includes(id))
			: ids;
		for (const accountId of wanted) {
			if ((await list.accountIds()).active !== accountId) {
				await list.switchTo(accountId);
				list = await this.openList(env, filters);
			}
			// The first page of each customer number is opened (and checked: layout, session);
			// the next pages are only read (in the browser: fetched and parsed without rendering,
			// several times faster).
			let page: Readable = env.surface;
			let read: { rows: RawRow[] | null; next?: string } = {
				rows: await list.rows(),
				next: await list.nextPageUrl(),
			};
			for (;;) {
				// The locator is the list page the row is on, for documents that need a click to download.
				const here = new URL(page.url());
				const documents = read.rows!.map((row) =>
					documentFromRow(row, accountId, `${here.pathname}${here.search}`),
				);
				yield* documents;
				if (!read.next || control?.pageDone(documents)) break;
				page = await this.nextListPage(env, read.next);
				read = await DocumentsPage.read(page);
				if (!read.rows)
					throw new PortalError(
						'LAYOUT_CHANGED',
						`Page ${safeUrl(page.url())} of the documents list has no documents table.`,
						{ missingElement: 'documents page: documents table' },
					);
			}
		}
	}

	/** Opens a list's next page to read it; where it led must be the list still. */
	private async nextListPage(env: AdapterEnv, url: string): Promise<Readable> {
		const page = await env.surface.openToRead(url, 'table#documents');
		const landed = new URL(page.url()).pathname;
		if (landed.startsWith('/login'))
			throw new PortalError(
				'SESSION_EXPIRED',
				'The portal ended the session while listing documents.',
			);
		if (landed !== '/invoices')
			throw new PortalError('LAYOUT_CHANGED', `The next list page led to ${safeUrl(page.url())}.`, {
				missingElement: 'documents page: next page',
			});
		return page;
	}

	/** Statements have no link: open their list page and press the row's export button. */
	async download(env: AdapterEnv, doc: PortalDocument): Promise<RawFile> {
		const listUrl = `${env.baseUrl}${doc.locator ?? '/invoices'}`;
		await env.surface.open(listUrl);
		let list = await this.expectList(env.surface);
		if ((await list.accountIds()).active !== doc.accountId) {
			await list.switchTo(doc.accountId);
			await env.surface.open(listUrl);
			list = await this.expectList(env.surface);
		}
		return list.exportFile(doc.id.slice(doc.id.indexOf(':') + 1), env.maxFileBytes);
	}
}
