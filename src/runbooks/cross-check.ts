import { templateVariables } from './template';
import type { RunbookProblem } from './loader';
import type { Contacts, Platform, Runbook } from './schema';
import type { Slo } from './slo-schema';

const TEMPLATE_NAMESPACES = new Set(['labels', 'annotations', 'incident', 'urls']);

/** Labels every alert of a runbook carries: the alert name, and those the generated rule adds. */
const ALWAYS_LABELS = ['alertname', 'runbook', 'severity'];

/**
 * The labels this runbook's alerts carry, as far as the trigger says: its `by (…)` labels, the
 * grouping and item labels. Undefined when the expression does not say (no `by`, or a `without`).
 */
export function triggerLabels(runbook: Runbook): string[] | undefined {
  const expr = runbook.trigger.expr;
  if (/\bwithout\s*\(/.test(expr)) return undefined;
  const by = [...expr.matchAll(/\bby\s*\(([^)]*)\)/g)].flatMap((m) =>
    (m[1] ?? '')
      .split(',')
      .map((l) => l.trim())
      .filter((l) => l !== '' && l !== 'le'),
  );
  if (by.length === 0) return undefined;
  return [
    ...new Set([
      ...ALWAYS_LABELS,
      ...by,
      ...runbook.incident.group_by,
      ...(runbook.incident.item_label === undefined ? [] : [runbook.incident.item_label]),
    ]),
  ];
}

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
      problem('id', `« ${runbook.id} » ne correspond pas au nom du fichier (attendu : ${expectedName})`);
    }
    const other = seenIds.get(runbook.id);
    if (other !== undefined) problem('id', `« ${runbook.id} » est déjà l'id de ${other}`);
    seenIds.set(runbook.id, file);
    runbook.trigger.alertnames.forEach((name, i) => {
      const owner = seenAlertnames.get(name);
      if (owner !== undefined)
        problem(`trigger.alertnames[${i}]`, `« ${name} » mène déjà au runbook ${owner}`);
      seenAlertnames.set(name, runbook.id);
    });

    const checkRole = (path: string, role: string) => {
      if (!roles.includes(role))
        problem(path, `rôle inconnu « ${role} » (contacts.yml connaît : ${roles.join(', ')})`);
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
        if (ids.has(item.id)) problem(`${where}[${i}].id`, `id en double « ${item.id} »`);
        ids.add(item.id);
      });
    };
    checkUnique(runbook.triage, 'triage');
    checkUnique(runbook.mitigations, 'mitigations');
    checkUnique(runbook.escalation, 'escalation');

    const labels = triggerLabels(runbook);
    const checkTemplate = (path: string, template: string) => {
      for (const variable of templateVariables(template)) {
        const [namespace = '', key = ''] = variable.split('.');
        if (!TEMPLATE_NAMESPACES.has(namespace)) {
          problem(
            path,
            `variable inconnue « {{${variable}}} » (utilisez labels.*, annotations.*, incident.*, urls.*)`,
          );
        } else if (namespace === 'urls' && platform.urls[key] === undefined) {
          problem(
            path,
            `« {{${variable}}} » n'est pas défini dans platform.yml (urls : ${Object.keys(platform.urls).join(', ')})`,
          );
        } else if (namespace === 'labels' && labels !== undefined && !labels.includes(key)) {
          problem(
            path,
            `« {{${variable}}} » : aucune alerte de ce runbook ne porte le label « ${key} » (labels connus d'après trigger.expr, group_by et item_label : ${labels.join(', ')})`,
          );
        }
      }
    };
    runbook.triage.forEach(
      (step, i) => step.link !== undefined && checkTemplate(`triage[${i}].link`, step.link),
    );
    runbook.links.forEach((link, i) => checkTemplate(`links[${i}].url`, link.url));
    runbook.mitigations.forEach((m, i) => {
      checkTemplate(`mitigations[${i}].confirm.title`, m.confirm.title);
      checkTemplate(`mitigations[${i}].confirm.text`, m.confirm.text);
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
        message: `runbook inconnu « ${id} »`,
      });
    }
  });
  return problems;
}
