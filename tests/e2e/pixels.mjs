// Pixels of the form's screenshots, for the glyph tests (glyphs.test.mjs): a PNG decoder for what
// Chromium's screenshots are (8-bit RGB or RGBA, not interlaced) and the few measures the tests
// make on a crop: where ink is (pixels that differ from the crop's background), its extent, and
// how much two crops differ.
import zlib from 'node:zlib';

// PNG bytes → { width, height, data: RGBA bytes }.
export function decodePng(bytes) {
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let width = 0, height = 0, depth = 0, type = 0, interlace = 0;
  const idat = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const kind = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      [depth, type, , , interlace] = data.subarray(8, 13);
    } else if (kind === 'IDAT') {
      idat.push(data);
    } else if (kind === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  if (depth !== 8 || (type !== 2 && type !== 6) || interlace !== 0)
    throw new Error(`unsupported PNG (depth ${depth}, colour type ${type}, interlace ${interlace})`);
  const bpp = type === 6 ? 4 : 3;
  const stride = width * bpp;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[x - bpp] : 0, b = prev[x], c = x >= bpp ? prev[x - bpp] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = cur[x * bpp];
      out[o + 1] = cur[x * bpp + 1];
      out[o + 2] = cur[x * bpp + 2];
      out[o + 3] = bpp === 4 ? cur[x * bpp + 3] : 255;
    }
    prev = cur;
  }
  return { width, height, data: out };
}

// The part (x, y, width, height) of an image, in its pixels.
export function crop(img, x, y, width, height) {
  x = Math.max(0, Math.round(x));
  y = Math.max(0, Math.round(y));
  width = Math.min(img.width - x, Math.round(width));
  height = Math.min(img.height - y, Math.round(height));
  const data = Buffer.alloc(width * height * 4);
  for (let row = 0; row < height; row++)
    img.data.copy(data, row * width * 4, ((y + row) * img.width + x) * 4, ((y + row) * img.width + x + width) * 4);
  return { width, height, data };
}

const INK = 48;  // a channel this far from the background is ink (text, caret, emoji)

// Ink of a crop against its background (its top-left pixel): a per-pixel mask, the ink's
// columns [left, right] (-1 when there is none) and its pixel count.
export function ink(img) {
  const bg = [img.data[0], img.data[1], img.data[2]];
  const mask = new Uint8Array(img.width * img.height);
  let left = -1, right = -1, count = 0;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const o = (y * img.width + x) * 4;
      const d = Math.max(Math.abs(img.data[o] - bg[0]), Math.abs(img.data[o + 1] - bg[1]), Math.abs(img.data[o + 2] - bg[2]));
      if (d > INK) {
        mask[y * img.width + x] = 1;
        count++;
        if (left < 0 || x < left) left = x;
        if (x > right) right = x;
      }
    }
  return { mask, left, right, count, width: img.width, height: img.height };
}

// Pixels set in one mask and not the other, over columns [0, width) (outside a mask: no ink).
export function maskDifference(a, b, widthA, widthB) {
  const width = Math.max(widthA, widthB), height = Math.min(a.height, b.height);
  let n = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const ia = x < widthA ? a.mask[y * a.width + x] : 0;
      const ib = x < widthB ? b.mask[y * b.width + x] : 0;
      if (ia !== ib) n++;
    }
  return n;
}

// Ink pixels in columns [0, width).
export function inkBefore(a, width) {
  let n = 0;
  for (let y = 0; y < a.height; y++)
    for (let x = 0; x < Math.min(width, a.width); x++) n += a.mask[y * a.width + x];
  return n;
}

// Rows holding ink, as bands [top, bottom] of consecutive rows, each with its ink's rightmost
// column: the lines of a block of text.
export function inkLines(a) {
  const bands = [];
  let current = null;
  for (let y = 0; y < a.height; y++) {
    let right = -1;
    for (let x = 0; x < a.width; x++) if (a.mask[y * a.width + x]) right = x;
    if (right >= 0) {
      if (!current) bands.push(current = { top: y, bottom: y, right });
      current.bottom = y;
      current.right = Math.max(current.right, right);
    } else {
      current = null;
    }
  }
  return bands;
}
