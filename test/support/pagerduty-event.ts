/** A PagerDuty Events API v2 body as the stand-in received it (the fields the tests read). */
export interface PdEvent {
  routing_key: string;
  event_action: string;
  dedup_key: string;
  payload?: {
    summary: string;
    severity: string;
    source: string;
    class?: string;
    custom_details?: Record<string, string>;
  };
  links?: Array<{ href: string; text: string }>;
}
