// Part 12 — ftblock.Mirror: the form's semantic mirror (docs/accessibility.md). The canvas is a
// picture to assistive technology, so next to it sit real DOM controls — visually hidden
// (opacity 0, never display:none, so they can hold the focus), each laid over the widget it
// stands for, the mouse passing through them to the canvas — kept in step with the tree the
// module sends after each frame that changed it (update). What the user does to them goes back
// to the module through the actions it connects (connect): focus, blur, activate, set, and for
// the text fields the keys, characters and compositions the old hidden textarea used to carry.
// update() touches only what changed: an unchanged tree costs a comparison of strings.
// The live region (one per form, made by mount before the module loads) says the tree's
// announcements, and its problem count once the form has been still for a second.
(function (global) {
  'use strict';

  var ftblock = global.ftblock;
  var counter = 0;

  var SUMMARY_SETTLE_MS = 1000;  // the problem count is said once the form was still this long
  var REANNOUNCE_MS = 100;       // the same words again: cleared, then set after this pause

  // Visually hidden but present (and focusable where the control is): CSSOM, not a style
  // attribute, so it holds under a strict CSP.
  var CONTROL_STYLE = {
    position: 'absolute', margin: '0', padding: '0 4px', border: '0', boxSizing: 'border-box',
    opacity: '0', pointerEvents: 'none', overflow: 'hidden', background: 'transparent',
    color: 'transparent', outline: 'none', resize: 'none', font: '16px sans-serif',
    lineHeight: '1.4', whiteSpace: 'pre', minWidth: '1px', minHeight: '1px'
  };
  // A text field while an input method composes in it: visible over its widget, so the user sees
  // the text being composed (the preedit), as the old textarea did.
  var COMPOSING_STYLE = { opacity: '1', background: '#ffffff', color: '#000000', zIndex: '2',
                          boxShadow: '0 1px 4px rgba(0,0,0,0.3)' };
  var RESTING_STYLE = { opacity: '0', background: 'transparent', color: 'transparent', zIndex: '',
                        boxShadow: 'none' };

  function isTextRole(role) { return role === 'textbox' || role === 'textarea'; }

  function setAttr(el, name, value) {
    if (value === null || value === undefined || value === false) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else {
      var s = value === true ? 'true' : String(value);
      if (el.getAttribute(name) !== s) el.setAttribute(name, s);
    }
  }

  function setProp(el, name, value) {
    if (el[name] !== value) el[name] = value;
  }

  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  function setStyle(el, name, value) {
    if (el.style[name] !== value) el.style[name] = value;
  }

  // container: the form's element; canvas: the drawing; options: { live: the live region,
  // labels: { lang: the form's accessible name } }.
  function Mirror(container, canvas, options) {
    options = options || {};
    var self = this;
    this.container = container;
    this.canvas = canvas;
    this.size = [1, 1];  // the canvas's CSS size as last read (update())
    this.live = options.live || null;
    this.labels = options.labels || {};
    this.prefix = 'ftblock-m' + (++counter) + '-';  // element ids and radio names: unique per form
    this.actions = null;
    this.entries = Object.create(null);  // node id → { node, key, el, ctrl }
    this.groups = Object.create(null);   // radio group id → its radiogroup element
    this.tree = null;
    this.lang = null;
    this.seenFocusSeq = null;
    this.unfollowedSeq = null;   // the form moved its focus while the DOM focus was outside it
    this.following = false;      // we are moving the DOM focus ourselves: no focus action back
    this.composing = null;       // the text control an input method composes in
    this.released = null;        // a text control whose field Escape released (typing re-enters it)
    this.liveSeq = 0;
    this.liveTimer = null;
    this.summarySeen = null;     // the summary of the last update
    this.summarySaid = null;     // the summary last written to the live region
    this.summaryTimer = null;
    // The first tree is built after the browser has shown the first frame (building ~100
    // controls takes longer than drawing it): until then it waits here. shown() says when.
    this.firstTree = null;
    this.firstBuilt = false;
    this.firstWaiters = [];
    this.destroyed = false;

    var root = this.root = document.createElement('div');
    root.className = 'ftblock-mirror';
    root.setAttribute('role', 'group');
    Object.assign(root.style, { position: 'absolute', left: '0px', top: '0px', width: '0px', height: '0px',
                                overflow: 'visible', pointerEvents: 'none' });
    // The descriptions and problems that aria-describedby points at: not shown, not read on
    // their own (the fields say them).
    this.notes = document.createElement('div');
    this.notes.hidden = true;
    root.appendChild(this.notes);
    if (canvas.nextSibling) container.insertBefore(root, canvas.nextSibling);
    else container.appendChild(root);

    this.listeners = [];
    var on = function (target, type, f, capture) {
      target.addEventListener(type, f, !!capture);
      self.listeners.push([target, type, f, !!capture]);
    };
    on(root, 'focusin', function (e) { self.onFocusIn(e); });
    on(root, 'focusout', function (e) { self.onFocusOut(e); });
    on(root, 'keydown', function (e) { self.onKey(e); });
    on(root, 'keyup', function (e) { self.onKey(e); });
    on(root, 'input', function (e) { self.onInput(e); });
    on(root, 'change', function (e) { self.onChange(e); });
    on(root, 'click', function (e) { self.onClick(e); });
    on(root, 'compositionstart', function (e) { self.onComposition(e); });
    on(root, 'compositionend', function (e) { self.onComposition(e); });
    // The container hides what overflows it; a focused control must never scroll it (the canvas
    // would move away from the drawing's coordinates).
    on(container, 'scroll', function () {
      if (container.scrollTop) container.scrollTop = 0;
      if (container.scrollLeft) container.scrollLeft = 0;
    });
  }

  // The module's side: { focus(id), blur(), activate(id), set(id, value), text(s), composition(on),
  // key(event) → true to prevent its default, focusLost(elsewhereOnPage) }; null disconnects.
  Mirror.prototype.connect = function (actions) { this.actions = actions; };

  Mirror.prototype.destroy = function () {
    this.destroyed = true;
    this.firstTree = null;
    this.firstBuilt = true;
    this.firstWaiters.splice(0).forEach(function (f) { f(); });
    this.actions = null;
    clearTimeout(this.liveTimer);
    clearTimeout(this.summaryTimer);
    this.listeners.forEach(function (l) { l[0].removeEventListener(l[1], l[2], l[3]); });
    this.listeners = [];
    if (this.root.parentNode) this.root.parentNode.removeChild(this.root);
    this.entries = Object.create(null);
  };

  // --- what the module asks ----------------------------------------------------------------

  // The DOM focus is in the form: the canvas, the old textarea, the mirror.
  Mirror.prototype.inside = function (el) {
    return !!el && el !== this.live && this.container.contains(el);
  };
  // el is one of the mirror's text fields (what gets keys, characters and the clipboard).
  Mirror.prototype.isText = function (el) {
    var entry = this.entryOf(el);
    return !!entry && el === entry.ctrl && isTextRole(entry.node.role);
  };
  Mirror.prototype.owns = function (el) { return !!el && el !== this.root && this.root.contains(el); };

  // After a click on the canvas: the DOM focus goes to the control the form focused in the
  // frames the click ran, even from outside the form. False: the form focused nothing new.
  // True also when the DOM focus already is on the form's focused control.
  Mirror.prototype.follow = function () {
    if (!this.tree) return false;
    if (this.unfollowedSeq !== null && this.unfollowedSeq === this.tree.focusSeq) {
      this.unfollowedSeq = null;
      return this.focusNode(this.tree.focus);
    }
    var entry = this.entries[this.tree.focus];
    return !!entry && this.owns(document.activeElement) && entry === this.entryOf(document.activeElement);
  };

  // The control of the form's focused text field, if the mirror has one (else the old textarea
  // takes the text).
  Mirror.prototype.focusedTextControl = function () {
    var entry = this.tree && this.entries[this.tree.focus];
    return entry && isTextRole(entry.node.role) && !entry.ctrl.disabled ? entry.ctrl : null;
  };

  // --- the tree ----------------------------------------------------------------------------

  // tree: the JSON of docs/accessibility.md (text or parsed).
  // Calls f once the first tree is built (at once if it is, or if no tree came yet).
  Mirror.prototype.shown = function (f) {
    if (this.firstBuilt || this.firstTree === null) f();
    else this.firstWaiters.push(f);
  };

  // Runs f after the browser has painted what is on screen now: after the next animation frame
  // (which comes before that paint), or after 100 ms where animation frames do not run (a tab
  // in the background).
  function afterPaint(f) {
    var done = false;
    var run = function () {
      if (done) return;
      done = true;
      f();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(function () { setTimeout(run, 0); });
    setTimeout(run, 100);
  }

  Mirror.prototype.update = function (tree) {
    if (!this.firstBuilt) {  // the form's first frame: its tree is built once that frame is shown
      var scheduled = this.firstTree !== null;
      this.firstTree = tree;
      if (scheduled) return;
      var self = this;
      afterPaint(function () {
        if (self.destroyed) return;
        var first = self.firstTree;
        self.firstBuilt = true;
        self.firstTree = null;
        self.update(first);
        self.firstWaiters.splice(0).forEach(function (w) { w(); });
      });
      return;
    }
    if (typeof tree === 'string') tree = JSON.parse(tree);
    var previous = this.tree;
    this.tree = tree;
    var nodes = tree.nodes || [];

    if (tree.lang !== this.lang) {
      this.lang = tree.lang;
      setAttr(this.root, 'lang', tree.lang);
      setAttr(this.root, 'aria-label', this.labels[tree.lang] || this.labels.en || null);
      if (this.live) setAttr(this.live, 'lang', tree.lang);
    }

    // The canvas's size, read once: reading it after each control's style was set would make the
    // browser lay the page out once per control.
    this.size = [this.canvas.clientWidth || 1, this.canvas.clientHeight || 1];
    var seen = Object.create(null);
    var i, node;
    for (i = 0; i < nodes.length; i++) seen[nodes[i].id] = nodes[i];
    // Gone first: the DOM focus must not fall out of the form with a removed control.
    for (var id in this.entries) if (!seen[id]) this.remove(id);

    for (i = 0; i < nodes.length; i++) {
      node = nodes[i];
      var key = JSON.stringify(node);
      var entry = this.entries[node.id];
      if (entry && entry.key === key) continue;
      if (entry && entry.node.role !== node.role) {
        this.remove(node.id);
        entry = null;
      }
      if (!entry) entry = this.entries[node.id] = this.create(node);
      entry.node = node;
      entry.key = key;
      this.apply(entry, seen);
    }
    this.arrange(nodes);
    this.syncFocus(previous);
    this.syncSelection();
    this.announce(tree);
  };

  Mirror.prototype.create = function (node) {
    var entry = { node: node, key: null, el: null, ctrl: null };
    var el;
    switch (node.role) {
    case 'textbox':
      el = document.createElement('input');
      el.type = 'text';
      break;
    case 'textarea':
      el = document.createElement('textarea');
      break;
    case 'select':
      el = document.createElement('select');
      break;
    case 'radio':
      el = document.createElement('input');
      el.type = 'radio';
      break;
    case 'button':
      el = document.createElement('button');
      el.type = 'button';
      break;
    case 'listbox':
      el = document.createElement('div');
      el.setAttribute('role', 'listbox');
      el.tabIndex = 0;
      break;
    case 'option':
      el = document.createElement('div');
      el.setAttribute('role', 'option');
      break;
    case 'problem':
      entry.el = document.createElement('li');
      el = document.createElement('button');
      el.type = 'button';
      entry.el.appendChild(el);
      break;
    default:
      el = document.createElement('div');
    }
    if (isTextRole(node.role)) {
      el.setAttribute('autocomplete', 'off');
      el.setAttribute('autocorrect', 'off');
      el.setAttribute('autocapitalize', 'off');
      el.spellcheck = false;
    }
    el.id = this.prefix + node.id;
    el.setAttribute('data-ftblock-id', node.id);
    Object.assign(el.style, CONTROL_STYLE);
    if (entry.el) Object.assign(entry.el.style, { listStyle: 'none', margin: '0', padding: '0' });
    entry.ctrl = el;
    if (!entry.el) entry.el = el;
    return entry;
  };

  Mirror.prototype.remove = function (id) {
    var entry = this.entries[id];
    if (!entry) return;
    delete this.entries[id];
    // Keep the focus in the form (a deleted draft, a fixed problem): the canvas holds it until
    // the form says where it goes.
    if (entry.ctrl.contains(document.activeElement)) this.keepFocusInForm();
    if (this.composing === entry.ctrl) this.composing = null;
    if (this.released === entry.ctrl) this.released = null;
    if (entry.el.parentNode) entry.el.parentNode.removeChild(entry.el);
    this.setNote(id, 'error', null);
    this.setNote(id, 'desc', null);
  };

  // The description elements aria-describedby points at (kind 'error' or 'desc'); null removes.
  Mirror.prototype.setNote = function (id, kind, text) {
    var noteId = this.prefix + id + '-' + kind;
    var el = this.notes.querySelector('[id="' + noteId + '"]');
    if (!text) {
      if (el) this.notes.removeChild(el);
      return null;
    }
    if (!el) {
      el = document.createElement('div');
      el.id = noteId;
      this.notes.appendChild(el);
    }
    setText(el, text);
    return noteId;
  };

  // The canvas's size: a control is kept inside it, so focusing one never scrolls the container.
  Mirror.prototype.place = function (el, rect, origin) {
    var cw = this.size[0], ch = this.size[1];
    rect = rect || [0, 0, 1, 1];
    var x = Math.min(Math.max(rect[0], 0), cw - 1), y = Math.min(Math.max(rect[1], 0), ch - 1);
    var w = Math.max(1, Math.min(rect[2] - (x - rect[0]), cw - x));
    var h = Math.max(1, Math.min(rect[3] - (y - rect[1]), ch - y));
    var left = x - (origin ? origin[0] : 0), top = y - (origin ? origin[1] : 0);
    setStyle(el, 'left', left + 'px');
    setStyle(el, 'top', top + 'px');
    setStyle(el, 'width', w + 'px');
    setStyle(el, 'height', h + 'px');
    return [x, y, w, h];
  };

  Mirror.prototype.apply = function (entry, byId) {
    var node = entry.node, ctrl = entry.ctrl, role = node.role;
    var name = node.name || '';
    var describedBy = [this.setNote(node.id, 'error', node.error), this.setNote(node.id, 'desc', node.desc)]
      .filter(Boolean).join(' ');

    if (role === 'option') {
      this.placeOption(entry, byId);
    } else {
      this.place(ctrl, node.rect, null);
    }
    if (role === 'listbox') {
      // Its options are placed relative to it: they move with it.
      for (var other in this.entries) {
        var o = this.entries[other];
        if (o.node.role === 'option' && o.node.parent === node.id && o !== entry) this.placeOption(o, byId);
      }
    }

    if (role === 'button' || role === 'problem' || role === 'text' || role === 'option') {
      setText(ctrl, role === 'text' && node.value ? name + ' ' + node.value : name);
    } else {
      setAttr(ctrl, 'aria-label', name || null);
    }
    if (role !== 'text') {
      setAttr(ctrl, 'aria-describedby', describedBy || null);
      setAttr(ctrl, 'aria-invalid', node.invalid ? 'true' : null);
    }
    // aria-required, never the required attribute: a select with it and the empty choice would
    // be invalid to the browser before the user touched it (the form says a problem only then).
    if (role !== 'radio' && role !== 'text' && role !== 'option' && role !== 'button' && role !== 'problem')
      setAttr(ctrl, 'aria-required', node.required ? 'true' : null);
    if (isTextRole(role) || role === 'select' || role === 'radio') {
      // A disabled control cannot hold the focus: the canvas keeps it in the form meanwhile.
      if (node.disabled && !ctrl.disabled && document.activeElement === ctrl) this.keepFocusInForm();
      setProp(ctrl, 'disabled', !!node.disabled);
    } else if (role === 'button' || role === 'problem' || role === 'listbox') {
      // A button that cannot act now stays in the Tab order, said as dimmed with why (export
      // before the record is valid: "Hand-over is possible once …"); a click does nothing.
      setAttr(ctrl, 'aria-disabled', node.disabled ? 'true' : null);
    }

    switch (role) {
    case 'textbox':
    case 'textarea':
      setProp(ctrl, 'readOnly', !!node.readOnly);
      if (this.composing !== ctrl) setProp(ctrl, 'value', node.value || '');
      break;
    case 'select':
      this.applyOptions(ctrl, node);
      setAttr(ctrl, 'aria-readonly', node.readOnly ? 'true' : null);
      break;
    case 'radio':
      setAttr(ctrl, 'name', this.prefix + (node.parent || 'radio'));
      setProp(ctrl, 'value', node.value || '');
      setProp(ctrl, 'checked', !!node.checked);
      break;
    case 'listbox':
      setAttr(ctrl, 'aria-label', name || null);
      if (node.setSize) setAttr(ctrl, 'data-set-size', node.setSize);
      this.updateActiveDescendant(node.id);
      break;
    case 'option':
      setAttr(ctrl, 'aria-selected', node.checked ? 'true' : 'false');
      setAttr(ctrl, 'aria-setsize', node.setSize || null);
      setAttr(ctrl, 'aria-posinset', node.posInSet || null);
      this.updateActiveDescendant(node.parent);
      break;
    }
  };

  Mirror.prototype.placeOption = function (entry, byId) {
    var box = byId[entry.node.parent];
    this.place(entry.ctrl, entry.node.rect, box ? this.clampRect(box.rect) : null);
  };

  Mirror.prototype.keepFocusInForm = function () {
    this.following = true;
    try { this.canvas.focus({ preventScroll: true }); } finally { this.following = false; }
  };

  Mirror.prototype.clampRect = function (rect) {
    var cw = this.size[0], ch = this.size[1];
    return [Math.min(Math.max(rect[0], 0), cw - 1), Math.min(Math.max(rect[1], 0), ch - 1)];
  };

  // A select's <option>s: value, label as text, the choice's definition as its description.
  // The model's empty value gets an empty option (a select would otherwise claim its first).
  Mirror.prototype.applyOptions = function (select, node) {
    var wanted = (node.options || []).slice();
    var value = node.value || '';
    var known = wanted.some(function (o) { return o[0] === value; });
    if (!known) wanted.unshift([value, '', '']);
    var have = select.options;
    for (var i = 0; i < wanted.length; i++) {
      var opt = have[i];
      if (!opt) {
        opt = document.createElement('option');
        select.appendChild(opt);
      }
      setProp(opt, 'value', wanted[i][0]);
      setText(opt, wanted[i][1]);
      setAttr(opt, 'title', wanted[i][2] || null);
      setAttr(opt, 'aria-description', wanted[i][2] || null);
    }
    while (select.options.length > wanted.length) select.removeChild(select.options[select.options.length - 1]);
    setProp(select, 'value', value);
  };

  Mirror.prototype.updateActiveDescendant = function (listId) {
    var list = this.entries[listId];
    if (!list) return;
    var current = null;
    for (var id in this.entries) {
      var e = this.entries[id];
      if (e.node.role === 'option' && e.node.parent === listId && e.node.checked) current = e.ctrl.id;
    }
    setAttr(list.ctrl, 'aria-activedescendant', current);
  };

  // The DOM in the tree's order (the Tab order): radios inside their group, options inside their
  // listbox, problem lines inside one list per run. Moves only what is out of place.
  Mirror.prototype.arrange = function (nodes) {
    var top = [this.notes];
    var children = new Map();  // parent element → its children in order
    var groupsNow = Object.create(null);
    var problemList = null;
    var lists = [];
    var add = function (parent, child) {
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(child);
    };
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i], entry = this.entries[node.id];
      if (node.role !== 'problem') problemList = null;
      if (node.role === 'radio') {
        var gid = node.parent || '';
        var group = groupsNow[gid];
        if (!group) {
          group = groupsNow[gid] = this.groups[gid] || this.makeGroup(gid);
          top.push(group);
        }
        this.applyGroup(group, node);
        add(group, entry.el);
      } else if (node.role === 'option') {
        var list = this.entries[node.parent];
        if (list) add(list.ctrl, entry.el);
      } else if (node.role === 'problem') {
        if (!problemList) {
          problemList = this.problemListAt(lists.length);
          lists.push(problemList);
          top.push(problemList);
        }
        add(problemList, entry.el);
      } else {
        top.push(entry.el);
      }
    }
    for (var gid2 in this.groups) {
      if (!groupsNow[gid2]) {
        var g = this.groups[gid2];
        if (g.parentNode) g.parentNode.removeChild(g);
        delete this.groups[gid2];
      }
    }
    this.groups = groupsNow;
    (this.problemLists || []).slice(lists.length).forEach(function (l) {
      if (l.parentNode) l.parentNode.removeChild(l);
    });
    this.problemLists = lists;
    order(this.root, top);
    children.forEach(function (kids, parent) { order(parent, kids); });
  };

  function order(parent, kids) {
    var at = parent.firstChild;
    for (var i = 0; i < kids.length; i++) {
      var kid = kids[i];
      if (kid === at) {
        at = at.nextSibling;
        continue;
      }
      parent.insertBefore(kid, at);
    }
    // Whatever follows the ordered children is no control of the tree any more (removed
    // entries are taken out already; this is the safety net).
    while (at) {
      var next = at.nextSibling;
      if (at.nodeType === 1) parent.removeChild(at);
      at = next;
    }
  }

  Mirror.prototype.makeGroup = function (gid) {
    var g = document.createElement('div');
    g.setAttribute('role', 'radiogroup');
    g.id = this.prefix + gid;
    g.setAttribute('data-ftblock-group', gid);
    this.groups[gid] = g;
    return g;
  };

  // A radio group takes its name, required, invalid state and problem from its radios.
  Mirror.prototype.applyGroup = function (group, node) {
    setAttr(group, 'aria-label', node.groupName || null);
    setAttr(group, 'aria-required', node.required ? 'true' : null);
    setAttr(group, 'aria-readonly', node.readOnly ? 'true' : null);
  };

  Mirror.prototype.problemListAt = function (index) {
    this.problemLists = this.problemLists || [];
    var list = this.problemLists[index];
    if (!list) {
      list = document.createElement('ul');
      Object.assign(list.style, { margin: '0', padding: '0', listStyle: 'none' });
    }
    return list;
  };

  // --- focus -------------------------------------------------------------------------------

  Mirror.prototype.entryOf = function (el) {
    while (el && el !== this.root) {
      var id = el.getAttribute && el.getAttribute('data-ftblock-id');
      if (id) return this.entries[id] || null;
      el = el.parentNode;
    }
    return null;
  };

  Mirror.prototype.focusNode = function (id) {
    var entry = this.entries[id];
    if (!entry) return false;
    var target = entry.ctrl;
    if (entry.node.role === 'option') {
      var list = this.entries[entry.node.parent];
      if (!list) return false;
      target = list.ctrl;
    }
    if (target.disabled) return false;
    if (document.activeElement !== target) {
      this.following = true;
      try { target.focus({ preventScroll: true }); } finally { this.following = false; }
    }
    return document.activeElement === target;
  };

  // focusSeq moved: the form moved its focus (a click, a jump from a problem line). The DOM focus
  // follows when it is in the form; a click from outside asks follow() itself.
  Mirror.prototype.syncFocus = function (previous) {
    var tree = this.tree;
    if (previous && previous.focusSeq === tree.focusSeq) return;
    if (!previous) {
      this.seenFocusSeq = tree.focusSeq;
      return;
    }
    if (this.inside(document.activeElement)) {
      this.unfollowedSeq = null;
      if (tree.focus) this.focusNode(tree.focus);
    } else {
      this.unfollowedSeq = tree.focusSeq;
    }
  };

  // The focused text field's value and selection (UTF-16 units), never during a composition.
  Mirror.prototype.syncSelection = function () {
    var tree = this.tree, entry = this.entries[tree.focus];
    if (!entry || !isTextRole(entry.node.role) || entry.ctrl !== document.activeElement) return;
    var ctrl = entry.ctrl;
    if (this.composing === ctrl) return;
    setProp(ctrl, 'value', entry.node.value || '');
    var caret = tree.caret || [-1, -1];
    if (caret[0] < 0) return;
    var start = Math.min(caret[0], caret[1]), end = Math.max(caret[0], caret[1]);
    var direction = caret[0] > caret[1] ? 'backward' : 'forward';
    if (ctrl.selectionStart !== start || ctrl.selectionEnd !== end ||
        (start !== end && ctrl.selectionDirection !== direction)) {
      try { ctrl.setSelectionRange(start, end, direction); } catch (err) {}
    }
  };

  Mirror.prototype.onFocusIn = function (e) {
    var entry = this.entryOf(e.target);
    if (!entry || !this.actions) return;
    this.unfollowedSeq = null;
    this.released = null;
    var id = entry.node.id;
    if (!this.following) {
      this.actions.focus(id);
      return;
    }
    // We moved the focus after the form's own move: the form learns where the DOM focus is
    // (its focus ring) once this update is over, never from inside it.
    var self = this, target = e.target;
    Promise.resolve().then(function () {
      if (self.actions && document.activeElement === target) self.actions.focus(id);
    });
  };

  Mirror.prototype.onFocusOut = function (e) {
    if (this.inside(e.relatedTarget) || !this.actions) return;
    var self = this;
    this.actions.focusLost(false);  // nothing stays held
    // Another window took the focus: the page's focus stays where it was. Something else on the
    // page took it: the form lets go of its field and its focus ring.
    setTimeout(function () {
      if (self.actions && document.hasFocus() && !self.inside(document.activeElement)) self.actions.blur();
    }, 0);
  };

  // --- what the user does ------------------------------------------------------------------

  // A text field whose field Escape released: the next key or character enters it again first.
  Mirror.prototype.reenter = function (ctrl) {
    if (this.released !== ctrl || !this.actions) return;
    this.released = null;
    var entry = this.entryOf(ctrl);
    if (entry) this.actions.focus(entry.node.id);
  };

  Mirror.prototype.onKey = function (e) {
    var entry = this.entryOf(e.target);
    if (!entry || !this.actions) return;
    var role = entry.node.role;
    if (isTextRole(role) && e.target === entry.ctrl) {
      // Keys of a text field go to the form as the old textarea's did (characters come from
      // the input event); Tab is the browser's: it walks the mirror and leaves the form.
      if (e.key === 'Tab') return;
      if (e.type === 'keydown' && !/^(Escape|Shift|Control|Alt|Meta)$/.test(e.key)) this.reenter(e.target);
      if (this.actions.key(e, true)) e.preventDefault();
      if (e.type === 'keydown' && e.key === 'Escape' && !e.isComposing) this.released = e.target;
      return;
    }
    // Other controls: the browser's keys, except while the drawing shows a list the mouse opened
    // there (a pick-list's, the calendar): the form takes the navigation keys for it then.
    if (this.actions.key(e, false)) {
      e.preventDefault();
      return;
    }
    if (e.type !== 'keydown') return;
    // A select never opens the browser's own list (it would show over the drawing): its value
    // moves with the arrows, Home, End and typed letters.
    if (role === 'select' && (e.key === ' ' || e.key === 'Enter' || e.key === 'F4' ||
                              (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')))) {
      e.preventDefault();
      return;
    }
    // Escape: the form closes a confirmation (as its Cancel) or cancels an import.
    if (e.key === 'Escape') this.actions.activate('escape');
    if (role === 'listbox' && !e.altKey && !e.ctrlKey && !e.metaKey) this.listKey(entry, e);
  };

  // The drafts list: the moves are the form's to resolve (only a window of the list is in the
  // tree): Up/Down the neighbouring draft, Home/End/PageUp/PageDown further. Enter chooses the
  // current draft (in the narrow layout that closes the drafts panel and shows the record).
  Mirror.prototype.listKey = function (list, e) {
    var moves = { ArrowUp: 'prev', ArrowDown: 'next', Home: 'first', End: 'last', PageUp: 'pageup',
                  PageDown: 'pagedown' };
    if (moves[e.key]) {
      e.preventDefault();
      if (!list.node.disabled) this.actions.set(list.node.id, moves[e.key]);
      return;
    }
    if (e.key !== 'Enter' || list.node.disabled) return;
    for (var i = 0; i < this.tree.nodes.length; i++) {
      var n = this.tree.nodes[i];
      if (n.role === 'option' && n.parent === list.node.id && n.checked) {
        e.preventDefault();
        this.actions.activate(n.id);
        return;
      }
    }
  };

  Mirror.prototype.onInput = function (e) {
    var entry = this.entryOf(e.target);
    if (!entry || !this.actions || !isTextRole(entry.node.role) || e.target !== entry.ctrl) return;
    if (this.composing || e.isComposing) return;
    var type = e.inputType || '';
    if (type === 'insertCompositionText' || type === 'insertFromComposition') return;
    this.reenter(e.target);
    if (type === 'insertText' && e.data) {
      // Typed: the form inserts it at its caret (which the selection mirrors); the value comes
      // back with the next update.
      this.actions.text(e.data);
    } else {
      // Replaced some other way (a spelling suggestion, dictation, assistive technology, a
      // deletion the keys did not bring): the whole value.
      this.actions.set(entry.node.id, e.target.value);
    }
  };

  Mirror.prototype.onComposition = function (e) {
    var entry = this.entryOf(e.target);
    if (!entry || !this.actions || !isTextRole(entry.node.role) || e.target !== entry.ctrl) return;
    var ctrl = entry.ctrl;
    if (e.type === 'compositionstart') {
      this.reenter(ctrl);
      this.composing = ctrl;
      this.actions.composition(true);
      Object.assign(ctrl.style, COMPOSING_STYLE);
      return;
    }
    this.composing = null;
    this.actions.composition(false);
    Object.assign(ctrl.style, RESTING_STYLE);
    if (e.data) this.actions.text(e.data);
    // The model's text again until the committed characters come back with the next update.
    setProp(ctrl, 'value', entry.node.value || '');
    this.syncSelection();
  };

  Mirror.prototype.onChange = function (e) {
    var entry = this.entryOf(e.target);
    if (!entry || !this.actions) return;
    var node = entry.node;
    if (node.role === 'select') {
      if (node.readOnly) setProp(entry.ctrl, 'value', node.value || '');
      else this.actions.set(node.id, entry.ctrl.value);
    } else if (node.role === 'radio') {
      if (node.readOnly) {
        this.restoreRadios(node.parent);
      } else if (entry.ctrl.checked) {
        this.actions.set(node.parent, node.value);
      }
    }
  };

  Mirror.prototype.restoreRadios = function (gid) {
    for (var id in this.entries) {
      var e = this.entries[id];
      if (e.node.role === 'radio' && e.node.parent === gid) setProp(e.ctrl, 'checked', !!e.node.checked);
    }
  };

  Mirror.prototype.onClick = function (e) {
    var entry = this.entryOf(e.target);
    if (!entry || !this.actions) return;
    var role = entry.node.role;
    if (role === 'button' || role === 'problem' || role === 'option') {
      if (entry.node.disabled) return;
      e.preventDefault();
      this.actions.activate(entry.node.id);
    }
  };

  // --- the live region ---------------------------------------------------------------------

  Mirror.prototype.say = function (text) {
    var live = this.live;
    if (!live || !text) return;
    clearTimeout(this.liveTimer);
    if (live.textContent === text) {
      // The same words again: a region that does not change says nothing.
      live.textContent = '';
      this.liveTimer = setTimeout(function () { live.textContent = text; }, REANNOUNCE_MS);
    } else {
      live.textContent = text;
    }
  };

  Mirror.prototype.announce = function (tree) {
    var live = tree.live || {};
    if (live.seq && live.seq !== this.liveSeq) {
      this.liveSeq = live.seq;
      this.say(live.text);
    }
    var summary = tree.summary || '';
    if (this.summarySaid === null) {
      this.summarySaid = this.summarySeen = summary;  // the form's first state is not news
      return;
    }
    // Each update is the user still at work (the form sends one only when something changed):
    // the count is said once the form has been still for a second, and only if it is new.
    this.summarySeen = summary;
    clearTimeout(this.summaryTimer);
    this.summaryTimer = null;
    if (summary === this.summarySaid) return;
    var self = this;
    this.summaryTimer = setTimeout(function () {
      self.summaryTimer = null;
      if (self.summarySeen === self.summarySaid) return;
      self.summarySaid = self.summarySeen;
      self.say(self.summarySeen);
    }, SUMMARY_SETTLE_MS);
  };

  ftblock.Mirror = Mirror;
})(window);
