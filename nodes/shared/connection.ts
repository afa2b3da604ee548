import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import type { PortalCredentials } from '../../portals/core/contract/adapter';
import type { Connection } from '../../portals/core/run/connection-run';
import type { CaptchaSolverConfig } from '../../portals/core/login/captcha-solver';
import { invalidInput } from '../../portals/core/outcomes/errors';
import { customPortal } from '../../portals/definitions/catalogue';
import { CUSTOM_PORTAL, portalBySlug } from '../../portals/registry';

export const CREDENTIAL_TYPE = 'invoicePortalApi';

/** One portal login as configured in an n8n credential. */
export type PortalConnection = Connection;

const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));

export function connectionFromCredential(data: ICredentialDataDecryptedObject, ref: { id?: string | null; name?: string }): PortalConnection {
	const portal = text(data.portal) === CUSTOM_PORTAL ? customPortal(text(data.definition)) : portalBySlug(text(data.portal));
	const credentials: PortalCredentials = {
		username: text(data.username).trim(),
		password: text(data.password),
		authenticatorSecret: text(data.authenticatorSecret).trim() || undefined,
		identityProviderUrl: text(data.identityProviderUrl).trim() || undefined,
		extra: Object.fromEntries((portal.fields ?? []).map((f) => [f.name, text(data[f.name]).trim()])),
	};
	const user = createHash('sha256').update(credentials.username.toLowerCase()).digest('hex').slice(0, 16);
	return {
		portal,
		baseUrl: text(data.loginUrl).trim() || undefined,
		credentials,
		key: `${ref.id ?? ref.name ?? 'credential'}:${portal.slug}:${user}`,
		label: `${ref.name ?? 'Invoice Portal Account'} (${portal.name})`,
	};
}

export const SOLVER_CREDENTIAL_TYPE = 'invoicePortalCaptchaSolverApi';

interface CredentialSource {
	getNode(): INode;
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
}

/** The optional captcha solver credential of the node, when one is selected. */
export async function captchaSolverOf(ctx: CredentialSource, itemIndex?: number): Promise<CaptchaSolverConfig | undefined> {
	if (!ctx.getNode().credentials?.[SOLVER_CREDENTIAL_TYPE]) return undefined;
	const data = await ctx.getCredentials(SOLVER_CREDENTIAL_TYPE, itemIndex);
	const baseUrl = String(data.baseUrl ?? '').trim();
	if (!/^https?:\/\/[^/\s]+/.test(baseUrl)) throw invalidInput('captcha solver Base URL', `"${baseUrl}" is not a web address (http:// or https://).`);
	if (!String(data.apiKey ?? '').trim()) throw invalidInput('captcha solver API Key', 'is empty.');
	return { baseUrl, apiKey: String(data.apiKey).trim(), timeoutSeconds: Number(data.timeoutSeconds) || undefined };
}
