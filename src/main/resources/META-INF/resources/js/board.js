// Huddle board page: renders the board from the API, moves cards (drag and drop, keyboard), and stays live
// through the board's Server-Sent Events, falling back to polling the snapshot when the stream cannot connect.
// All user text goes through textContent, never innerHTML.
(function () {
  'use strict';

  const root = document.getElementById('board');
  if (!root) {
    return;
  }
  const CSRF = { 'X-Huddle-Csrf': '1' };
  const boardId = Number(root.dataset.boardId);
  const teamId = Number(root.dataset.teamId);
  const kind = root.dataset.kind;
  const canEdit = root.dataset.canEdit === 'true';
  const canOverride = root.dataset.canOverride === 'true';
  const POLL_MS = 5000;
  const OPEN_TIMEOUT_MS = 5000;
  const CARD_EVENTS = ['card.created', 'card.updated', 'card.moved', 'card.blocked', 'card.unblocked',
    'card.closed', 'card.reopened', 'column.updated', 'board.updated'];
  const LANE_ORDER = ['EXPEDITE', 'FIXED_DATE', 'STANDARD', 'INTANGIBLE'];

  const state = {
    board: null,
    columns: [],
    cards: new Map(),
    members: new Map(),
    customers: new Map(),
    lastSeq: 0,
    lanes: 'none',
    dragging: false,
    renderPending: false,
  };
  const money = new Intl.NumberFormat(undefined, {
    style: 'currency', currency: root.dataset.currency || 'USD', maximumFractionDigits: 0,
  });

  // ---- HTTP ----------------------------------------------------------------------------------------------

  async function api(method, path, body) {
    const headers = Object.assign({ 'Accept': 'application/json' }, CSRF);
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      window.location.assign('/login');
      throw new Error('signed out');
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error((json && json.detail) || response.statusText);
      error.problem = json || {};
      throw error;
    }
    return json;
  }

  // ---- State -----------------------------------------------------------------------------------------------

  async function loadSnapshot() {
    const snapshot = await api('GET', '/api/boards/' + boardId);
    applySnapshot(snapshot);
    return snapshot;
  }

  function applySnapshot(snapshot) {
    state.board = snapshot.board;
    state.columns = snapshot.columns;
    state.cards = new Map(snapshot.cards.map(c => [c.id, c]));
    state.lastSeq = Math.max(state.lastSeq, snapshot.lastEventSeq);
    render();
  }

  async function loadPeople() {
    const [members, customers] = await Promise.all([
      api('GET', '/api/teams/' + teamId + '/members?limit=1000'),
      api('GET', '/api/teams/' + teamId + '/customers?limit=1000'),
    ]);
    state.members = new Map(members.map(m => [m.id, m]));
    state.customers = new Map(customers.map(c => [c.id, c]));
  }

  /** Applies a card as the API returned it, unless we already hold a newer version. */
  function upsert(card) {
    const known = state.cards.get(card.id);
    if (known && known.version > card.version) {
      return;
    }
    if (card.outcome !== 'OPEN') {
      state.cards.delete(card.id);
    } else {
      state.cards.set(card.id, card);
    }
    if ((card.ownerId && !state.members.has(card.ownerId)) || (card.customerId && !state.customers.has(card.customerId))) {
      loadPeople().then(scheduleRender).catch(() => {});
    }
  }

  function onBoardEvent(message) {
    const event = JSON.parse(message.data);
    if (event.seq <= state.lastSeq) {
      return;
    }
    state.lastSeq = event.seq;
    const data = event.data || {};
    if (data.rebalanced || event.type === 'board.updated' && !data.columns) {
      loadSnapshot().catch(() => {});
      return;
    }
    if (data.card) {
      upsert(data.card);
    }
    if (event.type === 'column.updated' && data.column) {
      state.columns = state.columns.map(c => (c.id === data.column.id ? data.column : c));
    }
    if (event.type === 'board.updated') {
      state.board = data.board;
      state.columns = data.columns;
    }
    scheduleRender();
  }

  // ---- Rendering -----------------------------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function initials(name) {
    return (name || '?').split(/\s+/).filter(Boolean).slice(0, 2).map(p => p[0].toUpperCase()).join('');
  }

  function daysSince(instant) {
    return Math.max(0, Math.floor((Date.now() - Date.parse(instant)) / 86400000));
  }

  function byRank(a, b) {
    return a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id - b.id;
  }

  function openCount(columnId) {
    let count = 0;
    state.cards.forEach(c => { if (c.columnId === columnId) { count++; } });
    return count;
  }

  function laneOf(card) {
    if (state.lanes === 'classOfService') {
      return card.classOfService;
    }
    if (state.lanes === 'owner') {
      return card.ownerId == null ? 'none' : String(card.ownerId);
    }
    return 'all';
  }

  function laneLabel(key) {
    if (state.lanes === 'classOfService') {
      return key.replace('_', ' ').toLowerCase();
    }
    if (state.lanes === 'owner') {
      const member = state.members.get(Number(key));
      return member ? member.displayName : 'No owner';
    }
    return '';
  }

  function lanes() {
    if (state.lanes === 'none') {
      return ['all'];
    }
    const keys = new Set([...state.cards.values()].map(laneOf));
    if (state.lanes === 'classOfService') {
      return LANE_ORDER.filter(k => keys.has(k));
    }
    return [...keys].sort((a, b) => laneLabel(a).localeCompare(laneLabel(b)));
  }

  function renderCard(card) {
    const node = el('article', 'card cos-' + card.classOfService + (card.blockedReason ? ' blocked' : ''));
    node.tabIndex = 0;
    node.dataset.cardId = card.id;
    node.setAttribute('aria-label', card.title);
    node.appendChild(el('div', 'card-title', card.title));
    const meta = el('div', 'card-meta');
    const customer = card.customerId ? state.customers.get(card.customerId) : null;
    if (customer) {
      meta.appendChild(el('span', 'customer', customer.name));
    }
    if (kind === 'SALES') {
      meta.appendChild(el('span', 'value', money.format(Number(card.value))));
    }
    node.appendChild(meta);
    const foot = el('div', 'card-foot');
    const owner = card.ownerId ? state.members.get(card.ownerId) : null;
    const ownerBadge = el('span', 'owner', owner ? initials(owner.displayName) : '–');
    ownerBadge.title = owner ? owner.displayName : 'No owner';
    foot.appendChild(ownerBadge);
    const days = daysSince(card.columnEnteredAt);
    const age = el('span', 'age' + (days >= 14 ? ' aging' : ''), days + 'd');
    age.title = 'In this column for ' + days + ' day(s)';
    foot.appendChild(age);
    node.appendChild(foot);
    if (card.blockedReason) {
      node.appendChild(el('div', 'blocked-reason', 'Blocked: ' + card.blockedReason));
    }
    return node;
  }

  function renderHeader(column) {
    const head = el('header', 'column-head');
    head.dataset.columnId = column.id;
    const title = el('div', 'column-title');
    title.appendChild(el('h2', null, column.name));
    const count = openCount(column.id);
    const over = column.wipLimit != null && count > column.wipLimit;
    const full = column.wipLimit != null && count >= column.wipLimit;
    const badge = el('span', 'count' + (over ? ' over' : full ? ' full' : ''),
      column.wipLimit != null ? count + '/' + column.wipLimit : String(count));
    badge.title = column.wipLimit != null ? 'WIP limit ' + column.wipLimit : 'No WIP limit';
    title.appendChild(badge);
    if (column.policy) {
      const toggle = el('button', 'policy-toggle', 'i');
      toggle.type = 'button';
      toggle.title = column.policy;
      toggle.setAttribute('aria-label', 'Policy of ' + column.name);
      toggle.setAttribute('aria-expanded', 'false');
      title.appendChild(toggle);
    }
    head.appendChild(title);
    if (column.policy) {
      const policy = el('p', 'policy', column.policy);
      policy.hidden = true;
      head.appendChild(policy);
    }
    if (canEdit) {
      const form = el('form', 'quick-add');
      const input = el('input');
      input.name = 'title';
      input.maxLength = 200;
      input.placeholder = '+ Add a card';
      input.setAttribute('aria-label', 'Add a card to ' + column.name);
      form.appendChild(input);
      head.appendChild(form);
    }
    return head;
  }

  function render() {
    if (state.dragging) {
      state.renderPending = true;
      return;
    }
    const focusedId = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.cardId : undefined;
    const grid = el('div', 'grid');
    grid.style.setProperty('--columns', String(state.columns.length));
    state.columns.forEach(column => grid.appendChild(renderHeader(column)));
    const cards = [...state.cards.values()].sort(byRank);
    lanes().forEach(lane => {
      if (state.lanes !== 'none') {
        grid.appendChild(el('div', 'lane-title', laneLabel(lane)));
      }
      state.columns.forEach(column => {
        const cell = el('div', 'cards');
        cell.dataset.columnId = column.id;
        cell.dataset.lane = lane;
        cell.setAttribute('aria-label', column.name + (lane === 'all' ? '' : ', ' + laneLabel(lane)));
        cards.filter(c => c.columnId === column.id && (state.lanes === 'none' || laneOf(c) === lane))
          .forEach(c => cell.appendChild(renderCard(c)));
        grid.appendChild(cell);
      });
    });
    root.replaceChildren(grid);
    root.dataset.lastEventSeq = String(state.lastSeq);
    if (canEdit && window.Sortable) {
      grid.querySelectorAll('.cards').forEach(cell => {
        window.Sortable.create(cell, {
          group: 'lane-' + cell.dataset.lane,
          animation: 120,
          forceFallback: true,
          fallbackTolerance: 3,
          onStart: () => { state.dragging = true; },
          onEnd: onDrop,
        });
      });
    }
    if (focusedId) {
      const again = root.querySelector('[data-card-id="' + focusedId + '"]');
      if (again) {
        again.focus();
      }
    }
  }

  function scheduleRender() {
    if (state.dragging) {
      state.renderPending = true;
      return;
    }
    render();
  }

  // ---- Moves ---------------------------------------------------------------------------------------------

  function onDrop(evt) {
    state.dragging = false;
    const cardId = Number(evt.item.dataset.cardId);
    const toColumnId = Number(evt.to.dataset.columnId);
    if (evt.from === evt.to && evt.oldIndex === evt.newIndex) {
      if (state.renderPending) {
        state.renderPending = false;
        render();
      }
      return;
    }
    const next = evt.item.nextElementSibling;
    const previous = evt.item.previousElementSibling;
    const placement = next ? { beforeCardId: Number(next.dataset.cardId) }
      : previous ? { afterCardId: Number(previous.dataset.cardId) } : {};
    state.renderPending = false;
    move(cardId, toColumnId, placement);
  }

  async function move(cardId, toColumnId, placement, override) {
    const card = state.cards.get(cardId);
    if (!card) {
      render();
      return;
    }
    const body = Object.assign({ version: card.version, toColumnId }, placement, override || {});
    try {
      const moved = await api('POST', '/api/cards/' + cardId + '/move', body);
      upsert(moved);
      render();
      focusCard(cardId);
    } catch (error) {
      render(); // snap back to the last known board
      refused(error, reason => move(cardId, toColumnId, placement, { overrideWip: true, overrideReason: reason }));
    }
  }

  /** Explains a refused change; offers a leader the WIP override. */
  function refused(error, retryWithOverride) {
    const problem = error.problem || {};
    if (problem.type === '/problems/stale-version' && problem.current) {
      upsert(problem.current);
      render();
      toast('Someone else changed this card first; it now shows their change.');
      return;
    }
    if (problem.type === '/problems/wip-limit-exceeded' && canOverride && retryWithOverride) {
      toast(problem.detail || 'WIP limit reached', 'Override…', () => {
        const reason = window.prompt('Reason for going over the WIP limit?');
        if (reason && reason.trim()) {
          retryWithOverride(reason.trim());
        }
      });
      return;
    }
    toast(problem.detail || error.message || 'The change was refused');
  }

  function focusCard(cardId) {
    const node = root.querySelector('[data-card-id="' + cardId + '"]');
    if (node) {
      node.focus();
    }
  }

  function columnIndex(columnId) {
    return state.columns.findIndex(c => c.id === columnId);
  }

  function onCardKey(event) {
    const node = event.target.closest('.card');
    if (!node || event.target !== node) {
      return;
    }
    const cardId = Number(node.dataset.cardId);
    const card = state.cards.get(cardId);
    if (!card) {
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openDetail(cardId);
      return;
    }
    const arrows = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];
    if (!arrows.includes(event.key)) {
      return;
    }
    event.preventDefault();
    const siblings = [...node.parentElement.querySelectorAll('.card')];
    const index = siblings.indexOf(node);
    if (!event.shiftKey || !canEdit) {
      // Plain arrows move the focus.
      if (event.key === 'ArrowUp' && index > 0) {
        siblings[index - 1].focus();
      } else if (event.key === 'ArrowDown' && index < siblings.length - 1) {
        siblings[index + 1].focus();
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        const cells = [...node.parentElement.parentElement.querySelectorAll('.cards')]
          .filter(c => c.dataset.lane === node.parentElement.dataset.lane);
        const cell = cells[cells.indexOf(node.parentElement) + (event.key === 'ArrowLeft' ? -1 : 1)];
        const target = cell && cell.querySelector('.card');
        if (target) {
          target.focus();
        }
      }
      return;
    }
    // Shift+arrows move the card.
    const at = columnIndex(card.columnId);
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      const target = state.columns[at + (event.key === 'ArrowLeft' ? -1 : 1)];
      if (target) {
        move(cardId, target.id, {});
      }
    } else if (event.key === 'ArrowUp' && index > 0) {
      move(cardId, card.columnId, { beforeCardId: Number(siblings[index - 1].dataset.cardId) });
    } else if (event.key === 'ArrowDown' && index < siblings.length - 1) {
      move(cardId, card.columnId, { afterCardId: Number(siblings[index + 1].dataset.cardId) });
    }
  }

  // ---- Quick add, policy, lanes ----------------------------------------------------------------------------

  async function quickAdd(form, override) {
    const input = form.querySelector('input');
    const title = input.value.trim();
    if (!title) {
      return;
    }
    const columnId = Number(form.closest('.column-head').dataset.columnId);
    try {
      const card = await api('POST', '/api/boards/' + boardId + '/cards', Object.assign({ title, columnId }, override || {}));
      upsert(card);
      render();
      const again = root.querySelector('.column-head[data-column-id="' + columnId + '"] .quick-add input');
      if (again) {
        again.focus();
      }
    } catch (error) {
      refused(error, reason => {
        const retry = root.querySelector('.column-head[data-column-id="' + columnId + '"] .quick-add');
        if (retry) {
          retry.querySelector('input').value = title;
          quickAdd(retry, { overrideWip: true, overrideReason: reason });
        }
      });
    }
  }

  root.addEventListener('submit', event => {
    const form = event.target.closest('.quick-add');
    if (form) {
      event.preventDefault();
      quickAdd(form);
    }
  });
  root.addEventListener('click', event => {
    const toggle = event.target.closest('.policy-toggle');
    if (toggle) {
      const policy = toggle.closest('.column-head').querySelector('.policy');
      policy.hidden = !policy.hidden;
      toggle.setAttribute('aria-expanded', String(!policy.hidden));
      return;
    }
    const card = event.target.closest('.card');
    if (card) {
      openDetail(Number(card.dataset.cardId));
    }
  });
  root.addEventListener('keydown', onCardKey);
  const lanesSelect = document.getElementById('lanes');
  if (lanesSelect) {
    lanesSelect.addEventListener('change', () => {
      state.lanes = lanesSelect.value;
      render();
    });
  }

  // ---- Toast ---------------------------------------------------------------------------------------------

  const toastBox = document.getElementById('toast');
  let toastTimer;

  function toast(message, actionLabel, action) {
    toastBox.replaceChildren(el('span', 'toast-text', message));
    if (actionLabel) {
      const button = el('button', 'toast-action', actionLabel);
      button.type = 'button';
      button.addEventListener('click', () => {
        toastBox.hidden = true;
        action();
      });
      toastBox.appendChild(button);
    }
    toastBox.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toastBox.hidden = true; }, actionLabel ? 15000 : 6000);
  }

  // ---- Card detail -----------------------------------------------------------------------------------------

  const detail = document.getElementById('detail');

  function field(label, input) {
    const wrap = el('label', 'field');
    wrap.appendChild(el('span', null, label));
    wrap.appendChild(input);
    return wrap;
  }

  function input(type, name, value) {
    const node = el(type === 'textarea' ? 'textarea' : 'input');
    if (type !== 'textarea') {
      node.type = type;
    }
    node.name = name;
    node.value = value == null ? '' : value;
    node.disabled = !canEdit;
    return node;
  }

  function select(name, values, current) {
    const node = el('select');
    node.name = name;
    values.forEach(v => {
      const option = el('option', null, v);
      option.value = v;
      option.selected = v === current;
      node.appendChild(option);
    });
    node.disabled = !canEdit;
    return node;
  }

  function button(label, handler, className) {
    const node = el('button', className || null, label);
    node.type = 'button';
    node.addEventListener('click', handler);
    return node;
  }

  async function openDetail(cardId) {
    const card = state.cards.get(cardId) || await api('GET', '/api/cards/' + cardId);
    detail.replaceChildren();
    detail.dataset.cardId = String(cardId);
    const head = el('header', 'detail-head');
    head.appendChild(el('h2', null, card.title));
    head.appendChild(button('Close', closeDetail, 'detail-close'));
    detail.appendChild(head);

    const form = el('form', 'detail-form');
    const title = input('text', 'title', card.title);
    title.maxLength = 200;
    form.appendChild(field('Title', title));
    form.appendChild(field('Description', input('textarea', 'description', card.description)));
    if (kind === 'SALES') {
      const value = input('number', 'value', card.value);
      value.min = '0';
      value.step = '0.01';
      form.appendChild(field('Value', value));
    }
    form.appendChild(field('Due date', input('date', 'dueDate', card.dueDate)));
    form.appendChild(field('Class of service', select('classOfService', LANE_ORDER, card.classOfService)));
    if (canEdit) {
      form.appendChild(button('Save', () => save(card.id, form), 'primary'));
    }
    detail.appendChild(form);

    if (canEdit) {
      const actions = el('div', 'detail-actions');
      if (card.blockedReason) {
        actions.appendChild(el('p', 'blocked-reason', 'Blocked: ' + card.blockedReason));
        actions.appendChild(button('Unblock', () => act(card.id, 'unblock', {})));
      } else {
        const reason = el('input');
        reason.placeholder = 'Why is it blocked?';
        reason.maxLength = 1000;
        reason.setAttribute('aria-label', 'Block reason');
        actions.appendChild(reason);
        actions.appendChild(button('Block', () => reason.value.trim()
          ? act(card.id, 'block', { reason: reason.value.trim() }) : toast('Give a reason to block the card')));
      }
      const outcomes = kind === 'SALES' ? ['WON', 'LOST', 'DROPPED'] : ['DONE', 'DROPPED'];
      const outcome = select('outcome', outcomes, outcomes[0]);
      outcome.setAttribute('aria-label', 'Outcome');
      actions.appendChild(outcome);
      actions.appendChild(button('Close card', () => act(card.id, 'close', { outcome: outcome.value })));
      detail.appendChild(actions);
    }

    const touch = el('section', 'touchpoints');
    touch.appendChild(el('h3', null, 'Touchpoints'));
    const touchList = el('ul');
    touch.appendChild(touchList);
    if (canEdit) {
      const channel = select('channel', ['CALL', 'EMAIL', 'MEETING', 'SOCIAL', 'EVENT', 'WEB', 'CHAT'], 'CALL');
      channel.setAttribute('aria-label', 'Channel');
      const note = el('input');
      note.placeholder = 'What happened?';
      note.maxLength = 10000;
      note.setAttribute('aria-label', 'Touchpoint note');
      touch.appendChild(channel);
      touch.appendChild(note);
      touch.appendChild(button('Log', async () => {
        try {
          await api('POST', '/api/cards/' + card.id + '/touchpoints', { channel: channel.value, note: note.value });
          note.value = '';
          loadTouchpoints(card.id, touchList);
        } catch (error) {
          toast(error.message);
        }
      }));
    }
    detail.appendChild(touch);

    const history = el('section', 'history');
    history.appendChild(el('h3', null, 'History'));
    const historyList = el('ol');
    history.appendChild(historyList);
    detail.appendChild(history);
    detail.hidden = false;
    title.focus();
    loadTouchpoints(card.id, touchList);
    api('GET', '/api/cards/' + card.id + '/history?limit=200').then(events => {
      historyList.replaceChildren(...events.map(e =>
        el('li', null, new Date(e.at).toLocaleString() + ' · ' + e.actor + ' · ' + e.type.replace('card.', ''))));
    }).catch(() => {});
  }

  async function loadTouchpoints(cardId, list) {
    try {
      const touchpoints = await api('GET', '/api/cards/' + cardId + '/touchpoints');
      list.replaceChildren(...touchpoints.map(t =>
        el('li', null, new Date(t.at).toLocaleString() + ' · ' + t.channel + (t.note ? ' · ' + t.note : ''))));
    } catch (error) {
      list.replaceChildren(el('li', null, 'Could not load touchpoints'));
    }
  }

  function closeDetail() {
    const cardId = detail.dataset.cardId;
    detail.hidden = true;
    detail.replaceChildren();
    if (cardId) {
      focusCard(cardId);
    }
  }

  async function save(cardId, form) {
    const card = state.cards.get(cardId);
    const data = new FormData(form);
    const body = { version: card.version, title: String(data.get('title') || '').trim() };
    body.description = String(data.get('description') || '') || null;
    if (data.has('value')) {
      body.value = Number(data.get('value') || 0);
    }
    body.dueDate = data.get('dueDate') || null;
    body.classOfService = data.get('classOfService');
    try {
      upsert(await api('PATCH', '/api/cards/' + cardId, body));
      render();
      toast('Saved');
      openDetail(cardId);
    } catch (error) {
      refused(error);
    }
  }

  async function act(cardId, action, extra) {
    const card = state.cards.get(cardId);
    try {
      const changed = await api('POST', '/api/cards/' + cardId + '/' + action, Object.assign({ version: card.version }, extra));
      upsert(changed);
      render();
      if (changed.outcome === 'OPEN') {
        openDetail(cardId);
      } else {
        closeDetail();
        toast('Closed as ' + changed.outcome);
      }
    } catch (error) {
      refused(error);
    }
  }

  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && !detail.hidden) {
      closeDetail();
    }
  });

  // ---- Live updates --------------------------------------------------------------------------------------

  const connection = document.getElementById('connection');
  let source = null;
  let pollTimer = null;

  function setConnection(stateName, text) {
    connection.dataset.state = stateName;
    connection.textContent = text;
  }

  function connect() {
    if (!window.EventSource) {
      startPolling();
      return;
    }
    let opened = false;
    let failures = 0;
    setConnection('connecting', 'Connecting…');
    source = new EventSource('/api/boards/' + boardId + '/events?since=' + state.lastSeq);
    const openTimer = setTimeout(() => {
      if (!opened) {
        startPolling();
      }
    }, OPEN_TIMEOUT_MS);
    source.onopen = () => {
      opened = true;
      failures = 0;
      clearTimeout(openTimer);
      setConnection('live', 'Live');
    };
    source.onerror = () => {
      failures++;
      if (!opened && failures >= 2) {
        clearTimeout(openTimer);
        startPolling();
        return;
      }
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up: reconnect ourselves from the last seq we applied.
        setConnection('reconnecting', 'Reconnecting…');
        source.close();
        setTimeout(connect, 3000);
      } else {
        setConnection('reconnecting', 'Reconnecting…');
      }
    };
    CARD_EVENTS.forEach(type => source.addEventListener(type, onBoardEvent));
  }

  /** The stream cannot connect (e.g. a proxy buffers it): poll the snapshot instead, and say so. */
  function startPolling() {
    if (source) {
      source.close();
      source = null;
    }
    setConnection('polling', 'Polling every ' + POLL_MS / 1000 + ' s (live stream unavailable)');
    clearInterval(pollTimer);
    pollTimer = setInterval(() => {
      if (!state.dragging) {
        loadSnapshot().catch(() => setConnection('offline', 'Offline — retrying'));
      }
    }, POLL_MS);
    setTimeout(() => {
      clearInterval(pollTimer);
      connect();
    }, 60000);
  }

  // ---- Start ---------------------------------------------------------------------------------------------

  loadPeople()
    .then(loadSnapshot)
    .then(connect)
    .catch(error => {
      root.replaceChildren(el('p', 'alert', 'Could not load the board: ' + error.message));
    });
})();
