import type { PortalCredentials, PortalDefinition } from '../contract/adapter';
import type { DocumentFilters } from '../contract/filters';
import type { ConnectionStatus } from '../contract/statuses';
import type { EngineName } from '../contract/surface';
import type { CollectOptions } from '../collection/pipeline';
import type { CaptchaSolverConfig } from '../login/captcha-solver';
import type { MailboxAnswering } from '../login/mailbox-answer';
import type { Clock } from '../timing/clock';

// What a portal run is given (portal-run.ts), apart from the run itself so that its steps
// (portal-run-context.ts, portal-run-steps.ts) can name it without importing the run.

export type RunMode = 'check' | 'list' | 'download';

/**
 * What the collection takes as the run's caller gave it (collection/pipeline.ts declares the
 * fields): how far to list, the newest only, what was delivered before, each file as it arrives.
 * One object, handed down as it is: the connection run adds what it knows (what was delivered
 * before, how far Only New lists), the portal run adds nothing, and collect() reads it.
 */
export type CollectRequest = Partial<
	Pick<
		CollectOptions,
		'listing' | 'newest' | 'isDelivered' | 'isDeliveredFile' | 'onDownloaded' | 'concurrency'
	>
>;

export interface RunOptions<TOperation = unknown> {
	portal: PortalDefinition;
	/** Overrides the portal's default URL (the credential's login URL). */
	baseUrl?: string;
	credentials: PortalCredentials;
	mode: RunMode;
	filters?: DocumentFilters;
	/** Encrypted session from an earlier run; tried before logging in. */
	savedSession?: string;
	/** Continue a login parked at a code prompt. */
	resume?: { token: string; code: string };
	/** The engine this connection's last run worked with (RunResult.engine): `auto` starts there. */
	engine?: EngineName;
	/** What the portal's adapter learned in this connection's last run (RunResult.learned). */
	learned?: unknown;
	/** Recorded in the resume token when the run stops at a challenge. */
	operation?: TOperation;
	onStatus?: (status: ConnectionStatus) => void;
	maxFileBytes?: number;
	/** A captcha-solving service for token captchas ("I'm not a robot"); without it they need a person. */
	captchaSolver?: CaptchaSolverConfig;
	/** The user's mailbox: e-mail codes and sign-in links are read from it (login/mailbox-answer.ts). */
	mailbox?: MailboxAnswering;
	signal?: AbortSignal;
	clock?: Clock;
	/** For the collection, handed to it unchanged. */
	collect?: CollectRequest;
}

/** The options a connection run (connection-run.ts) hands on to the portal run as its caller gave them. */
export type RunPassThrough = Pick<RunOptions, 'resume' | 'captchaSolver' | 'signal'> & {
	/** How far to list, the newest only, each file as it arrives (the rest the connection run knows). */
	collect?: Pick<CollectRequest, 'listing' | 'newest' | 'onDownloaded'>;
};
