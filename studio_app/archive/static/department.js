// The department page of the county archive: a department's follow-ups, replies and
// status changes, over the department API with the credential the clerk pastes.
//
// The credential is kept in this tab's sessionStorage only: never in a URL, a cookie or
// localStorage. Every text from the archive is shown with textContent, never as HTML.
'use strict';

(function () {
  const CREDENTIAL_KEY = 'villageStudio.department.credential';
  const PERSON_KEY = 'villageStudio.department.person';
  const LANGUAGE_KEY = 'villageStudio.department.language'; // localStorage: only the language
  const API = '/v1/department/follow-ups';
  const MAX_TEXT = 100000;
  // vsa1.<account id, 32 hex digits>.<secret>; checked before it goes into a header.
  const CREDENTIAL_PATTERN = /^vsa1\.[0-9a-fA-F]{32}\.[A-Za-z0-9_\-]+$/;
  const DONE = new Set(['resolved', 'published']);

  const TEXTS = {
    zh: {
      pageTitle: '部门督办事项 · 县档案库',
      title: '部门督办事项',
      language: '语言',
      signOut: '退出',
      signInTitle: '登录',
      signInHelp: '请粘贴县档案库发给本部门的凭证（以 vsa1. 开头的一长串字符）。' +
        '凭证只保存在这个浏览器标签页里，关闭标签页或点“退出”后即清除。',
      credentialLabel: '部门凭证',
      signIn: '登录',
      signingIn: '正在登录…',
      signedOut: '已退出，凭证已从本页清除。',
      listTitle: '本部门的督办事项',
      refresh: '刷新',
      personLabel: '经办人姓名（选填）',
      personHelp: '填写后会显示在答复旁边，便于直播间联系。',
      loading: '正在加载…',
      loaded: (count, time) => `共 ${count} 件，${time} 更新。`,
      empty: '目前没有交给本部门的督办事项。',
      status: {
        assigned: '已交办',
        in_progress: '办理中',
        resolved: '已办结',
        published: '已公开',
        returned: '退回重办',
      },
      lead: '本部门牵头',
      supporting: '本部门配合',
      overdue: (days) => `已逾期 ${days} 天`,
      deadline: '办结期限',
      noDeadline: '未定',
      responsible: '责任人',
      created: '承诺时间',
      studio: '直播间编号',
      history: '办理经过（按时间先后）',
      noHistory: '还没有办理记录。',
      replyLabel: '答复或办理说明',
      addReply: '提交答复',
      markInProgress: '标记为办理中',
      markResolved: '标记为已办结',
      noStatusResolved: '已办结，等待直播间审核。仍可补充答复。',
      noStatusPublished: '结果已公开。仍可补充答复。',
      eventReply: '答复',
      eventStatus: (status) => `状态改为“${status}”`,
      fromDepartment: '部门',
      fromStudio: '直播间',
      sending: '正在提交…',
      sent: '已提交。',
      errors: {
        emptyCredential: '请先粘贴凭证。',
        badFormat: '这不是有效的凭证。凭证以 vsa1. 开头，请完整复制县档案库发来的整串字符。',
        unauthorized: '凭证不正确或已被收回，无法登录。请联系县档案库为本部门重新发放凭证。',
        revoked: '此凭证已被县档案库收回。请联系县档案库为本部门重新发放凭证。',
        forbidden: '这不是部门凭证（可能是直播间用的凭证）。请使用县档案库发给本部门的凭证。',
        network: '无法连接县档案库服务器。请检查网络连接，稍后再试。',
        server: '服务器暂时出错，请稍后再试。',
        unavailable: '县档案库暂时无法使用，请稍后再试。',
        notFound: '此事项已不再交给本部门。列表已刷新。',
        conflict: '此事项的状态已经变了，不能这样更改。列表已刷新，请查看最新状态。',
        tooLong: '内容太长，请缩短后再提交。',
        invalid: '提交的内容不符合要求，请检查后再试。',
        replyEmpty: '请先在文本框里写下答复。',
        requestId: (id) => `（如需求助，请告知编号 ${id}）`,
        details: (text) => `服务器说明：${text}`,
      },
    },
    en: {
      pageTitle: 'Department follow-ups · County archive',
      title: 'Department follow-ups',
      language: 'Language',
      signOut: 'Sign out',
      signInTitle: 'Sign in',
      signInHelp: 'Paste the credential the county archive gave your department (a long ' +
        'string starting with vsa1.). It is kept in this browser tab only and is cleared ' +
        'when you close the tab or sign out.',
      credentialLabel: 'Department credential',
      signIn: 'Sign in',
      signingIn: 'Signing in…',
      signedOut: 'Signed out: the credential has been cleared from this page.',
      listTitle: 'Follow-ups of your department',
      refresh: 'Refresh',
      personLabel: 'Your name (optional)',
      personHelp: 'Shown beside your replies, so the studio knows whom to contact.',
      loading: 'Loading…',
      loaded: (count, time) => `${count} follow-up${count === 1 ? '' : 's'}, updated ${time}.`,
      empty: 'No follow-ups are assigned to your department at the moment.',
      status: {
        assigned: 'Assigned',
        in_progress: 'In progress',
        resolved: 'Resolved',
        published: 'Published',
        returned: 'Returned for rework',
      },
      lead: 'Your department leads',
      supporting: 'Your department supports',
      overdue: (days) => `Overdue by ${days} day${days === 1 ? '' : 's'}`,
      deadline: 'Deadline',
      noDeadline: 'None set',
      responsible: 'Responsible person',
      created: 'Promised on',
      studio: 'Studio id',
      history: 'History (oldest first)',
      noHistory: 'Nothing recorded yet.',
      replyLabel: 'Reply or progress note',
      addReply: 'Add reply',
      markInProgress: 'Mark in progress',
      markResolved: 'Mark resolved',
      noStatusResolved: 'Resolved: waiting for the studio\'s review. You can still add replies.',
      noStatusPublished: 'The result is published. You can still add replies.',
      eventReply: 'Reply',
      eventStatus: (status) => `Status: ${status}`,
      fromDepartment: 'department',
      fromStudio: 'studio',
      sending: 'Sending…',
      sent: 'Sent.',
      errors: {
        emptyCredential: 'Paste the credential first.',
        badFormat: 'This is not a valid credential. It starts with vsa1.: copy the whole ' +
          'string the county archive sent you.',
        unauthorized: 'The credential is wrong or has been revoked. Ask the county archive ' +
          'for a new credential for your department.',
        revoked: 'This credential has been revoked by the county. Ask the county archive for ' +
          'a new credential for your department.',
        forbidden: 'This is not a department credential (perhaps a studio\'s). Use the one ' +
          'the county archive gave your department.',
        network: 'Cannot reach the county archive. Check the network connection and try again.',
        server: 'The archive had a problem. Please try again later.',
        unavailable: 'The county archive is unavailable at the moment. Please try again later.',
        notFound: 'This follow-up is no longer assigned to your department. The list has been ' +
          'refreshed.',
        conflict: 'The status of this follow-up has changed and cannot be changed this way. ' +
          'The list has been refreshed: check the current status.',
        tooLong: 'The text is too long. Please shorten it.',
        invalid: 'The archive did not accept this. Please check and try again.',
        replyEmpty: 'Write your reply in the text box first.',
        requestId: (id) => ` (reference ${id} if you ask for help)`,
        details: (text) => `The archive said: ${text}`,
      },
    },
  };

  // ------------------------------------------------------------------ state
  const state = {
    language: initialLanguage(),
    items: [],
    loadedAt: null,
    loads: 0,
    busy: false,
  };

  function initialLanguage() {
    let saved = null;
    try {
      saved = window.localStorage.getItem(LANGUAGE_KEY);
    } catch (error) {
      saved = null;
    }
    if (saved === 'zh' || saved === 'en') return saved;
    const browser = (navigator.language || '').toLowerCase();
    return browser.startsWith('zh') ? 'zh' : 'en';
  }

  function t() {
    return TEXTS[state.language];
  }

  function locale() {
    // The browser's own locale when it speaks the page's language, for familiar formats.
    const browser = navigator.language || '';
    if (state.language === 'zh') return browser.toLowerCase().startsWith('zh') ? browser : 'zh-CN';
    return browser.toLowerCase().startsWith('zh') || !browser ? 'en' : browser;
  }

  function storedCredential() {
    try {
      return window.sessionStorage.getItem(CREDENTIAL_KEY);
    } catch (error) {
      return null;
    }
  }

  function storeCredential(value) {
    try {
      if (value === null) window.sessionStorage.removeItem(CREDENTIAL_KEY);
      else window.sessionStorage.setItem(CREDENTIAL_KEY, value);
    } catch (error) {
      // No storage (a locked-down browser): the credential lives only as long as the page.
    }
    memoryCredential = value;
  }

  let memoryCredential = null;

  function credential() {
    return storedCredential() || memoryCredential;
  }

  // ------------------------------------------------------------------ elements
  const $ = (id) => document.getElementById(id);
  const within = (node, selector) => node.querySelector(selector);

  function show(node, visible) {
    node.hidden = !visible;
  }

  function say(node, text) {
    node.textContent = text || '';
    if (node.classList.contains('error')) show(node, Boolean(text));
  }

  // ------------------------------------------------------------------ the API
  class ApiFailure extends Error {
    constructor(kind, status, body) {
      super(kind);
      this.kind = kind;
      this.status = status || 0;
      this.code = body && typeof body.error === 'string' ? body.error : '';
      this.detail = body && typeof body.message === 'string' ? body.message : '';
      this.requestId = body && typeof body.request_id === 'string' ? body.request_id : '';
    }
  }

  function failureKind(status, body) {
    const code = body && body.error;
    if (status === 401) return code === 'revoked' ? 'revoked' : 'unauthorized';
    if (status === 403) return 'forbidden';
    if (status === 404) return 'notFound';
    if (status === 409) return 'conflict';
    if (status === 413) return 'tooLong';
    if (status === 400 || status === 411 || status === 422) return 'invalid';
    if (status === 503) return 'unavailable';
    return 'server';
  }

  async function api(method, path, body, token) {
    const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    const init = {
      method,
      headers,
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (error) {
      throw new ApiFailure('network');
    }
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    if (!response.ok) throw new ApiFailure(failureKind(response.status, data), response.status, data);
    if (data === null) throw new ApiFailure('server', response.status, null);
    return data;
  }

  function describe(failure) {
    const errors = t().errors;
    let text = errors[failure.kind] || errors.server;
    if (failure.kind === 'invalid' && failure.detail) text += ' ' + errors.details(failure.detail);
    if (failure.requestId && !['unauthorized', 'revoked', 'network'].includes(failure.kind)) {
      text += errors.requestId(failure.requestId);
    }
    return text;
  }

  // ------------------------------------------------------------------ formatting
  function formatTime(iso) {
    const when = new Date(iso);
    if (Number.isNaN(when.getTime())) return String(iso);
    return new Intl.DateTimeFormat(locale(), {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    }).format(when);
  }

  function parseDay(text) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
    if (!match) return null;
    return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  }

  function formatDay(text) {
    const day = parseDay(text);
    if (day === null) return String(text);
    return new Intl.DateTimeFormat(locale(), {
      year: 'numeric', month: 'long', day: 'numeric', weekday: 'short',
    }).format(day);
  }

  /** Days past the deadline (local calendar), 0 when not overdue or done. */
  function daysOverdue(item) {
    const deadline = parseDay(item.deadline);
    if (deadline === null || DONE.has(item.status)) return 0;
    const now = new Date();
    const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    const days = Math.round((today - deadline) / 86400000);
    return days > 0 ? days : 0;
  }

  function statusName(status) {
    return t().status[status] || String(status);
  }

  // ------------------------------------------------------------------ rendering
  function applyLanguage() {
    const texts = t();
    document.documentElement.lang = state.language === 'zh' ? 'zh-CN' : 'en';
    document.title = texts.pageTitle;
    for (const node of document.querySelectorAll('[data-i18n]')) {
      const value = texts[node.dataset.i18n];
      if (typeof value === 'string') node.textContent = value;
    }
    for (const button of document.querySelectorAll('.lang')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === state.language));
    }
    document.body.dataset.language = state.language;
  }

  function sortedItems() {
    // Open follow-ups first, the most urgent deadline first; then the done ones.
    const order = (item) => [
      DONE.has(item.status) ? 1 : 0,
      item.deadline || '9999-99-99',
    ];
    return state.items
      .map((item, index) => ({ item, index }))
      .sort((a, b) => {
        const [x, y] = [order(a.item), order(b.item)];
        if (x[0] !== y[0]) return x[0] - y[0];
        if (x[1] !== y[1]) return x[1] < y[1] ? -1 : 1;
        return a.index - b.index;
      })
      .map((entry) => entry.item);
  }

  function translateTemplate(node) {
    const texts = t();
    for (const labelled of node.querySelectorAll('[data-i18n]')) {
      const value = texts[labelled.dataset.i18n];
      if (typeof value === 'string') labelled.textContent = value;
    }
  }

  function renderEvent(event) {
    const texts = t();
    const node = $('event-template').content.firstElementChild.cloneNode(true);
    node.dataset.kind = String(event.kind);
    node.dataset.origin = String(event.origin);
    if (event.status) node.dataset.status = String(event.status);
    const time = within(node, '.event-time');
    time.textContent = formatTime(event.at);
    time.dateTime = String(event.at);
    within(node, '.event-what').textContent = event.kind === 'status' && event.status
      ? texts.eventStatus(statusName(event.status))
      : texts.eventReply;
    const origin = event.origin === 'department' ? texts.fromDepartment : texts.fromStudio;
    within(node, '.event-author').textContent = event.author
      ? `· ${event.author} (${origin})`
      : `· ${origin}`;
    within(node, '.event-text').textContent = event.text || '';
    return node;
  }

  function renderItem(item, number, draft) {
    const texts = t();
    const node = $('follow-up-template').content.firstElementChild.cloneNode(true);
    translateTemplate(node);
    const overdue = daysOverdue(item);
    node.dataset.id = String(item.id);
    node.dataset.status = String(item.status);
    node.dataset.overdue = String(overdue > 0);
    node.dataset.lead = String(Boolean(item.lead));

    const promiseId = `promise-${number}`;
    const promise = within(node, '.promise');
    promise.id = promiseId;
    promise.textContent = item.promise;
    within(node, 'article').setAttribute('aria-labelledby', promiseId);

    const badge = within(node, '.status-badge');
    badge.textContent = statusName(item.status);
    badge.dataset.status = String(item.status);
    within(node, '.role-badge').textContent = item.lead ? texts.lead : texts.supporting;
    const overdueBadge = within(node, '.overdue-badge');
    overdueBadge.textContent = overdue > 0 ? texts.overdue(overdue) : '';
    show(overdueBadge, overdue > 0);

    const deadline = within(node, '.deadline');
    deadline.textContent = item.deadline ? formatDay(item.deadline) : texts.noDeadline;
    deadline.dataset.overdue = String(overdue > 0);
    within(node, '.responsible').textContent = item.responsible_person || '—';
    within(node, '.created').textContent = formatTime(item.created_at);
    within(node, '.studio').textContent = String(item.studio_id);

    const history = within(node, '.history');
    const events = Array.isArray(item.events) ? item.events : [];
    for (const event of events) history.appendChild(renderEvent(event));
    show(within(node, '.no-history'), events.length === 0);

    const textId = `reply-${number}`;
    const label = within(node, '.reply-label');
    label.htmlFor = textId;
    const text = within(node, '.reply-text');
    text.id = textId;
    text.value = draft || '';
    text.maxLength = MAX_TEXT;

    const allowed = new Set(Array.isArray(item.next_statuses) ? item.next_statuses : []);
    for (const button of node.querySelectorAll('.mark')) {
      show(button, allowed.has(button.dataset.status));
      button.addEventListener('click', () => send(node, item, 'status', button.dataset.status));
    }
    within(node, '.add-reply').addEventListener('click', () => send(node, item, 'reply', null));
    let noStatus = '';
    if (allowed.size === 0 && item.status === 'resolved') noStatus = texts.noStatusResolved;
    if (allowed.size === 0 && item.status === 'published') noStatus = texts.noStatusPublished;
    within(node, '.no-status').textContent = noStatus;
    return node;
  }

  function renderBoard(notes) {
    const texts = t();
    const list = $('items');
    const drafts = new Map();
    for (const node of list.querySelectorAll('.follow-up')) {
      const value = within(node, '.reply-text').value;
      if (value) drafts.set(node.dataset.id, value);
    }
    const focused = document.activeElement;
    const focusedItem = focused && focused.closest ? focused.closest('.follow-up') : null;
    const focus = focusedItem && list.contains(focusedItem)
      ? { id: focusedItem.dataset.id, selector: focusSelector(focused) }
      : null;

    const fresh = document.createDocumentFragment();
    sortedItems().forEach((item, number) => {
      fresh.appendChild(renderItem(item, number, drafts.get(String(item.id))));
    });
    list.replaceChildren(fresh);
    show($('empty'), state.items.length === 0);
    if (state.loadedAt) {
      say($('board-status'), texts.loaded(state.items.length, formatTime(state.loadedAt)));
    }
    for (const [id, note] of Object.entries(notes || {})) {
      const node = itemNode(id);
      if (node === null) continue;
      if (note.error) say(within(node, '.item-error'), note.error);
      if (note.status) say(within(node, '.item-status'), note.status);
    }
    if (focus) {
      const node = itemNode(focus.id);
      const target = node && focus.selector ? node.querySelector(focus.selector) : null;
      if (target && !target.hidden) target.focus();
      else if (node) within(node, '.reply-text').focus();
    }
  }

  function focusSelector(element) {
    if (element.classList.contains('reply-text')) return '.reply-text';
    if (element.classList.contains('add-reply')) return '.add-reply';
    if (element.classList.contains('mark')) return `.mark[data-status="${element.dataset.status}"]`;
    return null;
  }

  function itemNode(id) {
    for (const node of $('items').querySelectorAll('.follow-up')) {
      if (node.dataset.id === id) return node;
    }
    return null;
  }

  // ------------------------------------------------------------------ views
  function showView(view) {
    document.body.dataset.view = view;
    show($('sign-in'), view === 'sign-in');
    show($('board'), view === 'board');
    show($('sign-out'), view === 'board');
  }

  function signOut(message, isError) {
    storeCredential(null);
    try {
      window.sessionStorage.removeItem(PERSON_KEY);
    } catch (error) {
      // Nothing stored.
    }
    $('person').value = '';
    state.items = [];
    state.loadedAt = null;
    $('items').replaceChildren();
    say($('board-error'), '');
    say($('board-status'), '');
    $('credential').value = '';
    showView('sign-in');
    say($('sign-in-error'), isError ? message : '');
    say($('sign-in-status'), isError ? '' : message);
    $('credential').focus();
  }

  function cleanCredential(text) {
    // Tolerate what copying from a message adds: spaces, line breaks, quotes, "Bearer ".
    let value = String(text || '').replace(/\s+/g, '');
    value = value.replace(/^["'“”‘’]+|["'“”‘’]+$/g, '');
    if (/^bearer/i.test(value) && value.slice(6).startsWith('vsa1.')) value = value.slice(6);
    return value;
  }

  async function signIn(event) {
    event.preventDefault();
    if (state.busy) return;
    const errors = t().errors;
    const value = cleanCredential($('credential').value);
    say($('sign-in-status'), '');
    if (!value) {
      say($('sign-in-error'), errors.emptyCredential);
      $('credential').focus();
      return;
    }
    if (!CREDENTIAL_PATTERN.test(value)) {
      say($('sign-in-error'), errors.badFormat);
      $('credential').focus();
      return;
    }
    say($('sign-in-error'), '');
    say($('sign-in-status'), t().signingIn);
    state.busy = true;
    $('sign-in-button').disabled = true;
    try {
      const items = await api('GET', API, undefined, value);
      storeCredential(value); // kept only once the archive has accepted it
      $('credential').value = '';
      say($('sign-in-status'), '');
      received(items);
      showView('board');
      renderBoard();
      $('board-title').focus();
    } catch (failure) {
      say($('sign-in-status'), '');
      say($('sign-in-error'), failure instanceof ApiFailure ? describe(failure) : t().errors.server);
      $('credential').focus();
    } finally {
      state.busy = false;
      $('sign-in-button').disabled = false;
    }
  }

  function received(items) {
    state.items = Array.isArray(items) ? items : [];
    state.loadedAt = new Date().toISOString();
    state.loads += 1;
    document.body.dataset.loads = String(state.loads);
  }

  /** Load the follow-ups again; false when the credential is no longer accepted. */
  async function refresh(notes) {
    const token = credential();
    if (!token) {
      signOut('', false);
      return false;
    }
    say($('board-error'), '');
    say($('board-status'), t().loading);
    $('refresh').disabled = true;
    try {
      received(await api('GET', API, undefined, token));
      renderBoard(notes);
      return true;
    } catch (failure) {
      const kind = failure instanceof ApiFailure ? failure.kind : 'server';
      if (kind === 'unauthorized' || kind === 'revoked' || kind === 'forbidden') {
        signOut(describe(failure), true);
        return false;
      }
      say($('board-status'), '');
      say($('board-error'), failure instanceof ApiFailure ? describe(failure) : t().errors.server);
      renderBoard(notes);
      return true;
    } finally {
      $('refresh').disabled = false;
    }
  }

  async function send(node, item, kind, status) {
    const texts = t();
    const textarea = within(node, '.reply-text');
    const text = textarea.value.trim();
    const error = within(node, '.item-error');
    const note = within(node, '.item-status');
    say(error, '');
    say(note, '');
    if (kind === 'reply' && !text) {
      say(error, texts.errors.replyEmpty);
      textarea.focus();
      return;
    }
    if (text.length > MAX_TEXT) {
      say(error, texts.errors.tooLong);
      textarea.focus();
      return;
    }
    const token = credential();
    if (!token) {
      signOut('', false);
      return;
    }
    const body = { kind, text, person: $('person').value.trim().slice(0, 100) };
    if (status) body.status = status;
    const buttons = node.querySelectorAll('button');
    for (const button of buttons) button.disabled = true;
    node.setAttribute('aria-busy', 'true');
    say(note, texts.sending);
    const id = String(item.id);
    try {
      await api('POST', `${API}/${encodeURIComponent(id)}/events`, body, token);
      textarea.value = '';
      if (await refresh({ [id]: { status: t().sent } })) {
        const fresh = itemNode(id);
        if (fresh) within(fresh, '.reply-text').focus();
      }
    } catch (failure) {
      const kindOf = failure instanceof ApiFailure ? failure.kind : 'server';
      const message = failure instanceof ApiFailure ? describe(failure) : t().errors.server;
      if (kindOf === 'unauthorized' || kindOf === 'revoked' || kindOf === 'forbidden') {
        signOut(message, true);
        return;
      }
      if (kindOf === 'conflict' || kindOf === 'notFound') {
        await refresh({ [id]: { error: message } });
        if (kindOf === 'notFound') say($('board-error'), message);
        return;
      }
      say(note, '');
      say(error, message);
      for (const button of buttons) button.disabled = false;
      node.removeAttribute('aria-busy');
      textarea.focus();
    }
  }

  function setLanguage(language) {
    if (!TEXTS[language]) return;
    state.language = language;
    try {
      window.localStorage.setItem(LANGUAGE_KEY, language);
    } catch (error) {
      // Not remembered; the page still switches.
    }
    applyLanguage();
    // Messages already shown were in the other language: clear them rather than mix.
    for (const id of ['sign-in-error', 'sign-in-status', 'board-error']) say($(id), '');
    if (document.body.dataset.view === 'board') renderBoard();
  }

  // ------------------------------------------------------------------ start
  function start() {
    applyLanguage();
    $('sign-in-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', () => signOut(t().signedOut, false));
    $('refresh').addEventListener('click', () => refresh());
    for (const button of document.querySelectorAll('.lang')) {
      button.addEventListener('click', () => setLanguage(button.dataset.lang));
    }
    const person = $('person');
    try {
      person.value = window.sessionStorage.getItem(PERSON_KEY) || '';
    } catch (error) {
      person.value = '';
    }
    person.addEventListener('change', () => {
      try {
        window.sessionStorage.setItem(PERSON_KEY, person.value.trim());
      } catch (error) {
        // Not remembered.
      }
    });
    if (credential()) {
      showView('board');
      refresh();
    } else {
      showView('sign-in');
      $('credential').focus();
    }
  }

  start();
})();
