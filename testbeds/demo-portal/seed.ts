import { DateTime } from 'luxon';
import defaultSeedJson from './seed.json';

export type SecondFactor = 'totp' | 'sms' | 'email';
export type Interstitial = 'terms' | 'password' | 'payment';
export type DemoDocType = 'invoice' | 'credit_note' | 'reminder' | 'statement';

export interface SeedSubAccount {
	id: string;
	label: string;
	/** Its invoices are Factur-X hybrid PDFs: the XML inside says what the page says (factur-x.ts). */
	eInvoices?: boolean;
}

export interface SeedAccount {
	login: string;
	password: string;
	name: string;
	note?: string;
	secondFactor?: SecondFactor[];
	totpSecret?: string;
	phone?: string;
	interstitial?: Interstitial;
	/** Signs in with a link sent by e-mail only (its password is never accepted). */
	passwordless?: boolean;
	/** Failed logins after which the account is locked. */
	lockAfter?: number;
	/** Failed logins after which the login form asks for a captcha. */
	captchaAfter?: number;
	subAccounts: SeedSubAccount[];
	/** Overrides the generated documents per sub-account for this account. */
	documentsPerSubAccount?: number;
}

export interface DocumentPlan {
	seed: number;
	perSubAccount: number;
	/** Issue date of the newest document (YYYY-MM-DD). */
	latest: string;
	everyDays: number;
}

export interface DemoSeed {
	company: string;
	documents: DocumentPlan;
	accounts: SeedAccount[];
}

export interface DemoDocument {
	id: string;
	login: string;
	accountId: string;
	number: string;
	type: DemoDocType;
	issueDate: string;
	dueDate: string;
	amount: number;
	currency: string;
	title: string;
	paid: boolean;
}

export const defaultSeed: DemoSeed = defaultSeedJson as DemoSeed;

/** Small deterministic PRNG (mulberry32): the same seed gives the same documents everywhere. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

export const PREFIX: Record<DemoDocType, string> = {
	invoice: 'INV',
	credit_note: 'CN',
	reminder: 'REM',
	statement: 'ST',
};
const TITLE: Record<DemoDocType, string> = {
	invoice: 'Monthly invoice',
	credit_note: 'Credit note',
	reminder: 'Payment reminder',
	statement: 'Annual statement',
};

/**
 * Documents of one sub-account, newest first. Mostly monthly invoices; every 5th slot is a
 * credit note, every 7th a reminder, every 12th a statement, so that type filters have work.
 * Ids are stable: they depend only on the seed, the sub-account and the position.
 */
export function generateDocuments(
	plan: DocumentPlan,
	account: SeedAccount,
	sub: SeedSubAccount,
): DemoDocument[] {
	const count = account.documentsPerSubAccount ?? plan.perSubAccount;
	const rnd = random(plan.seed ^ hash(sub.id));
	const latest = DateTime.fromISO(plan.latest, { zone: 'utc' });
	const docs: DemoDocument[] = [];
	for (let i = 0; i < count; i++) {
		const issue = latest.minus({ days: i * plan.everyDays });
		const slot = count - i;
		const type: DemoDocType =
			slot % 12 === 0
				? 'statement'
				: slot % 7 === 0
					? 'reminder'
					: slot % 5 === 0
						? 'credit_note'
						: 'invoice';
		const amount = Math.round((15 + rnd() * 185) * 100) / 100;
		const serial = String(slot).padStart(4, '0');
		docs.push({
			id: `${(hash(sub.id) % 90000) + 10000}${serial}`,
			login: account.login,
			accountId: sub.id,
			number: `${PREFIX[type]}-${issue.year}-${sub.id.replace(/\D/g, '')}-${serial}`,
			type,
			issueDate: issue.toISODate()!,
			dueDate: issue.plus({ days: 14 }).toISODate()!,
			amount,
			currency: 'EUR',
			title: `${TITLE[type]} ${issue.toFormat('MMMM yyyy')}`,
			paid: i > 1,
		});
	}
	return docs;
}

export function allDocuments(seed: DemoSeed): DemoDocument[] {
	return seed.accounts.flatMap((account) =>
		account.subAccounts.flatMap((sub) => generateDocuments(seed.documents, account, sub)),
	);
}
