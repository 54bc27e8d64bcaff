// ftblock-validator-worker.js — a worker of ftblockValidator.pool() (docs/validator.md#the-worker-pool):
// it checks pieces of a batch's files and sends each piece's report text and counts back; the
// page joins them in order. Loaded by the pool, never by a page directly:
//   page: new Worker('…/ftblock-validator-worker.js'): the two validator scripts from the same
//         folder (importScripts: same origin, no blob: URL, fine under script-src 'self')
//   node: a worker_threads Worker: the validator next to this file
// Messages in: { type: 'init', load } · { type: 'batch', batch, settings } · { type: 'piece', batch, seq, piece }
//   · a large file that is not cut, in parts: { type: 'open', batch, seq, piece } then { type: 'feed', batch, seq, bytes, end }
// out: { type: 'ready' } · { type: 'piece', batch, seq, text, records, …, count, error } (a piece, or the
//   last part) · { type: 'part', batch, seq, text } (a part's text) · { type: 'error', message }
(function () {
  'use strict';
  var inNode = typeof importScripts !== 'function';
  var api, port;
  if (inNode) {
    port = require('worker_threads').parentPort;
    api = require('./ftblock-validator.js');
  } else {
    importScripts('ftblock-validator-core.js', 'ftblock-validator.js');
    api = self.ftblockValidator;
  }
  function send(msg) {
    if (inNode) port.postMessage(msg);
    else self.postMessage(msg);
  }
  function message(e) {
    return e && e.message ? e.message : String(e);
  }

  var ready = null, side = null, pieces = null, batch = 0;
  function reply(r, msg) {
    r.type = 'piece';
    r.batch = msg.batch;
    r.seq = msg.seq;
    send(r);
  }
  function handle(msg) {
    if (msg.type === 'init') {
      ready = api.load(msg.load).then(function (v) {
        side = v._poolSide;
        send({ type: 'ready' });
      }, function (e) {
        send({ type: 'error', message: message(e) });
      });
      return;
    }
    ready.then(function () {  // callbacks on one promise run in the order they were added
      try {
        if (msg.type === 'batch') {
          if (pieces) pieces.dispose();
          pieces = side.pieces(msg.settings);
          batch = msg.batch;
        } else if (msg.batch !== batch) {
          return;  // a batch that has ended
        } else if (msg.type === 'piece') {
          reply(pieces.check(msg.piece), msg);
        } else if (msg.type === 'open') {
          pieces.begin(msg.piece);
        } else if (msg.type === 'feed') {
          var text = pieces.push(msg.bytes);
          if (!msg.end) {
            send({ type: 'part', batch: msg.batch, seq: msg.seq, text: text });
            return;
          }
          var r = pieces.end();
          r.text = text + r.text;
          reply(r, msg);
        }
      } catch (e) {
        send({ type: 'error', batch: msg.batch, message: message(e) });
      }
    });
  }
  if (inNode) port.on('message', handle);
  else self.onmessage = function (e) { handle(e.data); };
})();
