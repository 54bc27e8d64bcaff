// Part 20 — the validator alone (docs/validator.md): the CLI's verdicts for the page's own
// JavaScript, no form, no canvas. ftblock.validator() loads ftblock-validator-core.js (the
// core-only WebAssembly module) and ftblock-validator.js from ftblock.baseUrl on first use, once;
// ftblock.validate / ftblock.check are its methods behind that promise.
(function (global) {
  'use strict';

  var ftblock = global.ftblock;
  var loading = null;

  // → Promise<Validator> (validate, check, batch: synchronous once loaded). A failed load is not
  // cached, so a later call tries again.
  ftblock.validator = function () {
    if (!loading) {
      loading = ftblock.loadScript('ftblock-validator-core.js', 'createFtblockValidatorCore')
        .then(function () {
          return ftblock.loadScript('ftblock-validator.js', 'ftblockValidator');
        })
        .then(function () {
          return global.ftblockValidator.load({ base: ftblock.baseUrl || null });
        });
      loading.then(null, function () {
        loading = null;
      });
    }
    return loading;
  };

  // → Promise of { valid, diagnostics } (or { valid: false, diagnostics: [], error } when the text
  // is not one JSON object); rejects with the TypeError/Error validate() throws for bad options.
  ftblock.validate = function (recordOrText, options) {
    return ftblock.validator().then(function (validator) {
      return validator.validate(recordOrText, options);
    });
  };

  // → Promise of { report, exitCode, summary } for one whole input, as `ftblock check` reports it.
  ftblock.check = function (input, options) {
    return ftblock.validator().then(function (validator) {
      return validator.check(input, options);
    });
  };

  // → Promise of the L2 suggestion for a note: { text, suggested, ranking } (docs/suggest.md).
  ftblock.suggest = function (note, options) {
    return ftblock.validator().then(function (validator) {
      return validator.suggest(note, options);
    });
  };
})(window);
