/**
 * The user's own mailbox, from which codes and sign-in links a portal sends by e-mail are read
 * (issue 18). Only IMAP with a user name and password: that is what every provider offers
 * (Gmail and Outlook with an app password), and all a test bed needs.
 */
export interface MailboxSettings {
	host: string;
	port: number;
	/** TLS from the first byte (IMAPS, usually port 993); otherwise STARTTLS when the server offers it. */
	secure: boolean;
	user: string;
	password: string;
	/** Accept a self-signed or otherwise unverifiable certificate (a home server). Off by default. */
	allowUnauthorizedCerts?: boolean;
	/**
	 * Mark the message the code or link came from as read. Off by default: the mailbox is opened
	 * read-only, so nothing about it changes unless the user asked for this one flag.
	 */
	markAsRead?: boolean;
	/** How long to wait for the mail, in seconds (default 180). */
	timeoutSeconds?: number;
}

export const DEFAULT_MAIL_TIMEOUT_SECONDS = 180;

/** What tells a portal's mail from any other: its definition's `domains` and `mail` block. */
export interface MailRules {
	/**
	 * The portal's domains as its definition lists them ("example.com", "*.example.com",
	 * "127.0.0.1:3300"): senders from these domains (or their subdomains) count, and sign-in
	 * links must point into them.
	 */
	domains: string[];
	/**
	 * The definition's `mail.from`, for portals that mail from another domain than they serve:
	 * an address ("noreply@mailer.example.net"), a domain ("mailer.example.net", subdomains
	 * included) or a regular expression between slashes ("/@(alerts|noreply)\\.example\\.net$/i")
	 * tested against the sender's address.
	 */
	from?: string;
	/**
	 * The definition's `mail.codePattern`: a regular expression whose first group (or, without
	 * groups, whole match) is the code. When given, it alone decides; the built-in guess is not used.
	 */
	codePattern?: string;
}

/** What a run waits for: a code to type in, or a link that signs in ("magic link"). */
export type MailKind = 'code' | 'link';
