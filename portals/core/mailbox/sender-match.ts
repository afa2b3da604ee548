import { hostAllowed } from '../contract/origins';
import { invalidInput } from '../outcomes/errors';
import type { MailRules } from './mailbox-settings';

/**
 * Whether a mail's sender is the portal: the address's domain is one of the portal's domains or
 * a subdomain of one (mail comes from "mail.example.com" or "example.com" for a portal served at
 * "example.com"), or it matches the definition's `mail.from`.
 *
 * The From header is what the sender says it is; nothing here proves it. What keeps a forged mail
 * harmless is the rest: only mails that arrived after the login started count, a code is only
 * typed into the portal's own page, and a link only opened inside the portal's domains.
 */
export function senderMatches(address: string | undefined, rules: MailRules): boolean {
	const sender = (address ?? '').trim().toLowerCase();
	const at = sender.lastIndexOf('@');
	if (at < 1 || at === sender.length - 1) return false;
	const domain = sender.slice(at + 1);
	if (hostAllowed(domain, rules.domains.flatMap(senderDomains))) return true;
	return rules.from !== undefined && rules.from !== '' && fromMatches(sender, domain, rules.from);
}

/**
 * A portal domain as a sender's domain: without its port, with every subdomain. A portal served
 * at "www.example.com" mails from "example.com" as often as not; "www" names a web server, not
 * another party, so it is dropped.
 */
function senderDomains(entry: string): string[] {
	const host = entry.split(':')[0].replace(/^\*\./, '').toLowerCase();
	const bare = host.replace(/^www\./, '');
	return [...new Set([host, bare])].map((d) => `*.${d}`);
}

function fromMatches(sender: string, domain: string, from: string): boolean {
	const regex = /^\/(.+)\/([a-z]*)$/s.exec(from.trim());
	if (regex) {
		try {
			// Without g and y, which would make test() remember where it stopped.
			return new RegExp(regex[1], regex[2].replace(/[gy]/g, '')).test(sender);
		} catch (error) {
			throw invalidInput(
				'mail.from',
				`is not a valid regular expression (${(error as Error).message})`,
			);
		}
	}
	const wanted = from.trim().toLowerCase();
	if (wanted.includes('@')) return sender === wanted;
	return hostAllowed(domain, [`*.${wanted.replace(/^\*\./, '').replace(/^@/, '')}`]);
}
