import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { PortalCredentials } from '../../portals/core/contract/adapter';
import type { Connection } from '../../portals/core/run/connection-run';
import type { CaptchaSolverConfig } from '../../portals/core/login/captcha-solver';
import { invalidInput } from '../../portals/core/outcomes/errors';
import { customPortal } from '../../portals/definitions/catalogue';
import { CUSTOM_PORTAL, portalBySlug } from '../../portals/registry';
import { AUTOMATIC_PORTAL, automaticPortal } from '../../portals/discovery/automatic-portal';

export const CREDENTIAL_TYPE = 'invoicePortalApi';

/** One portal login as configured in an n8n credential. */
export type PortalConnection = Connection;

const text = (value: unknown) =>
	typeof value === 'string' ? value : value == null ? '' : String(value);

/**
 * The credential's portal. A credential saved while Custom was the default holds no portal and
 * reads as Automatic, with its definition kept and no Automatic Login URL (which a credential
 * saved as Automatic always has): it runs as Custom (credentials/saved-before-automatic.ts).
 */
export function portalOf(data: ICredentialDataDecryptedObject): string {
	const chosen = text(data.portal);
	const savedWithDefinition =
		chosen === AUTOMATIC_PORTAL &&
		text(data.definition).trim() !== '' &&
		text(data.automaticLoginUrl).trim() === '';
	return savedWithDefinition ? CUSTOM_PORTAL : chosen;
}

export function connectionFromCredential(
	data: ICredentialDataDecryptedObject,
	ref: { id?: string | null; name?: string },
): PortalConnection {
	const chosen = portalOf(data);
	const portal =
		chosen === CUSTOM_PORTAL
			? customPortal(text(data.definition))
			: chosen === AUTOMATIC_PORTAL
				? automaticPortal({
						loginUrl: text(data.automaticLoginUrl),
						documentsUrl: text(data.documentsUrl),
					})
				: portalBySlug(chosen);
	const credentials: PortalCredentials = {
		username: text(data.username).trim(),
		password: text(data.password),
		authenticatorSecret: text(data.authenticatorSecret).trim() || undefined,
		identityProviderUrl: text(data.identityProviderUrl).trim() || undefined,
		extra: Object.fromEntries(
			(portal.fields ?? []).map((f) => [f.name, text(data[f.name]).trim()]),
		),
	};
	const user = createHash('sha256')
		.update(credentials.username.toLowerCase())
		.digest('hex')
		.slice(0, 16);
	return {
		portal,
		// The Automatic portal takes its address from its own Login URL field.
		baseUrl: chosen === AUTOMATIC_PORTAL ? undefined : text(data.loginUrl).trim() || undefined,
		credentials,
		key: `${ref.id ?? ref.name ?? 'credential'}:${portal.slug}:${user}`,
		label: `${ref.name ?? 'Invoice Portal account'} (${portal.name})`,
		credentialId: ref.id ?? undefined,
	};
}

export const SOLVER_CREDENTIAL_TYPE = 'invoicePortalCaptchaSolverApi';

/** The node option that switches the solver credential on ('none' or 'solverService'). */
export const CAPTCHA_SOLVER_PARAMETER = 'captchaSolver';

interface CredentialSource {
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
}

/**
 * The captcha solver, when the node's Captcha Solver option asks for one (the caller reads the
 * option: action and trigger read parameters differently). Only then is the credential read: a
 * solver credential left on the node after switching to None stays unused.
 */
export async function captchaSolverOf(
	ctx: CredentialSource,
	option: unknown,
	itemIndex?: number,
): Promise<CaptchaSolverConfig | undefined> {
	if (option !== 'solverService') return undefined;
	const data = await ctx.getCredentials(SOLVER_CREDENTIAL_TYPE, itemIndex);
	const baseUrl = String(data.baseUrl ?? '').trim();
	if (!/^https?:\/\/[^/\s]+/.test(baseUrl))
		throw invalidInput(
			'captcha solver Base URL',
			`"${baseUrl}" is not a web address (http:// or https://).`,
		);
	if (!String(data.apiKey ?? '').trim()) throw invalidInput('captcha solver API Key', 'is empty.');
	return {
		baseUrl,
		apiKey: String(data.apiKey).trim(),
		timeoutSeconds: Number(data.timeoutSeconds) || undefined,
	};
}
