// The history page: every operation of a period (who started, approved, decided, retried), the
// figures across them, and for one operation its timeline, its nodes' steps with durations and
// every command that ran (the audit trail).
//
// Commands, their output, comments and messages are untrusted text. Everything here is rendered
// through document.createTextNode / textContent; nothing is ever assigned to innerHTML (the
// page's Content-Security-Policy makes Chrome refuse it anyway).
//
// The page reads kubeorch's API with the web apps' login (the session cookie): it asks for no
// password of its own and keeps none. Its requests say they come from a page, so that the API
// answers an unknown visitor with 401 and no password prompt.
'use strict';

(function () {
  const content = document.getElementById('content');

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** Creates an element; string children become text nodes, null children are left out. */
  function el(tag, className, ...children) {
    const element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    for (const child of children) {
      if (child === null || child === undefined) {
        continue;
      }
      element.appendChild(typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child)) : child);
    }
    return element;
  }

  async function api(path) {
    const response = await fetch(path, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
      cache: 'no-store'
    });
    if (!response.ok) {
      let message = '';
      try {
        const problem = await response.json();
        message = problem && typeof problem.message === 'string' ? problem.message : '';
      } catch (ignored) {
        // no JSON body
      }
      throw new ApiError(response.status, message);
    }
    return response.json();
  }

  function show(...nodes) {
    content.replaceChildren(...nodes);
  }

  function showError(error, what) {
    let text;
    if (error instanceof ApiError && error.status === 401) {
      show(el('p', 'error signed-out', 'Not signed in.'),
        el('p', 'note', 'Sign in to the ', link('/camunda/app/welcome/default/', 'Camunda web apps'),
          ' with your kubeorch user, then come back: Cockpit\'s menu has "Install history".'));
      return;
    } else if (error instanceof ApiError && error.status === 403) {
      text = error.message || ('Your user may not read ' + what + '.');
    } else if (error instanceof ApiError && error.status === 404) {
      text = 'There is no ' + what + '.';
    } else if (error instanceof ApiError) {
      text = 'Could not load ' + what + ': HTTP ' + error.status + (error.message ? ' — ' + error.message : '') + '.';
    } else {
      text = 'Could not load ' + what + ': ' + (error && error.message ? error.message : String(error)) + '.';
    }
    show(el('p', 'error', text), el('p', 'note', link('./', 'All installs')));
  }

  function link(href, text) {
    const a = el('a', null, text);
    a.setAttribute('href', href);
    return a;
  }

  function installLink(id, text) {
    return link('?id=' + encodeURIComponent(id), text);
  }

  function time(iso) {
    if (!iso) {
      return el('span', 'muted', '—');
    }
    const element = el('time', null, formatTime(iso));
    element.setAttribute('datetime', iso);
    element.setAttribute('title', iso);
    return element;
  }

  function formatTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
      return iso;
    }
    return date.toLocaleString(undefined, {
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'
    });
  }

  function formatDuration(ms) {
    if (typeof ms !== 'number' || ms < 0) {
      return '—';
    }
    if (ms < 1000) {
      return ms + ' ms';
    }
    if (ms < 60000) {
      return (ms / 1000).toFixed(1) + ' s';
    }
    const seconds = Math.round(ms / 1000);
    return Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
  }

  function plural(count, one, many) {
    return count + ' ' + (count === 1 ? one : many);
  }

  function cockpitLink(processInstanceId) {
    return link('/camunda/app/cockpit/default/#/process-instance/' + encodeURIComponent(processInstanceId)
      + '/runtime', 'open in Cockpit');
  }

  function person(user) {
    return el('span', 'who', user || '—');
  }

  /** "alice: looks fine" for an approval or decision; the comment is someone's text. */
  function action(event, what) {
    return el('div', 'action', person(event.user), what ? ' ' + what : null,
      event.comment ? el('span', 'comment', ' “' + event.comment + '”') : null);
  }

  function dayOf(date) {
    const pad = n => String(n).padStart(2, '0');
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
  }

  /** The period in the address (local days), or the last 30 days. */
  function period(params) {
    const today = new Date();
    const monthAgo = new Date(today.getTime() - 30 * 24 * 3600 * 1000);
    return { from: params.get('from') || dayOf(monthAgo), to: params.get('to') || dayOf(today) };
  }

  /** A local day as the instant it starts; {@code end}: the instant the day after starts. */
  function instantOf(day, end) {
    const [year, month, date] = day.split('-').map(Number);
    return new Date(year, month - 1, date + (end ? 1 : 0)).toISOString();
  }

  function periodForm(chosen) {
    const from = el('input');
    from.type = 'date';
    from.name = 'from';
    from.value = chosen.from;
    const to = el('input');
    to.type = 'date';
    to.name = 'to';
    to.value = chosen.to;
    const apply = el('button', null, 'Show');
    apply.type = 'submit';
    const form = el('form', 'period', el('label', null, 'from', from), el('label', null, 'to (included)', to), apply);
    form.method = 'get';
    form.action = './';
    return form;
  }

  // ---- every operation of a period, with figures ------------------------------------------

  /** More rows than a person reads in one page; the figures count every operation of the period. */
  const LIST_LIMIT = 200;

  async function showPeriod(params) {
    document.title = 'kubeorch · history';
    const chosen = period(params);
    const query = '?from=' + encodeURIComponent(instantOf(chosen.from, false))
      + '&to=' + encodeURIComponent(instantOf(chosen.to, true));
    const list = await api('/api/history/operations' + query + '&limit=' + LIST_LIMIT);
    const figures = await api('/api/history/figures' + query);
    const parts = [el('h1', null, 'Install history'), periodForm(chosen)];
    if (list.operations.length === 0) {
      parts.push(el('p', 'note', 'No install was requested in this period.'));
    } else {
      parts.push(operationsTable(list.operations));
      if (list.operations.length === LIST_LIMIT) {
        parts.push(el('p', 'note', 'The newest ' + LIST_LIMIT + ' are shown: choose a shorter period for the others.'));
      }
    }
    parts.push(el('h2', 'section', 'Across these installs'), figuresSection(figures));
    show(...parts);
  }

  function figuresSection(figures) {
    const states = el('div', 'by-state');
    for (const [state, count] of Object.entries(figures.byState || {})) {
      states.appendChild(el('span', 'badge state state-' + cssWord(state), state + ' ' + count));
    }
    const failed = el('tbody', null);
    for (const step of figures.failedSteps || []) {
      failed.appendChild(el('tr', null, el('td', 'step-name', step.step), el('td', 'number', step.failures),
        el('td', 'number', step.operations)));
    }
    const durations = el('tbody', null);
    for (const step of figures.stepDurations || []) {
      durations.appendChild(el('tr', null, el('td', 'step-name', step.step), el('td', 'number', step.runs),
        el('td', 'number', formatDuration(step.medianMs)), el('td', 'number', formatDuration(step.p95Ms))));
    }
    return el('section', 'figures',
      el('div', 'figure by-states',
        el('h2', null, plural(figures.operations, 'install', 'installs') + ' in this period'), states),
      el('div', 'figure failed-steps', el('h2', null, 'Steps that failed most'),
        (figures.failedSteps || []).length === 0 ? el('p', 'note', 'No step failed.')
          : el('table', 'grid', el('thead', null, el('tr', null, el('th', null, 'step'),
            el('th', 'number', 'failed runs'), el('th', 'number', 'installs'))), failed)),
      el('div', 'figure step-durations', el('h2', null, 'How long each step takes'),
        (figures.stepDurations || []).length === 0 ? el('p', 'note', 'No step ran yet.')
          : el('table', 'grid', el('thead', null, el('tr', null, el('th', null, 'step'),
            el('th', 'number', 'runs'), el('th', 'number', 'median'), el('th', 'number', '95th pct'))), durations)));
  }

  function operationsTable(operations) {
    const body = el('tbody', null);
    for (const operation of operations) {
      const row = el('tr', 'operation',
        el('td', 'kind', operation.kind),
        el('td', 'cluster', installLink(operation.id, operation.cluster)),
        el('td', null, el('span', 'badge state state-' + cssWord(operation.state), operation.state)),
        el('td', 'started-by', person(operation.startedBy)),
        el('td', null, time(operation.startedAt)),
        el('td', 'duration', formatDuration(operation.durationMs)),
        el('td', 'approvals', ...(operation.approvals || []).map(e => action(e, e.kind === 'rejected' ? 'rejected' : null))),
        el('td', 'decisions', ...(operation.decisions || []).map(e => action(e, e.outcome))),
        el('td', 'retries', ...(operation.retries || []).map(e => el('div', null, person(e.user),
          ' ' + [e.node, e.step].filter(Boolean).join(' · ')))),
        el('td', null, operation.running && operation.processInstanceId ? cockpitLink(operation.processInstanceId)
          : operation.cancelled ? action(operation.cancelled, 'cancelled') : null));
      row.setAttribute('data-id', operation.id);
      body.appendChild(row);
    }
    return el('table', 'grid operations',
      el('thead', null, el('tr', null, el('th', null, 'operation'), el('th', null, 'cluster'), el('th', null, 'state'),
        el('th', null, 'started by'), el('th', null, 'started'), el('th', null, 'took'), el('th', null, 'approved by'),
        el('th', null, 'decisions'), el('th', null, 'retried incidents'), el('th', null, ''))),
      body);
  }

  // ---- one operation ------------------------------------------------------------------------

  async function showInstall(id) {
    // One after the other, each for any kind of operation: the history, then the command record.
    const history = await api('/api/history/operations/' + encodeURIComponent(id));
    const commands = await api('/api/history/operations/' + encodeURIComponent(id) + '/commands');
    const operation = history.operation;
    document.title = 'kubeorch · ' + operation.cluster + ' · ' + operation.state;

    const parts = [operationHeader(operation, history.message)];
    if (history.incidents && history.incidents.length) {
      parts.push(incidents(history.incidents));
    }
    parts.push(timeline(history.events));
    parts.push(nodeDurations(history.nodes));
    parts.push(el('h2', null, 'Commands, by node and step'));
    const byNode = groupByNodeAndStep(commands);
    const nodes = history.nodes || [];
    for (const node of nodes) {
      parts.push(nodeSection(node.name, node, byNode.get(node.name)));
      byNode.delete(node.name);
    }
    // Commands on a name the inventory does not list (should not happen): shown, not hidden.
    for (const [name, steps] of byNode) {
      parts.push(nodeSection(name, null, steps));
    }
    if (nodes.length === 0 && commands.length === 0) {
      parts.push(el('p', 'note', 'No command has run yet.'));
    }
    show(...parts);
  }

  const EVENT_NAMES = {
    requested: 'requested', waiting: 'waits for', claimed: 'claimed', assigned: 'assigned', approved: 'approved',
    rejected: 'rejected', decided: 'decided', completed: 'completed', incident: 'incident', retried: 'retried',
    cancelled: 'cancelled', ended: 'ended'
  };

  function timeline(events) {
    const body = el('tbody', null);
    for (const event of events || []) {
      let detail;
      if (event.kind === 'incident') {
        detail = el('span', null, event.message || '', event.outcome ? el('span', 'muted', ' (' + event.outcome + ')') : null);
      } else if (event.kind === 'decided' || event.kind === 'assigned' || event.kind === 'completed') {
        detail = el('span', null, event.outcome || '', event.comment ? el('span', 'comment', ' “' + event.comment + '”') : null);
      } else if (event.kind === 'ended') {
        detail = el('span', null, el('span', 'badge state state-' + cssWord(event.outcome), event.outcome || ''),
          event.comment ? ' ' + event.comment : null);
      } else {
        detail = event.comment ? el('span', 'comment', '“' + event.comment + '”') : el('span', 'muted', '');
      }
      const row = el('tr', 'event ' + cssWord(event.kind),
        el('td', null, time(event.at)),
        el('td', 'kind', EVENT_NAMES[event.kind] || event.kind),
        el('td', null, event.user ? person(event.user) : el('span', 'muted', '—')),
        el('td', null, event.task || [event.node, event.step].filter(Boolean).join(' · ') || ''),
        el('td', 'detail', detail));
      row.setAttribute('data-kind', event.kind);
      body.appendChild(row);
    }
    return el('section', 'section timeline', el('h2', null, 'Timeline'),
      el('table', 'grid', el('thead', null, el('tr', null, el('th', null, 'when'), el('th', null, 'what'),
        el('th', null, 'who'), el('th', null, 'task, node · step'), el('th', null, ''))), body));
  }

  function nodeDurations(nodes) {
    const body = el('tbody', null);
    for (const node of nodes || []) {
      const header = el('tr', 'node-row',
        el('td', 'node-name', el('strong', null, node.name)),
        el('td', null, node.phase || ''),
        el('td', null, ''),
        el('td', null, time(node.startedAt)),
        el('td', 'number duration', formatDuration(node.durationMs)));
      header.setAttribute('data-node', node.name);
      body.appendChild(header);
      for (const step of node.steps || []) {
        const row = el('tr', 'step-row',
          el('td', 'step-name', '  ' + step.step),
          el('td', null, el('span', 'badge result-' + cssWord(step.result), step.result)),
          el('td', 'number', step.failedAttempts ? plural(step.failedAttempts, 'failed run', 'failed runs') : ''),
          el('td', null, time(step.startedAt)),
          el('td', 'number duration', step.durationMs === null || step.durationMs === undefined ? '—'
            : formatDuration(step.durationMs)));
        row.setAttribute('data-node', node.name);
        row.setAttribute('data-step', step.step);
        body.appendChild(row);
      }
    }
    return el('section', 'section node-durations', el('h2', null, 'Nodes and steps'),
      el('p', 'note', 'A step took what its successful run took on the host; failed runs before it are counted.'),
      el('table', 'grid', el('thead', null, el('tr', null, el('th', null, 'node · step'), el('th', null, 'phase, result'),
        el('th', 'number', 'failures'), el('th', null, 'started'), el('th', 'number', 'took'))), body));
  }

  function operationHeader(operation, message) {
    const state = el('span', 'badge state state-' + cssWord(operation.state), operation.state);
    const kind = operation.kind.charAt(0).toUpperCase() + operation.kind.slice(1);
    return el('section', 'install',
      el('h1', null, kind + ' of ', el('span', 'cluster', operation.cluster)),
      el('p', 'state-line', state, message ? el('span', 'message', message) : null,
        operation.running && operation.processInstanceId ? cockpitLink(operation.processInstanceId) : null),
      el('dl', 'facts',
        el('dt', null, operation.kind + ' id'), el('dd', 'mono', operation.id),
        el('dt', null, 'started by'), el('dd', 'started-by', operation.startedBy || '—'),
        el('dt', null, 'requested'), el('dd', null, time(operation.startedAt)),
        el('dt', null, 'ended'), el('dd', null, time(operation.endedAt)),
        el('dt', null, 'took'), el('dd', 'duration', formatDuration(operation.durationMs))),
      el('p', 'note', link('./', 'All operations')));
  }

  function incidents(list) {
    const items = el('ul', 'incidents');
    for (const incident of list) {
      items.appendChild(el('li', null,
        el('strong', null, incident.node + ' · ' + incident.step), ': ', incident.message || ''));
    }
    return el('section', 'incident-list',
      el('h2', null, 'Incidents (retry them in Cockpit)'), items);
  }

  /** Map node → Map step → commands, each in the order the commands ran. */
  function groupByNodeAndStep(commands) {
    const sorted = commands.slice().sort((a, b) => a.id - b.id);
    const byNode = new Map();
    for (const command of sorted) {
      if (!byNode.has(command.node)) {
        byNode.set(command.node, new Map());
      }
      const steps = byNode.get(command.node);
      if (!steps.has(command.step)) {
        steps.set(command.step, []);
      }
      steps.get(command.step).push(command);
    }
    return byNode;
  }

  function failed(command) {
    return command.outcome !== 'ok';
  }

  /** A step failed when its last attempt failed; it changed when a successful command changed something. */
  function stepResult(commands) {
    if (failed(commands[commands.length - 1])) {
      return 'failed';
    }
    return commands.some(command => !failed(command) && command.changed) ? 'changed' : 'unchanged';
  }

  function nodeSection(name, node, steps) {
    const section = el('section', 'node');
    section.setAttribute('data-node', name);
    const heading = el('h2', null, name);
    if (node) {
      heading.appendChild(el('span', 'node-facts',
        node.address + ' · ' + (node.roles || []).join(', ') + ' · ' + node.phase
        + (node.step ? ' (' + node.step + ')' : '')));
    } else {
      heading.appendChild(el('span', 'node-facts', 'not in the inventory'));
    }
    section.appendChild(heading);

    if (!steps || steps.size === 0) {
      section.appendChild(el('p', 'summary', 'No command has run on this node yet.'));
      return section;
    }
    const counts = { changed: 0, unchanged: 0, failed: 0 };
    const list = el('ol', 'steps');
    for (const [step, commands] of steps) {
      const result = stepResult(commands);
      counts[result]++;
      list.appendChild(stepItem(step, result, commands));
    }
    const summary = el('p', 'summary' + (counts.failed ? ' has-failures' : ''),
      plural(steps.size, 'step', 'steps') + ': ' + counts.changed + ' changed, '
      + counts.unchanged + ' unchanged, ' + counts.failed + ' failed');
    section.append(summary, list);
    return section;
  }

  function stepItem(step, result, commands) {
    const item = el('li', 'step step-' + result);
    item.setAttribute('data-step', step);
    item.appendChild(el('h3', null, el('span', 'step-name', step), ' ',
      el('span', 'badge result-' + result, result),
      commands.length > 1 ? el('span', 'muted', ' ' + plural(commands.length, 'command', 'commands')) : null));
    const list = el('ul', 'commands');
    for (const command of commands) {
      list.appendChild(commandItem(command));
    }
    item.appendChild(list);
    return item;
  }

  function commandItem(command) {
    const isFailed = failed(command);
    const item = el('li', 'command' + (isFailed ? ' failed' : ''));
    item.setAttribute('data-command-id', String(command.id));
    item.appendChild(el('pre', 'command-line', command.command));
    item.appendChild(el('div', 'command-facts',
      el('span', 'badge outcome ' + (isFailed ? 'outcome-failed' : 'outcome-ok'), command.outcome),
      el('span', 'exit-code', command.exitCode === null || command.exitCode === undefined
        ? 'no exit code' : 'exit ' + command.exitCode),
      el('span', 'badge ' + (command.changed ? 'changed' : 'unchanged'), command.changed ? 'changed' : 'unchanged'),
      el('span', 'started', 'started ', time(command.startedAt)),
      el('span', 'duration', formatDuration(command.durationMs))));
    const output = command.outputTail || '';
    const details = el('details', 'output',
      el('summary', null, output ? 'output (last ' + plural(output.split('\n').length, 'line', 'lines') + ')' : 'no output'),
      el('pre', null, output));
    if (isFailed && output) {
      details.open = true;
    }
    item.appendChild(details);
    return item;
  }

  /** State names come from the server; only letters, digits and dashes reach a class name. */
  function cssWord(text) {
    return String(text || '').toLowerCase().replace(/[^a-z0-9-]/g, '');
  }

  async function load() {
    const params = new URLSearchParams(window.location.search);
    const id = params.get('id');
    try {
      if (id) {
        await showInstall(id);
      } else {
        await showPeriod(params);
      }
      content.setAttribute('data-loaded', 'true');
    } catch (error) {
      showError(error, id ? 'install ' + id : 'history of installs');
      content.setAttribute('data-loaded', 'error');
    }
  }

  document.getElementById('reload').addEventListener('click', () => {
    content.removeAttribute('data-loaded');
    load();
  });
  load();
}());
