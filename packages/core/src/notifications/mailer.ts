import { createTransport, type Transporter } from 'nodemailer';
import type { MailSettings } from '../config/mail.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends through the configured SMTP server; one transport per job run, closed after it. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export function smtpMailer(settings: MailSettings): Mailer {
  const transport: Transporter = 'url' in settings.smtp ? createTransport(settings.smtp.url) : createTransport(settings.smtp);
  return {
    async send(email) {
      await transport.sendMail({ from: settings.from, ...email });
    },
    close: () => transport.close(),
  };
}
