import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html: string;
	/** The link the message carries; logged (alone, without the address) when there is no SMTP server. */
	link?: string;
}

export interface Mailer {
	readonly kind: 'smtp' | 'outbox';
	send(message: MailMessage): Promise<void>;
	close(): void;
}

/** Only what the mailer may log: never addresses, subjects or bodies. */
export interface MailLog {
	info(obj: object, msg: string): void;
}

export interface MailerOptions {
	smtpUrl: string | undefined;
	dataDir: string;
	from: string;
	log: MailLog;
}

/** SMTP through nodemailer when SMTP_URL is set; otherwise .eml files in DATA_DIR/outbox/. */
export function createMailer(options: MailerOptions): Mailer {
	return options.smtpUrl ? new SmtpMailer(options.smtpUrl, options.from) : new OutboxMailer(options);
}

class SmtpMailer implements Mailer {
	readonly kind = 'smtp' as const;
	private readonly transport: Transporter;

	constructor(
		smtpUrl: string,
		private readonly from: string
	) {
		this.transport = nodemailer.createTransport(smtpUrl);
	}

	async send({ to, subject, text, html }: MailMessage): Promise<void> {
		await this.transport.sendMail({ from: this.from, to, subject, text, html });
	}

	close(): void {
		this.transport.close();
	}
}

/**
 * Without SMTP (a local `npm start`), messages are built exactly as they would be sent and written as
 * .eml files, and the link is printed in the server log so that the flow can be finished by hand.
 */
class OutboxMailer implements Mailer {
	readonly kind = 'outbox' as const;
	private readonly transport = nodemailer.createTransport({
		streamTransport: true,
		buffer: true,
		newline: 'unix'
	});
	private readonly dir: string;

	constructor(private readonly options: MailerOptions) {
		this.dir = path.join(options.dataDir, 'outbox');
	}

	async send({ to, subject, text, html, link }: MailMessage): Promise<void> {
		const info = await this.transport.sendMail({ from: this.options.from, to, subject, text, html });
		await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
		const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 16)}.eml`;
		await fs.writeFile(path.join(this.dir, name), info.message as Buffer, { mode: 0o600 });
		this.options.log.info({ outboxFile: name, link }, 'no SMTP_URL: e-mail written to the outbox');
	}

	close(): void {
		this.transport.close();
	}
}
