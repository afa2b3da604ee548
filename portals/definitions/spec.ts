import type { DocumentType } from '../core/contract/documents';
import type { ApiListSpec } from './api-spec';
import type { FileKind } from '../core/contract/file-kinds';

/** How to sign in, as a portal or identity-provider definition says (portal-definition.schema.json). */
export interface LoginSpec {
	/** Portals only: sign in through this identity-provider definition (its slug) instead of steps. */
	sso?: string;
	ssoButton?: string;
	/** Absent on a portal that signs in only through its identity provider. */
	steps?: LoginStep[];
	/** Portals only: how a page looks once logged in. */
	loggedIn?: Detect;
	errors?: { selector: string; wrongCredentials?: string[]; locked?: string[] };
	codePrompts?: CodePrompt[];
	interstitials?: {
		detect: Detect;
		reason:
			| 'TERMS_ACCEPTANCE_REQUIRED'
			| 'PASSWORD_CHANGE_REQUIRED'
			| 'PAYMENT_DETAILS_REQUIRED'
			| 'MAINTENANCE';
	}[];
	/** Pages of the sign-in itself passed with one button ("Continue to ...", "Stay signed in?"). */
	confirmations?: { detect: Detect; click: string }[];
	/**
	 * Portals only: a passwordless login. The steps ask for the e-mail address only, and the
	 * portal then shows this page and sends a sign-in link by e-mail (method `email_link`).
	 */
	signInLink?: SignInLinkSpec;
	/** Captchas on the sign-in form, as the coded adapters know them (definition-captcha.ts). */
	captcha?: CaptchaSpec;
}

export interface CaptchaSpec {
	/** An image whose characters a person types: shown to the user (action required), then sent with the form. */
	image?: { image: string; input: string; wrongCode?: string[] };
	/** A widget ("I'm not a robot"): answered by the configured solver before the form is sent. */
	widget?: {
		kind: 'recaptcha' | 'hcaptcha' | 'turnstile';
		/** The element whose data-sitekey names the widget's key (present only when it is shown). */
		siteKeyFrom: string;
		/** The hidden field the widget's script fills with its token (g-recaptcha-response ...). */
		tokenField: string;
	};
}

export interface SignInLinkSpec {
	/** The page saying the link was sent ("Check your inbox"). */
	detect: Detect;
	/** Words of the portal's error for a link that expired or was used (login.errors.selector shows it). */
	expired?: string[];
}

/** How the portal's e-mails look, for reading codes and sign-in links from the user's mailbox. */
export interface MailSpec {
	/** The sender: an address, a domain, or /a regular expression/ (default: the definition's domains). */
	from?: string;
	/** A regular expression for the code; its first group, or the whole match, is the code. */
	codePattern?: string;
}

export interface LoginStep {
	fields: { selector: string; value: 'username' | 'password' }[];
	submit: string;
}

interface Common {
	name: string;
	slug: string;
	version: number;
	unverified?: boolean;
	domains: string[];
	/**
	 * Hosts allowed only for the final GET of a file, as the target of its download's redirect (a
	 * CDN, signed storage): no cookie or header of the portal is ever sent there.
	 */
	downloadDomains?: string[];
	/** Plain HTTP, the browser, or HTTP until a page needs scripts (the default). */
	engine?: 'auto' | 'http' | 'browser';
}

/** A portal definition as written in JSON (portal-definition.schema.json describes every field). */
export interface DefinitionSpec extends Common {
	identityProvider?: false;
	loginUrl: string;
	codeValiditySeconds?: number;
	sessionMaxAgeSeconds?: number;
	mail?: MailSpec;
	login: LoginSpec & { loggedIn: Detect };
	/** Hosts allowed only for a file's final GET (a redirect target); no portal cookie or header goes there. */
	downloadDomains?: string[];
	/**
	 * The HTML parts (url, rows, fields, id, download, …), or `api` for a portal that is an app. With
	 * `api` the HTML parts are absent: code that reads them checks `documents.api` first.
	 */
	documents: {
		api?: ApiListSpec;
		url?: string;
		clicks?: string[];
		accounts?: AccountsSpec;
		rows: string;
		/** An element the documents page shows even when it lists nothing (the table itself). */
		list?: string;
		fields: Partial<Record<FieldName, FieldSpec>> & { number: FieldSpec; issueDate: FieldSpec };
		id: { field?: FieldSpec; compose?: FieldName[] };
		pagination?: {
			next?: string;
			loadMore?: string;
			pageParam?: string;
			infiniteScroll?: boolean;
			maxPages?: number;
		};
		/** The kinds of file the documents may be (file-kinds.ts); PDF alone when unset. */
		accepts?: FileKind[];
		/** `print`: no file, the invoice is a page the browser prints to PDF (print.ts). */
		download: {
			link?: FieldSpec;
			click?: string;
			detail?: DetailSpec;
			print?: { open: FieldSpec };
		};
	};
}

/**
 * The file's address one level down (docs/adding-a-portal.md "One level down"): on the page the
 * row links to (`open`), or in a popover or menu the row's button draws (`press`); `link` is where
 * the address is there. Read only for the documents a run delivers.
 */
export interface DetailSpec {
	open?: FieldSpec;
	press?: string;
	link: FieldSpec;
}

/** An identity provider (single sign-on) in the same format: its sign-in pages, no documents. */
export interface IdentityProviderSpec extends Common {
	identityProvider: true;
	loginUrl?: string;
	login: Omit<LoginSpec, 'sso' | 'ssoButton' | 'loggedIn' | 'signInLink'> & { steps: LoginStep[] };
}

export type AnySpec = DefinitionSpec | IdentityProviderSpec;

export type FieldName =
	| 'number'
	| 'issueDate'
	| 'dueDate'
	| 'amount'
	| 'currency'
	| 'type'
	| 'title'
	| 'accountId';

export interface Detect {
	selector?: string;
	text?: string;
	urlContains?: string;
}

export interface CodePrompt {
	method: 'authenticator_app' | 'sms' | 'email';
	detect: Detect;
	input: string;
	submit: string;
	rememberDevice?: string;
	wrongCode?: string[];
	/** Words that mean the code given has expired (CODE_EXPIRED: a new code is needed), checked before wrongCode. */
	expiredCode?: string[];
}

export interface FieldSpec {
	selector?: string;
	attribute?: string;
	regex?: string;
	value?: string;
	date?: string;
	locale?: string;
	amount?: boolean;
	map?: Record<string, DocumentType>;
}

/**
 * Where an account's id comes from, for sub-accounts given as links or buttons: one of a query
 * parameter or a path part (1-based, negative from the end) of the link's address, an attribute,
 * or a pattern on the text (its first group, else the whole match). Without one: the whole text.
 */
export interface AccountIdRule {
	param?: string;
	pathPart?: number;
	attribute?: string;
	pattern?: string;
}

/**
 * A definition's sub-accounts: a <select> on the documents page; links, each leading to that
 * account's list (directly, or by switching it in the session and showing the list); or buttons
 * a script uses to swap the list in the page (the browser only). Links and buttons are read on
 * `page` where given (a selection page), else on the documents page.
 */
export type AccountsSpec =
	| { select: string }
	| { links: string; page?: string; id?: AccountIdRule }
	| { buttons: string; page?: string; id?: AccountIdRule };
