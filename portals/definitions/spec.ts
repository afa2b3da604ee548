import type { DocumentType } from '../core/documents';

/** A portal definition as written in JSON (portal-definition.schema.json describes every field). */
export interface DefinitionSpec {
	name: string;
	slug: string;
	version: number;
	unverified?: boolean;
	domains: string[];
	loginUrl: string;
	codeValiditySeconds?: number;
	sessionMaxAgeSeconds?: number;
	login: {
		sso?: string;
		ssoButton?: string;
		steps: { fields: { selector: string; value: 'username' | 'password' }[]; submit: string }[];
		loggedIn: Detect;
		errors?: { selector: string; wrongCredentials?: string[]; locked?: string[] };
		codePrompts?: CodePrompt[];
		interstitials?: { detect: Detect; reason: 'TERMS_ACCEPTANCE_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED' | 'PAYMENT_DETAILS_REQUIRED' | 'MAINTENANCE' }[];
	};
	documents: {
		url?: string;
		clicks?: string[];
		accounts?: { select: string };
		rows: string;
		fields: Partial<Record<FieldName, FieldSpec>> & { number: FieldSpec; issueDate: FieldSpec };
		id: { field?: FieldSpec; compose?: FieldName[] };
		pagination?: { next?: string; loadMore?: string; pageParam?: string; infiniteScroll?: boolean; maxPages?: number };
		download: { link?: FieldSpec; click?: string };
	};
}

export type FieldName = 'number' | 'issueDate' | 'dueDate' | 'amount' | 'currency' | 'type' | 'title' | 'accountId';

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
