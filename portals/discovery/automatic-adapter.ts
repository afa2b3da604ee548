import type {
	AdapterEnv,
	Learned,
	ListControl,
	LoginOutcome,
	PortalAdapter,
} from '../core/contract/adapter';
import type { PortalDocument } from '../core/contract/documents';
import type { RawFile } from '../core/contract/raw-file';
import type { DocumentFilters } from '../core/contract/filters';
import type { Challenge } from '../core/contract/session';
import { PortalError } from '../core/outcomes/errors';
import { browserPageNow } from '../core/browser/browser-page';
import { DefinitionAdapter } from '../definitions/generic-adapter';
import type { DefinitionSpec } from '../definitions/spec';
import { definitionProblems } from '../definitions/validate';
import { learnableDownloadHosts } from './api/download-host-rule';
import { ApiRecorder } from './api/record';
import { discoverDocumentsAndApi } from './documents/discover-documents';
import { LoginDiscoverer, type LoginFindings } from './login/discover-login';
import { DiscoveryReport, type DiscoveryStepName } from './report';

/** Why an Automatic run on plain HTTP moves to the browser: discovery reads drawn pages. */
const DISCOVERY = 'discovery reads the pages a browser draws';

/** Where the user said the portal is (the credential's Automatic fields). */
export interface AutomaticSettings {
	loginUrl: string;
	documentsUrl?: string;
}

/** What an Automatic connection keeps between runs: the definition, or the login found so far. */
export interface AutomaticLearned {
	/** The login URL it was discovered for: a credential pointed elsewhere discovers anew. */
	loginUrl: string;
	definition?: DefinitionSpec;
	login?: LoginFindings;
}

/**
 * The definition an earlier run kept for this login URL, when it is still valid: later runs use
 * it (and its engine: plain HTTP where it allows).
 */
export function keptDefinition(loginUrl: string, learned: unknown): DefinitionSpec | undefined {
	const earlier = learned as AutomaticLearned | undefined;
	if (earlier?.loginUrl !== loginUrl || !earlier.definition) return undefined;
	return definitionProblems(earlier.definition).length === 0 ? earlier.definition : undefined;
}

/** The definition's domains: the login URL's host, with its port when it is not the default. */
export function domainOf(url: string): string {
	const u = new URL(url);
	return u.port ? `${u.hostname}:${u.port}` : u.hostname;
}

/**
 * The Automatic portal's adapter. The first run discovers the portal (login, then documents) and
 * writes a definition; later runs use that definition through the generic adapter, as if the
 * user had written it. When the portal no longer matches it (LAYOUT_CHANGED), the part that
 * failed is discovered once more; if that fails too, the run reports LAYOUT_CHANGED with what
 * was missing.
 *
 * A rejected login never leads to a second attempt: only a sign-in form that is missing
 * altogether (nothing was sent) is rediscovered; a page after the sign-in that the saved rules
 * do not know is read by discovery where it is.
 */
export class AutomaticAdapter implements PortalAdapter {
	private definition?: DefinitionSpec;
	private delegate?: DefinitionAdapter;
	private readonly report = new DiscoveryReport();
	private readonly login_: LoginDiscoverer;
	/** The login ran through discovery in this run (not the saved definition). */
	private discovering = false;
	private rediscovered = false;
	/** The app's own calls since discovery began signing in: where an API's credentials come from. */
	private recorder?: ApiRecorder;

	constructor(
		private readonly settings: AutomaticSettings,
		learned?: unknown,
	) {
		const earlier = learned as AutomaticLearned | undefined;
		const usable = earlier?.loginUrl === settings.loginUrl ? earlier : undefined;
		const kept = keptDefinition(settings.loginUrl, learned);
		if (kept) this.use(kept);
		// With a saved definition, its sign-in steps stay known when a later page must be read afresh.
		const { steps, errors, codePrompts, captcha } = this.definition?.login ?? {};
		this.login_ = new LoginDiscoverer(
			settings.loginUrl,
			this.report,
			usable?.login ?? (this.definition ? { steps, errors, codePrompts, captcha } : {}),
		);
	}

	/**
	 * The kinds of file the learned definition takes (documents.accepts, PDF alone when unset):
	 * read per document by the collection, so a definition learned in this run counts too.
	 */
	get accepts(): DefinitionSpec['documents']['accepts'] {
		return this.definition?.documents.accepts;
	}

	private use(definition: DefinitionSpec): void {
		this.definition = definition;
		this.delegate = new DefinitionAdapter(definition);
	}

	learned(): Learned {
		const keep: AutomaticLearned = {
			loginUrl: this.settings.loginUrl,
			definition: this.definition,
			login: this.definition ? undefined : this.login_.findings(),
		};
		return { keep, report: this.report.lines() };
	}

	async isLoggedIn(env: AdapterEnv): Promise<boolean> {
		if (this.delegate) return this.delegate.isLoggedIn(env);
		// Nothing to write a definition's login from yet (a Discover, or a run after one that
		// failed): sign in afresh, whatever the saved session says.
		if (!this.login_.complete()) return false;
		return this.login_.isLoggedIn(
			(await browserPageNow(env.surface, DISCOVERY)).page,
			this.settings.documentsUrl ?? this.settings.loginUrl,
		);
	}

	async login(env: AdapterEnv): Promise<LoginOutcome> {
		if (!this.delegate) return this.discoverLogin(env);
		try {
			return await this.delegate.login(env);
		} catch (error) {
			if (!this.mayRediscover(error)) throw error;
			const missing = (error as PortalError).details.missingElement ?? '';
			// The sign-in form itself changed: nothing was sent yet, so discovering it is safe.
			if (missing.startsWith('login.steps')) {
				this.note(
					'login form',
					`the saved login no longer matches (${missing}): discovering it again`,
				);
				return this.discoverLogin(env);
			}
			// The sign-in was sent and led to a page the saved rules do not know: read it where it
			// is (a second login attempt could count against the account).
			this.note(
				'logged in',
				`the page after signing in no longer matches (${missing}): reading it afresh`,
			);
			this.discovering = true;
			return this.login_.readAfterSignIn((await browserPageNow(env.surface, DISCOVERY)).page);
		}
	}

	private async discoverLogin(env: AdapterEnv): Promise<LoginOutcome> {
		this.discovering = true;
		this.rediscovered = !!this.definition;
		this.recorder ??= new ApiRecorder((await browserPageNow(env.surface, DISCOVERY)).page).start();
		return this.login_.login(env);
	}

	async submitCode(env: AdapterEnv, challenge: Challenge, code: string): Promise<LoginOutcome> {
		if (this.delegate && !this.discovering) {
			try {
				return await this.delegate.submitCode(env, challenge, code);
			} catch (error) {
				if (!this.mayRediscover(error)) throw error;
				this.note('code page', 'the saved code page no longer matches: reading it afresh');
			}
		}
		this.discovering = true;
		await browserPageNow(env.surface, DISCOVERY);
		return this.login_.submitCode(env, challenge, code);
	}

	async *listDocuments(
		env: AdapterEnv,
		filters: DocumentFilters,
		control?: ListControl,
	): AsyncIterable<PortalDocument> {
		if (this.delegate && !this.discovering) {
			// The kept definition's download hosts: the run's boundary was fixed from the portal's.
			const hosts = this.definition?.downloadDomains;
			if (hosts?.length) env.allowDownloadDomains?.(hosts);
			let listed = 0;
			try {
				for await (const doc of this.delegate.listDocuments(env, filters, control)) {
					listed++;
					yield doc;
				}
				// Discovery kept this definition because it found documents with it: none at all
				// now means the list moved or was rebuilt (a definition written by hand may list
				// nothing; an Automatic one never started from an empty list).
				if (listed > 0 || this.rediscovered) return;
				this.rediscovered = true;
				this.note(
					'documents page',
					'the saved documents list shows no documents now: discovering it again',
				);
			} catch (error) {
				// Documents already listed are in the run; discovering again would list them twice.
				if (listed > 0 || !this.mayRediscover(error)) throw error;
				this.note(
					'documents page',
					`the saved documents list no longer matches (${(error as PortalError).details.missingElement ?? (error as Error).message}): discovering it again`,
				);
			}
		}
		yield* this.discoverAndList(env, filters, control);
	}

	private async *discoverAndList(
		env: AdapterEnv,
		filters: DocumentFilters,
		control?: ListControl,
	): AsyncIterable<PortalDocument> {
		const login = this.discovering ? this.login_.findings() : this.definition?.login;
		if (!login?.steps?.length || !login.loggedIn)
			throw new PortalError(
				'LAYOUT_CHANGED',
				'The login was not discovered completely (no sign-in steps or no sign of being signed in), so no definition can be written.',
				{ missingElement: 'login' },
			);
		const { page } = await browserPageNow(env.surface, DISCOVERY);
		// The sign-in may have ended on another host of the site (login. → www.): the
		// definition names both, as a person writing it would.
		const domains = this.domains(page.url());
		const recorder = this.recorder ?? new ApiRecorder(page).start();
		const { documents, downloadDomains: learned } = await discoverDocumentsAndApi(
			page,
			{
				startUrl: page.url(),
				documentsUrl: this.settings.documentsUrl,
				domains,
				recorder,
				origin: new URL(this.settings.loginUrl).origin,
			},
			this.report,
		).finally(() => {
			recorder.stop();
			this.recorder = undefined;
		});
		const downloadDomains = this.downloadHosts(learned);
		const host = domainOf(this.settings.loginUrl);
		const definition: DefinitionSpec = {
			name: `Automatic: ${host}`,
			slug: `automatic-${host.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`.replace(/-+$/, ''),
			version: (this.definition?.version ?? 0) + 1,
			domains,
			loginUrl: this.settings.loginUrl,
			// Discovery needs the browser; the definition it writes may not (HTTP until a page
			// needs scripts).
			engine: 'auto',
			login: { ...login, steps: login.steps, loggedIn: login.loggedIn },
			documents,
			...(downloadDomains?.length ? { downloadDomains } : {}),
		};
		const problems = definitionProblems(definition);
		if (problems.length)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`Discovery wrote a definition that does not validate: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`,
				{ missingElement: problems[0].field },
			);
		this.use(definition);
		// The hosts the app's own files came from apply in this run too (the boundary was fixed
		// before discovery learned them): the definition validated them, its files go there bare.
		if (definition.downloadDomains?.length) env.allowDownloadDomains?.(definition.downloadDomains);
		this.discovering = false;
		yield* this.delegate!.listDocuments(env, filters, control);
	}

	async download(env: AdapterEnv, doc: PortalDocument): Promise<RawFile> {
		if (!this.delegate)
			throw new PortalError('DOWNLOAD_FAILED', 'No documents list was discovered in this run.');
		return this.delegate.download(env, doc);
	}

	/**
	 * The hosts the definition names: the login URL's, the documents URL's when it is elsewhere,
	 * and the host the sign-in ended on (another host of the login's site; the run's boundary
	 * allows no other, see automaticPortal).
	 */
	private domains(signedInAt?: string): string[] {
		const { loginUrl, documentsUrl } = this.settings;
		const landed = signedInAt?.startsWith('http') ? signedInAt : undefined;
		return [...new Set([loginUrl, documentsUrl, landed].filter(Boolean).map((u) => domainOf(u!)))];
	}

	/** A layout change that has not been rediscovered in this run yet. */
	private mayRediscover(error: unknown): boolean {
		if (!(error instanceof PortalError) || error.code !== 'LAYOUT_CHANGED' || this.rediscovered)
			return false;
		this.rediscovered = true;
		return true;
	}

	/** The learned download hosts the portal may name (never this machine's network). */
	private downloadHosts(learned: string[] | undefined): string[] | undefined {
		const { kept, refused } = learnableDownloadHosts(learned ?? [], this.settings.loginUrl);
		if (refused.length)
			this.note(
				'download',
				`the portal named ${refused.join(', ')} as a download host: an address inside a network or an IP address, not learned (its files are refused)`,
			);
		return kept;
	}

	private note(step: DiscoveryStepName, summary: string): void {
		this.report.add({ step, ok: false, summary });
	}
}
