import type { PortalDocument } from './documents';
import type { RawFile } from './raw-file';
import type { FileKind } from './file-kinds';
import type { DocumentFilters } from './filters';
import type { Challenge } from './session';
import type { EngineChoice, Surface } from './surface';

/** A token captcha as a page shows it: the widget's site key and the page it is on. */
export interface TokenCaptcha {
	kind: 'recaptcha' | 'hcaptcha' | 'turnstile';
	siteKey: string;
	pageUrl: string;
}

export interface PortalCredentials {
	username: string;
	password: string;
	/** Base32 or otpauth:// URI; when present, authenticator codes are answered automatically. */
	authenticatorSecret?: string;
	/** Where the portal's identity provider signs in, when not at the address its definition names (a company's own server, a test). */
	identityProviderUrl?: string;
	/** Portal-specific fields (customer number, ...). */
	extra?: Record<string, string>;
}

/**
 * What an adapter gets to work with: one page per login, in an isolated session, shown by
 * whichever engine the portal's definition chose (`surface`). Adapters work through it alone,
 * so the same adapter runs in the browser or over plain HTTP. (Discovery, which reads pages
 * the way only a browser can, reaches Playwright through browser/browser-page.ts.)
 */
export interface AdapterEnv {
	surface: Surface;
	/** Origin + path prefix of the portal, without trailing slash. */
	baseUrl: string;
	credentials: PortalCredentials;
	maxFileBytes: number;
	/** Set when the user configured a captcha solver: returns the token for a token captcha. */
	solveCaptcha?: (captcha: TokenCaptcha) => Promise<string>;
	/**
	 * Adds download hosts for the rest of this run (a definition's `downloadDomains` learned while
	 * the run discovers it): only a file's final GET goes there, bare, as for the portal's own.
	 */
	allowDownloadDomains?: (domains: string[]) => void;
}

/**
 * Lets the engine end a listing early. Adapters call `pageDone` after yielding each page of one
 * sub-account; when it answers true they skip that sub-account's remaining (older) pages.
 * Listings are newest first, so a page of documents that were all delivered before means the
 * rest are known too.
 */
export interface ListControl {
	pageDone(page: PortalDocument[]): boolean;
}

export type LoginOutcome = { kind: 'loggedIn' } | { kind: 'challenge'; challenge: Challenge };

/**
 * One portal. Adapters are read-only towards the portal: they never pay, delete, cancel,
 * accept terms or change settings. They never wait for a human: a code prompt is returned
 * as a challenge and the engine decides. Failures are thrown as PortalError.
 */
export interface PortalAdapter {
	/** True when the context's restored session is still logged in (no login attempt made). */
	isLoggedIn(env: AdapterEnv): Promise<boolean>;
	/** Fills in the login; returns logged in, or the challenge the portal shows next. */
	login(env: AdapterEnv): Promise<LoginOutcome>;
	/**
	 * Answers the challenge on the current page (the page is where login() left it, or was
	 * restored there). A rejected code comes back as a challenge with `rejected` set.
	 */
	submitCode(env: AdapterEnv, challenge: Challenge, code: string): Promise<LoginOutcome>;
	/** Newest first within each sub-account; applies server-side filters where the portal has them. */
	listDocuments(
		env: AdapterEnv,
		filters: DocumentFilters,
		control?: ListControl,
	): AsyncIterable<PortalDocument>;
	/** The kinds of file this portal's documents may be (a definition's documents.accepts); PDF alone when unset. */
	readonly accepts?: readonly FileKind[];
	/** For documents without a downloadUrl: fetch through the page (download event). */
	download?(env: AdapterEnv, doc: PortalDocument): Promise<RawFile>;
	/**
	 * Adapters that learn a portal as they go (the Automatic portal discovers its definition):
	 * what to keep for this connection's next run (plain JSON without secrets, handed back to
	 * createAdapter), and a report of what was found, for people.
	 */
	learned?(): Learned | undefined;
}

export interface Learned {
	/** Kept per connection and given back to createAdapter next time; undefined forgets. */
	keep?: unknown;
	/** What was found, step by step (the checker prints it, the Discover operation outputs it). */
	report: string[];
}

export interface PortalField {
	name: string;
	displayName: string;
	required: boolean;
}

export interface PortalDefinition {
	slug: string;
	name: string;
	/** How file names name the portal when its slug does not tell it apart (Automatic: the site). */
	fileLabel?: string;
	/** Used when the credential sets no login URL. */
	defaultUrl: string;
	/** Other origins the portal's pages may load or lead to (a separate login or file host); everything else is blocked. */
	allowedOrigins?: string[];
	/**
	 * Hosts allowed only for the final GET of a file, as the target of a download's redirect (a CDN,
	 * signed storage): no cookie or header of the portal is sent there, nothing else may go there
	 * (a definition's `downloadDomains`). Origins, as allowedOrigins.
	 */
	downloadOrigins?: string[];
	/** Said after the run's own words when the run was stopped at its boundary (where to go from there). */
	boundaryHint?: string;
	/** Signs in through an identity provider (single sign-on): the credential may give that provider's address. */
	signsInWithIdentityProvider?: boolean;
	/**
	 * Which engine shows its pages (surface.ts): the browser unless it says (coded adapters
	 * may run on either; discovery needs the browser); definitions say, `auto` unless they choose.
	 */
	engine?: EngineChoice;
	/**
	 * The engine for a run given what the adapter learned before (the Automatic portal: the
	 * kept definition's engine, so that a later run may stay on plain HTTP); `engine` otherwise.
	 */
	engineFor?: (
		learned: unknown,
	) => { engine: EngineChoice; browserOnlyToSignIn?: boolean } | undefined;
	/**
	 * The browser is needed at most to sign in (a definition's documents.api lists and downloads
	 * from Node): a run does not start in the browser because the connection's last run used it;
	 * a saved session that still works is then used over plain HTTP.
	 */
	browserOnlyToSignIn?: boolean;
	/** Why it needs the browser, where its engine is `browser` (said when none can start). */
	browserBecause?: string;
	/** Bumped when the adapter changes, shown in debug output. */
	version: string;
	/** How long a code stays valid when the page does not say. */
	codeValiditySeconds: number;
	/** How long a saved session is tried before logging in anew. */
	sessionMaxAgeSeconds: number;
	/** Extra credential fields this portal needs besides user name and password. */
	fields?: PortalField[];
	/** Signs in with a link sent by e-mail (no password): the credential's password may be empty. */
	passwordless?: boolean;
	/** How its e-mails look, for reading codes and sign-in links from the user's mailbox. */
	mail?: { from?: string; codePattern?: string };
	/** A new adapter for one run; `learned` is what its last run kept (see PortalAdapter.learned). */
	createAdapter(learned?: unknown): PortalAdapter;
}
