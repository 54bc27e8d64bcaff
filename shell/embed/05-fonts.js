// Part 05 — the fonts the form draws with: the browser's own (docs/fonts.md). The module
// rasterises each glyph with Canvas 2D the first time the form shows it, in these font stacks;
// a form's loader (part 10) hands them to its module. ftblock.fonts.warm() has the browser find
// and open them while ftblock.wasm compiles, so the first frame does not wait for that.
(function (global) {
  'use strict';

  var ftblock = global.ftblock;
  // A CJK-aware stack: the platforms' UI fonts for Latin, Greek and Cyrillic, then their
  // Simplified Chinese fonts (which also hold kana, Hangul and CJK Extension A), then the
  // browser's sans-serif (whose fallback finds anything else that is installed).
  var text = '"Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", "PingFang SC", ' +
             '"Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", ' +
             '"WenQuanYi Micro Hei", "Droid Sans Fallback", sans-serif';
  // Emoji are drawn with the colour emoji fonts first, as browsers show them.
  var emoji = '"Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", ' + text;
  var warmed = false;

  ftblock.fonts = {
    text: text,
    emoji: emoji,
    // Once per page: a measurement in each stack opens its fonts (a cost paid once per page).
    warm: function () {
      if (warmed) return;
      warmed = true;
      try {
        var ctx = document.createElement('canvas').getContext('2d');
        ctx.font = '16px ' + text;
        ctx.measureText('Hg\u4E2D\uD55C');
        ctx.font = '16px ' + emoji;
        ctx.measureText('\uD83D\uDE00');
      } catch (err) {
        // Nothing lost: the module opens them itself.
      }
    }
  };
})(window);
