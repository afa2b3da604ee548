// The part of oidc-provider (ESM, untyped) that the demo identity provider uses.
declare module 'oidc-provider' {
	import type { IncomingMessage, ServerResponse } from 'node:http';

	export interface InteractionDetails {
		uid: string;
		prompt: {
			name: string;
			details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
		};
		params: { client_id: string; scope?: string };
		session?: { accountId?: string };
		grantId?: string;
	}

	export interface Grant {
		addOIDCScope(scope: string): void;
		addOIDCClaims(claims: string[]): void;
		save(): Promise<string>;
	}

	export class Provider {
		constructor(issuer: string, configuration: Record<string, unknown>);
		Grant: {
			new (init: { accountId: string; clientId: string }): Grant;
			find(id: string): Promise<Grant | undefined>;
		};
		callback(): (req: IncomingMessage, res: ServerResponse) => void;
		interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
		interactionFinished(
			req: IncomingMessage,
			res: ServerResponse,
			result: Record<string, unknown>,
			options?: { mergeWithLastSubmission?: boolean },
		): Promise<void>;
	}
}
