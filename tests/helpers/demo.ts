import {
	startDemoPortal,
	type DemoPortal,
	type DemoPortalOptions,
} from '../../testbeds/demo-portal';
import { defaultSeed, type SeedAccount } from '../../testbeds/demo-portal/seed';
import { join } from 'node:path';
import type { PortalCredentials } from '../../portals/core/contract/adapter';

const started: DemoPortal[] = [];

/** A demo portal on 127.0.0.1 with a random port; closed and checked after the test file. */
export async function startDemo(options: DemoPortalOptions = {}): Promise<DemoPortal> {
	const portal = await startDemoPortal(options);
	started.push(portal);
	return portal;
}

export function takeStartedPortals(): DemoPortal[] {
	return started.splice(0, started.length);
}

export function account(login: string): SeedAccount {
	const found = defaultSeed.accounts.find((a) => a.login === login);
	if (!found) throw new Error(`no demo account ${login}`);
	return found;
}

export function credentials(
	login: string,
	overrides: Partial<PortalCredentials> = {},
): PortalCredentials {
	const a = account(login);
	return {
		username: a.login,
		password: a.password,
		authenticatorSecret: a.totpSecret,
		...overrides,
	};
}

/** The newest code the demo portal "sent" to this login. */
export function latestCode(portal: DemoPortal, login: string): string {
	const message = [...portal.state.outbox].reverse().find((m) => m.login === login);
	if (!message) throw new Error(`no code was sent to ${login}`);
	return message.code;
}

/** What a user checks of a listed document: number, sub-account, date, amount and type. */
export interface Comparable {
	number: string;
	accountId: string;
	issueDate: string;
	amount?: number;
	type: string;
}

/** Documents as comparable records, sorted by number (the portal's and the run's orders differ). */
export function comparable(docs: Comparable[]): Comparable[] {
	return docs
		.map(({ number, accountId, issueDate, amount, type }) => ({
			number,
			accountId,
			issueDate,
			amount,
			type,
		}))
		.sort((a, b) => a.number.localeCompare(b.number));
}

/** The demo portal's own documents of a login (those `keep` accepts), as comparable records. */
export function seededDocuments(
	portal: DemoPortal,
	login: string,
	keep: (d: DemoPortal['state']['documents'][number]) => boolean = () => true,
): Comparable[] {
	return comparable(portal.state.documents.filter((d) => d.login === login && keep(d)));
}

/** The file of one of the demo portal's definitions (portals/definitions/demo/<slug>.json). */
export function demoDefinitionFile(slug: string): string {
	return join(__dirname, '..', '..', 'portals', 'definitions', 'demo', `${slug}.json`);
}
