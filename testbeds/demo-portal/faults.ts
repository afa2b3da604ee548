/** Faults a test can switch on: the ways real portals fail. */
export interface Faults {
	/** The next this many requests (any page or file) answer HTTP 500. */
	serverErrors?: number;
	/** Every answer comes this many milliseconds later. */
	slowMs?: number;
	/** Every request answers 429 "too many requests" with this Retry-After (seconds). */
	rateLimitSeconds?: number;
	/** Signed-in requests left before the portal ends every session (as after a server restart). */
	sessionRequestsLeft?: number;
	/** Document numbers whose download answers HTTP 500. */
	failingDownloads?: string[];
	/** Document numbers whose download connection is cut off halfway. */
	resetDownloads?: string[];
	/** Document numbers whose PDF arrives cut short (HTTP says all is well). */
	truncatedDownloads?: string[];
	/** Codes sent by SMS or e-mail expire after this many milliseconds. */
	codeTtlMs?: number;
	/** The overview page after login sends the browser to this address on another site. */
	offsiteRedirect?: string;
	/** Document numbers whose download answers with an HTML page instead of the PDF. */
	htmlDownloads: string[];
	/** The documents table carries another id, as after a portal redesign. */
	renamedTable?: boolean;
	/** Every page answers 503 with a maintenance notice. */
	maintenance?: boolean;
	/** Export buttons have no form: only clicking them downloads (the browser download path). */
	scriptedExports?: boolean;
	/** The login form carries an "I'm not a robot" token captcha (reCAPTCHA-like), for everyone. */
	tokenCaptcha?: boolean;
	/** Sign-in links in e-mails point to this origin instead of the portal's (a phishing-like mail). */
	signInLinkOrigin?: string;
	/**
	 * The login form's POST is answered with this redirect (a hostile portal): with 307 or 308 a
	 * browser repeats the POST, password included, at the new address.
	 */
	loginRedirect?: { status: 302 | 303 | 307 | 308; to: string };
	/** A wrong password's error quotes the password that was typed, as some portals do. */
	echoPassword?: boolean;
	/** Requests to these paths are accepted and never answered (until the portal stops). */
	stalledPaths?: string[];
	/** The documents list pages carry this many bytes of padding (a page too large to read). */
	listPaddingBytes?: number;
	/**
	 * Document numbers whose download is a web page dressed as a PDF: served as application/pdf,
	 * with `%PDF-1.7` in its title and `%%EOF` in a comment.
	 */
	disguisedDownloads?: string[];
	/** The contracts selection page (/contracts/) also lists a contract whose link leads here (another site). */
	offsiteAccountLink?: string;
	/** Document numbers whose download redirects to the portal under its other name (localhost). */
	offsiteDownloads?: string[];
}
