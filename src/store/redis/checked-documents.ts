import { createHash } from 'node:crypto';

/** Incidents remembered at most (the oldest is forgotten first): a few dozen bytes each. */
const LIMIT = 50_000;

/** A digest of a document's text: what is remembered of it. */
const digest = (text: string): string => createHash('sha1').update(text).digest('base64');

/**
 * The incident documents this process knows good, by id: the last text it wrote or read and checked
 * for each incident. A document read back with exactly that text is parsed without being checked
 * again. Shared by the process's connections: a header the request path saved is read next by the
 * card sync on the background connection (during a storm, once per card update).
 */
export class CheckedDocuments {
  private readonly digests = new Map<string, string>();

  remember(id: string, doc: string): void {
    this.digests.delete(id);
    this.digests.set(id, digest(doc));
    if (this.digests.size > LIMIT) {
      const oldest = this.digests.keys().next().value;
      if (oldest !== undefined) this.digests.delete(oldest);
    }
  }

  isKnown(id: string, doc: string): boolean {
    const known = this.digests.get(id);
    return known !== undefined && known === digest(doc);
  }
}
