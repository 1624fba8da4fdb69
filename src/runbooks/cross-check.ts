import { templateVariables } from './template';
import type { RunbookProblem } from './loader';
import type { Contacts, Platform, Runbook, Slo } from './schema';

const TEMPLATE_NAMESPACES = new Set(['labels', 'annotations', 'incident', 'urls']);

/** Checks what one file cannot check alone: references between runbooks, contacts, SLOs and platform URLs. */
export function crossCheck(
  runbooks: Array<{ file: string; runbook: Runbook }>,
  contacts: Contacts,
  slo: Slo,
  platform: Platform,
): RunbookProblem[] {
  const problems: RunbookProblem[] = [];
  const roles = Object.keys(contacts.roles);
  const seenIds = new Map<string, string>();
  const seenAlertnames = new Map<string, string>();

  for (const { file, runbook } of runbooks) {
    const problem = (path: string, message: string) => problems.push({ file, path, message });
    const expectedName = `${runbook.id}.yml`;
    if (file !== expectedName && file !== `${runbook.id}.yaml`) {
      problem('id', `"${runbook.id}" does not match the file name (expected ${expectedName})`);
    }
    const other = seenIds.get(runbook.id);
    if (other !== undefined) problem('id', `"${runbook.id}" is already the id of ${other}`);
    seenIds.set(runbook.id, file);
    runbook.trigger.alertnames.forEach((name, i) => {
      const owner = seenAlertnames.get(name);
      if (owner !== undefined) problem(`trigger.alertnames[${i}]`, `"${name}" already maps to ${owner}`);
      seenAlertnames.set(name, runbook.id);
    });

    const checkRole = (path: string, role: string) => {
      if (!roles.includes(role))
        problem(path, `unknown role "${role}" (contacts.yml has: ${roles.join(', ')})`);
    };
    runbook.channels.email.forEach((role, i) => checkRole(`channels.email[${i}]`, role));
    if (runbook.channels.pagerduty) checkRole('channels.pagerduty.role', runbook.channels.pagerduty.role);
    runbook.mitigations.forEach((m, i) =>
      m.allowed.forEach((r, j) => checkRole(`mitigations[${i}].allowed[${j}]`, r)),
    );
    runbook.escalation.forEach((s, i) =>
      s.notify.forEach((r, j) => checkRole(`escalation[${i}].notify[${j}]`, r)),
    );

    const checkUnique = (list: Array<{ id: string }>, where: string) => {
      const ids = new Set<string>();
      list.forEach((item, i) => {
        if (ids.has(item.id)) problem(`${where}[${i}].id`, `duplicate id "${item.id}"`);
        ids.add(item.id);
      });
    };
    checkUnique(runbook.triage, 'triage');
    checkUnique(runbook.mitigations, 'mitigations');
    checkUnique(runbook.escalation, 'escalation');

    const checkTemplate = (path: string, template: string) => {
      for (const variable of templateVariables(template)) {
        const [namespace = '', key = ''] = variable.split('.');
        if (!TEMPLATE_NAMESPACES.has(namespace)) {
          problem(
            path,
            `unknown template variable "{{${variable}}}" (use labels.*, annotations.*, incident.*, urls.*)`,
          );
        } else if (namespace === 'urls' && platform.urls[key] === undefined) {
          problem(
            path,
            `"{{${variable}}}" is not defined in platform.yml (urls: ${Object.keys(platform.urls).join(', ')})`,
          );
        }
      }
    };
    runbook.triage.forEach(
      (step, i) => step.link !== undefined && checkTemplate(`triage[${i}].link`, step.link),
    );
    runbook.links.forEach((link, i) => checkTemplate(`links[${i}].url`, link.url));
    runbook.mitigations.forEach((m, i) => {
      if (m.action.type === 'http') {
        checkTemplate(`mitigations[${i}].action.path`, m.action.path);
        Object.entries(m.action.body ?? {}).forEach(([key, value]) => {
          if (typeof value === 'string') checkTemplate(`mitigations[${i}].action.body.${key}`, value);
        });
      }
      if (m.action.type === 'link') checkTemplate(`mitigations[${i}].action.url`, m.action.url);
    });
  }

  slo.availability.consumed_by.forEach((id, i) => {
    if (!seenIds.has(id)) {
      problems.push({
        file: 'slo.yml',
        path: `availability.consumed_by[${i}]`,
        message: `unknown runbook "${id}"`,
      });
    }
  });
  return problems;
}
