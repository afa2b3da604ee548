import type { ConnectionStatus } from './statuses';

/**
 * What every reason of the closed vocabulary knows about itself. Named fields, so that a row of
 * the table reads as what it means.
 */
export interface ReasonInfo {
	/** The status the user sees. */
	status: ConnectionStatus;
	/** A later run may simply try again (the trigger backs off and does). */
	retryable: boolean;
	/** Scheduled runs stop until the user changes something: never retry a rejected login, it locks accounts. */
	pausesSchedule: boolean;
	/** About this installation or the input, not the portal: thrown to the caller, not reported as a status. */
	setup?: boolean;
	/** A screenshot and the redacted page go with the report: someone has to look at the page. */
	debugPicture?: boolean;
	title: string;
	remedy: string;
}
