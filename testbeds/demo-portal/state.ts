import { randomBytes, randomInt } from 'node:crypto';
import { createGuardrails, verifySync } from 'otplib';
import type { DemoDocument, DemoSeed, SecondFactor, SeedAccount } from './seed';
import { allDocuments, PREFIX } from './seed';
import { codeMail, linkMail } from './mails';
import type { DemoMailer } from './mailer';
import type { Faults } from './faults';

// The demo's authenticator secrets are short test values; otplib's default guardrails refuse them.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 5 });

export interface Session {
	id: string;
	csrf: string;
	createdAt: number;
	lastSeen: number;
	/** Set once the password was accepted. */
	login?: string;
	/** Second factors still to pass, in order. */
	pendingFactors: SecondFactor[];
	code?: { value: string; issuedAt: number };
	/** Wrong codes for the current factor; too many end the login. */
	codeTries?: number;
	captcha?: string;
	/** The login a captcha was demanded for. */
	captchaFor?: string;
	activeAccount?: string;
	/** A single sign-on under way: what the identity provider must send back. */
	sso?: { state: string; nonce: string; verifier: string };
}

/** The identity provider the portal trusts for "Sign in with SSO" (an OpenID Connect client registration). */
export interface SsoTrust {
	issuer: string;
	clientId: string;
	clientSecret: string;
}

export interface OutboxMessage {
	at: string;
	channel: 'sms' | 'email';
	to: string;
	login: string;
	code: string;
	text: string;
	/** A sign-in link (passwordless accounts); `code` is then its token. */
	link?: string;
}

export interface Violation {
	at: string;
	action: string;
	login?: string;
	path: string;
}

export interface DemoOptions {
	sessionTtlSeconds: number;
	codeTtlSeconds: number;
	pageSize: number;
	/** Pads PDFs to about this size (benchmarks). */
	pdfBytes: number;
	/** With pdfBytes: each document gets its own size between pdfBytes and this (stable per document). */
	pdfBytesMax: number;
	/** Every answer waits this long first, so that timings resemble a site across the internet. */
	latencyMs: number;
	/**
	 * Authenticator codes this many seconds off are still accepted (0: only the current window).
	 * Many real portals allow one step of clock drift; the benchmark does, so that a contender
	 * slowed down by twenty browsers on two cores is measured, not failed.
	 */
	totpToleranceSeconds?: number;
}

/** Everything the demo portal knows; in memory, reset by restarting or /__admin/reset. */
export class DemoState {
	sessions = new Map<string, Session>();
	failedLogins = new Map<string, number>();
	/** Accepted password submissions per login: tests use it to prove a login was skipped. */
	passwordLogins = new Map<string, number>();
	/**
	 * The most sessions of one login that had requests under way at the same moment: a real
	 * portal sees two logins at once as a second device (and may lock the account). The queue
	 * tier proves with it that workers never run one connection twice at a time.
	 */
	sessionsAtOnce = new Map<string, number>();
	/** Documents sent whole, per login: a test stops a worker in the middle of a download by it. */
	filesServed = new Map<string, number>();
	/** Requests under way per session id (only sessions with some). */
	private readonly inFlight = new Map<string, number>();
	/** Every login form submitted for a known login, whatever the outcome (locked accounts too). */
	loginAttempts = new Map<string, number>();
	/** Every page of the documents list served: tests use it to prove a listing stopped early. */
	listPagesServed: { login: string; accountId: string; page: number; navigation: boolean }[] = [];
	/** Every Host header seen: proves a blocked redirect never arrived. */
	hostsSeen = new Set<string>();
	/** Every request that was not a GET or HEAD ("POST /login"): proves what a robot submitted. */
	formsReceived: string[] = [];
	outbox: OutboxMessage[] = [];
	violations: Violation[] = [];
	faults: Faults = { htmlDownloads: [] };
	documents: DemoDocument[];
	/** Factur-X PDFs by document id, for the sub-accounts with `eInvoices` (factur-x.ts). */
	hybridPdfs = new Map<string, Buffer>();
	/** Every secret this portal issued or was sent (session ids, CSRF tokens, codes, passwords typed). */
	private readonly secretsSeen = new Set<string>();
	/** Set by trustIdentityProvider: the login page then offers "Sign in with SSO". */
	sso?: SsoTrust;
	/** Sign-ins completed through the identity provider, per login. */
	ssoLogins = new Map<string, number>();
	/** Tokens the captcha service issued and no login has used yet. */
	captchaTokens = new Set<string>();
	/** Sign-in links sent to passwordless accounts, by token: each works once, for the code lifetime. */
	signInLinks = new Map<string, { login: string; issuedAt: number; used: boolean }>();
	/** Set when the portal sends real e-mails (tests with a mail server): codes and links go out by SMTP too. */
	mailer?: DemoMailer;

	constructor(
		readonly seed: DemoSeed,
		readonly options: DemoOptions,
	) {
		this.documents = allDocuments(seed);
	}

	trustIdentityProvider(trust: SsoTrust): void {
		this.sso = trust;
		this.remember(trust.clientSecret);
	}

	account(login: string | undefined): SeedAccount | undefined {
		return login
			? this.seed.accounts.find((a) => a.login.toLowerCase() === login.toLowerCase())
			: undefined;
	}

	newSession(): Session {
		const now = Date.now();
		const session: Session = {
			id: randomBytes(18).toString('base64url'),
			csrf: randomBytes(18).toString('base64url'),
			createdAt: now,
			lastSeen: now,
			pendingFactors: [],
		};
		this.sessions.set(session.id, session);
		this.remember(session.id, session.csrf);
		return session;
	}

	/** A live session or undefined; sessions idle longer than the TTL are gone, as on real portals. */
	/** A request of this session began (true) or ended (false). */
	requestUnderWay(session: Session, begins: boolean): void {
		const count = (this.inFlight.get(session.id) ?? 0) + (begins ? 1 : 0);
		this.inFlight.set(session.id, count);
		// Counted at both ends: a login request knows its login only once it was answered.
		this.noteSessionsAtOnce(session.login);
		if (begins) return;
		if (count > 1) this.inFlight.set(session.id, count - 1);
		else this.inFlight.delete(session.id);
	}

	private noteSessionsAtOnce(login: string | undefined): void {
		if (!login) return;
		let busy = 0;
		for (const id of this.inFlight.keys()) if (this.sessions.get(id)?.login === login) busy++;
		if (busy > (this.sessionsAtOnce.get(login) ?? 0)) this.sessionsAtOnce.set(login, busy);
	}

	session(id: string | undefined): Session | undefined {
		const session = id ? this.sessions.get(id) : undefined;
		if (!session) return undefined;
		if (Date.now() - session.lastSeen > this.options.sessionTtlSeconds * 1000) {
			this.sessions.delete(session.id);
			return undefined;
		}
		session.lastSeen = Date.now();
		return session;
	}

	/** Sessions of one login that are fully signed in (no pending factors). */
	isSignedIn(session: Session | undefined): session is Session & { login: string } {
		return !!session?.login && session.pendingFactors.length === 0;
	}

	sendCode(session: Session, channel: 'sms' | 'email'): void {
		const account = this.account(session.login)!;
		const value = String(randomInt(0, 1_000_000)).padStart(6, '0');
		session.code = { value, issuedAt: Date.now() };
		this.remember(value);
		const to = channel === 'sms' ? (account.phone ?? '+31 6 0000 0000') : account.login;
		const text = `${this.seed.company}: your verification code is ${value}. It is valid for ${Math.round(this.options.codeTtlSeconds / 60)} minutes.`;
		if (channel === 'email')
			this.mailer?.send(codeMail(this.seed.company, account, value, this.mailReference()));
		this.outbox.push({
			at: new Date().toISOString(),
			channel,
			to,
			login: account.login,
			code: value,
			text,
		});
	}

	/**
	 * A reference printed in each e-mail's body, kept as a secret: the secret scan then finds any
	 * mail body that leaks into what the package outputs, not only its code.
	 */
	private mailReference(): string {
		const reference = randomBytes(6).toString('hex').toUpperCase();
		this.remember(reference);
		return reference;
	}

	/** A passwordless account asked to sign in: a one-time link goes out by e-mail. */
	sendSignInLink(account: SeedAccount, origin: string): void {
		const token = randomBytes(24).toString('base64url');
		this.signInLinks.set(token, { login: account.login, issuedAt: Date.now(), used: false });
		this.remember(token);
		const link = `${origin}/login/link/${token}`;
		this.mailer?.send(linkMail(this.seed.company, account, link, this.mailReference()));
		this.outbox.push({
			at: new Date().toISOString(),
			channel: 'email',
			to: account.login,
			login: account.login,
			code: token,
			link,
			text: `${this.seed.company}: your sign-in link`,
		});
	}

	/** The login a sign-in link signs in, once, while it is fresh; undefined when spent or unknown. */
	redeemSignInLink(token: string): string | undefined {
		const entry = this.signInLinks.get(token);
		const ttl = this.faults.codeTtlMs ?? this.options.codeTtlSeconds * 1000;
		if (!entry || entry.used || Date.now() - entry.issuedAt > ttl) return undefined;
		entry.used = true;
		return entry.login;
	}

	remember(...values: (string | undefined)[]): void {
		for (const value of values) if (value) this.secretsSeen.add(value);
	}

	/**
	 * Everything that must never appear in what the package outputs or logs: the accounts'
	 * passwords and authenticator secrets, and every session id, CSRF token, code and password
	 * this portal issued or received. The suite's secret scan searches for these.
	 */
	secrets(): string[] {
		const seeded = this.seed.accounts.flatMap((a) => [a.password, a.totpSecret ?? '']);
		return [...new Set([...seeded, ...this.secretsSeen])].filter(Boolean);
	}

	/**
	 * A login form was sent for this user name: counts the attempt and says whether the account
	 * is locked. The same rules on every layout of the demo portal.
	 */
	startAttempt(login: string): { account?: SeedAccount; locked: boolean } {
		const account = this.account(login);
		if (!account) return { locked: false };
		this.loginAttempts.set(account.login, (this.loginAttempts.get(account.login) ?? 0) + 1);
		return {
			account,
			locked:
				!!account.lockAfter && (this.failedLogins.get(account.login) ?? 0) >= account.lockAfter,
		};
	}

	/** Checks the password: a failure is counted (and may lock the account), a success clears the count. */
	checkPassword(
		account: SeedAccount | undefined,
		password: string | undefined,
	): 'ok' | 'wrong' | 'locked' {
		// A passwordless account has no password that works: it signs in with links only.
		if (!account || account.passwordless || password !== account.password) {
			if (!account) return 'wrong';
			const failures = (this.failedLogins.get(account.login) ?? 0) + 1;
			this.failedLogins.set(account.login, failures);
			return account.lockAfter && failures >= account.lockAfter ? 'locked' : 'wrong';
		}
		this.failedLogins.delete(account.login);
		this.passwordLogins.set(account.login, (this.passwordLogins.get(account.login) ?? 0) + 1);
		return 'ok';
	}

	/**
	 * After the password: a new session (a new id, against session fixation, as real portals do)
	 * with the account's second factors still to pass; an SMS or e-mail code goes out at once.
	 * `factors` narrows them for a layout that knows fewer methods.
	 */
	signIn(
		old: Session,
		account: SeedAccount,
		factors: SecondFactor[] = account.secondFactor ?? [],
	): Session {
		this.sessions.delete(old.id);
		const session = this.newSession();
		session.login = account.login;
		session.pendingFactors = [...factors];
		session.activeAccount = account.subAccounts[0]?.id;
		this.startFactor(session);
		return session;
	}

	/** Sends the code of the session's next factor when it is one that is sent (SMS, e-mail). */
	startFactor(session: Session): void {
		const factor = session.pendingFactors[0];
		if (factor === 'sms' || factor === 'email') this.sendCode(session, factor);
	}

	/** Whether a code answers the session's next factor: an authenticator code, or the code sent. */
	codeMatches(session: Session, code: string): boolean {
		const account = this.account(session.login);
		if (!account) return false;
		if (session.pendingFactors[0] === 'totp')
			return (
				/^\d{6}$/.test(code) &&
				verifySync({
					secret: account.totpSecret!,
					token: code,
					epochTolerance: this.options.totpToleranceSeconds ?? 0,
					guardrails,
				}).valid
			);
		return !!session.code && code === session.code.value;
	}

	recordViolation(action: string, path: string, session?: Session): void {
		this.violations.push({ at: new Date().toISOString(), action, login: session?.login, path });
	}

	/**
	 * Publishes a new document for a sub-account, as a portal does when a new month is billed.
	 * Its number and id continue the sub-account's series.
	 */
	addDocument(
		login: string,
		accountId: string,
		issueDate: string,
		type: DemoDocument['type'] = 'invoice',
	): DemoDocument {
		const siblings = this.documentsOf(login, accountId);
		if (!siblings.length) throw new Error(`no sub-account ${accountId} for ${login}`);
		const serial = String(
			Math.max(...siblings.map((d) => Number(d.number.slice(-4)))) + 1,
		).padStart(4, '0');
		const template = siblings[0];
		const doc: DemoDocument = {
			...template,
			id: `${template.id.slice(0, -4)}${serial}`,
			number: `${PREFIX[type]}-${issueDate.slice(0, 4)}-${accountId.replace(/\D/g, '')}-${serial}`,
			type,
			issueDate,
			dueDate: issueDate,
			title: `New document ${issueDate}`,
			paid: false,
		};
		this.documents.push(doc);
		return doc;
	}

	documentsOf(login: string, accountId: string): DemoDocument[] {
		return this.documents.filter((d) => d.login === login && d.accountId === accountId);
	}
}
