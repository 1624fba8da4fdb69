import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

export interface Email {
  to: string[];
  subject: string;
  text: string;
}

export interface EmailResult {
  ok: boolean;
  detail: string;
}

export interface EmailOptions {
  /** e.g. smtp://user:pass@smtp.jmd.example:587; undefined: emails are not sent (shown as skipped). */
  smtpUrl: string | undefined;
  from: string;
  retryDelaysMs: number[];
  /** The local sandbox keeps emails to show them instead of sending them. */
  capture?: (email: Email) => void;
}

/** Email over SMTP with nodemailer; retries, never throws. */
export class EmailSender {
  private readonly transport: Transporter | undefined;

  constructor(private readonly options: EmailOptions) {
    this.transport = options.smtpUrl === undefined ? undefined : nodemailer.createTransport(options.smtpUrl);
  }

  get configured(): boolean {
    return this.transport !== undefined || this.options.capture !== undefined;
  }

  async send(email: Email): Promise<EmailResult> {
    if (this.options.capture !== undefined) {
      this.options.capture(email);
      return { ok: true, detail: 'shown in the sandbox (not sent)' };
    }
    if (this.transport === undefined) return { ok: false, detail: 'SMTP_URL is not set' };
    let detail = '';
    for (let attempt = 0; attempt <= this.options.retryDelaysMs.length; attempt += 1) {
      try {
        const info = (await this.transport.sendMail({
          from: this.options.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
        })) as { messageId?: string };
        return { ok: true, detail: info.messageId ?? 'sent' };
      } catch (error) {
        detail = (error as Error).message;
        const wait = this.options.retryDelaysMs[attempt];
        if (wait !== undefined) await new Promise((r) => setTimeout(r, wait));
      }
    }
    return { ok: false, detail };
  }

  close(): void {
    this.transport?.close();
  }
}
