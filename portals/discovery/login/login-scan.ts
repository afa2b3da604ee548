/** What a sign-in page holds, as selectors a definition can use: what scanLoginPage reads. */
export interface LoginScan {
	url: string;
	/** The form with a visible password field (or, for a two-step login, only a user-name field). */
	form?: {
		username?: string;
		password?: string;
		submit?: string;
		/** Fields in the form besides these (for the report): "hidden csrf", "checkbox remember". */
		others: string[];
	};
	/** A one-time-code input: a single short field, no password field on the page. */
	code?: {
		input: string;
		submit?: string;
		prompt: string;
		promptSelector?: string;
		remember?: string;
		/** Named or marked as a sign-in code (one-time-code, otp ...), not just a short field. */
		strong: boolean;
	};
	/** A link or button that ends the session ("Log out"): the page is signed in. */
	logout?: { selector: string; text: string };
	/** Messages shown near the form (errors, notices), with their selectors. */
	messages: { selector: string; text: string }[];
	/** An image captcha: its input and image; or a token captcha's site key. */
	captcha?: { input?: string; image?: string; siteKey?: string };
	/** The page's visible text, shortened: for code-method and message words. */
	text: string;
	/** The page's visible links (the first 150): the signed-in page's new ones mark it. */
	links: { href: string; selector: string; text: string }[];
}
