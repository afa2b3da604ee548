import { createTransport, type Transporter } from 'nodemailer';

/** Where the demo portal sends its e-mails: a real SMTP server (tests start Postfix on loopback). */
export interface DemoSmtp {
	host: string;
	port: number;
	/** Every e-mail goes to this address (the test mailbox) instead of the account's own. */
	to?: string;
}

/** The sender of the demo's e-mails: its own domain, as on a real portal. */
export const DEMO_MAIL_FROM = 'Demo Telecom <no-reply@demo-telecom.example>';

export interface DemoMail {
	to: string;
	subject: string;
	text: string;
	html: string;
}

/**
 * Sends the demo portal's codes and sign-in links as real e-mails over SMTP (plain, loopback:
 * the test server offers no TLS). Failures are kept, not thrown: a portal's mail going astray
 * does not break its login page, and tests can see why a mail never came.
 */
export class DemoMailer {
	private readonly transport: Transporter;
	readonly errors: string[] = [];
	/** Mails the SMTP server accepted so far. */
	accepted = 0;
	private pending = new Set<Promise<void>>();

	constructor(private readonly smtp: DemoSmtp) {
		this.transport = createTransport({
			host: smtp.host,
			port: smtp.port,
			secure: false,
			ignoreTLS: true,
		});
	}

	send(mail: DemoMail): void {
		const sent = this.transport
			.sendMail({ from: DEMO_MAIL_FROM, ...mail, to: this.smtp.to ?? mail.to })
			.then(
				() => {
					this.accepted += 1;
				},
				(error: Error) => {
					this.errors.push(error.message);
				},
			)
			.finally(() => this.pending.delete(sent));
		this.pending.add(sent);
	}

	/** Waits for mails still being handed to the server (tests, before they stop it). */
	async flush(): Promise<void> {
		await Promise.all([...this.pending]);
	}

	close(): void {
		this.transport.close();
	}
}
