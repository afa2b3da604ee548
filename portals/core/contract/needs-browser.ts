/**
 * Thrown by the HTTP engine when a page needs scripts to show what the definition asks for (the
 * selector is missing from the server's HTML and the page has scripts), or a step works only
 * in a browser (a "load more" button, a button without a form). In `auto`, the run moves to the
 * browser there; with `"engine": "http"` it becomes LAYOUT_CHANGED saying so.
 */
export class NeedsBrowser extends Error {
	constructor(
		/** Why, for the run's report: "documents.rows (table tr) is not in the server's HTML and the page has scripts". */
		readonly why: string,
		/**
		 * The HTTP engine already sent the step (a form was submitted and its answer needs
		 * scripts): the browser opens the page the answer is on and waits there, never sending the
		 * step twice. Otherwise the browser carries out the same step again.
		 */
		readonly sent = false,
	) {
		super(why);
		this.name = 'NeedsBrowser';
	}
}
