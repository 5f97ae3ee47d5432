// The audit page: one install's commands by node and step, or the list of recent installs.
//
// Commands and their output are untrusted text. Everything here is rendered through
// document.createTextNode / textContent; nothing is ever assigned to innerHTML (the page's
// Content-Security-Policy makes Chrome refuse it anyway).
//
// The REST API answers 401 with a basic-auth challenge: the browser asks for a user name and
// password once and sends them with every later call. The page keeps no credentials itself.
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
      headers: { Accept: 'application/json' },
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
      text = 'Not signed in. Reload the page and sign in with your kubeorch user '
        + '(the user name and password of the Camunda web apps).';
    } else if (error instanceof ApiError && error.status === 403) {
      text = 'Your user may not read ' + what + '.';
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

  // ---- the list of recent installs -------------------------------------------------------

  async function showRecent() {
    document.title = 'kubeorch · installs';
    const installs = await api('/api/installs');
    const heading = el('h1', null, 'Recent installs');
    if (installs.length === 0) {
      show(heading, el('p', 'note', 'No install has been requested yet.'));
      return;
    }
    const body = el('tbody', null);
    for (const install of installs) {
      body.appendChild(el('tr', null,
        el('td', null, time(install.requestedAt)),
        el('td', null, installLink(install.id, install.cluster)),
        el('td', null, install.requestedBy || '—'),
        el('td', 'mono', install.id)));
    }
    show(heading,
      el('table', 'installs',
        el('thead', null, el('tr', null,
          el('th', null, 'requested'), el('th', null, 'cluster'),
          el('th', null, 'requested by'), el('th', null, 'install id'))),
        body));
  }

  // ---- one install ------------------------------------------------------------------------

  async function showInstall(id) {
    // One after the other: a browser that has not signed in yet asks for credentials only once.
    const install = await api('/api/installs/' + encodeURIComponent(id));
    const commands = await api('/api/installs/' + encodeURIComponent(id) + '/commands');
    document.title = 'kubeorch · ' + install.cluster + ' · ' + install.state;

    const parts = [installHeader(install)];
    if (install.incidents && install.incidents.length) {
      parts.push(incidents(install.incidents));
    }
    const byNode = groupByNodeAndStep(commands);
    const nodes = install.nodes || [];
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

  function installHeader(install) {
    const state = el('span', 'badge state state-' + cssWord(install.state), install.state);
    return el('section', 'install',
      el('h1', null, 'Install of ', el('span', 'cluster', install.cluster)),
      el('p', 'state-line', state, install.message ? el('span', 'message', install.message) : null),
      el('dl', 'facts',
        el('dt', null, 'install id'), el('dd', 'mono', install.id),
        el('dt', null, 'requested by'), el('dd', null, install.requestedBy || '—'),
        el('dt', null, 'requested'), el('dd', null, time(install.requestedAt))));
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
    const id = new URLSearchParams(window.location.search).get('id');
    try {
      if (id) {
        await showInstall(id);
      } else {
        await showRecent();
      }
      content.setAttribute('data-loaded', 'true');
    } catch (error) {
      showError(error, id ? 'install ' + id : 'list of installs');
      content.setAttribute('data-loaded', 'error');
    }
  }

  document.getElementById('reload').addEventListener('click', () => {
    content.removeAttribute('data-loaded');
    load();
  });
  load();
}());
