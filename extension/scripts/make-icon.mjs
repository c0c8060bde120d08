// Draws media/icon.png (128×128): a memory graph, three linked nodes on a
// rounded indigo tile. Kept as a script so the icon can be regenerated.
import { writeFileSync } from "node:fs"
import { deflateSync } from "node:zlib"

const size = 128
const px = new Uint8Array(size * size * 4)
const put = (x, y, [r, g, b], a = 1) => {
  const i = (y * size + x) * 4
  const under = px[i + 3] / 255
  const out = a + under * (1 - a)
  const mix = (c, o) => Math.round((c * a + o * under * (1 - a)) / (out || 1))
  px[i] = mix(r, px[i]); px[i + 1] = mix(g, px[i + 1]); px[i + 2] = mix(b, px[i + 2]); px[i + 3] = Math.round(out * 255)
}
// coverage of a shape by 4×4 supersampling
const paint = (inside, color) => {
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    let hits = 0
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++
    if (hits > 0) put(x, y, color, hits / 16)
  }
}
const roundedSquare = (x, y) => {
  const r = 24, lo = 4, hi = 124
  const cx = Math.min(Math.max(x, lo + r), hi - r), cy = Math.min(Math.max(y, lo + r), hi - r)
  return x >= lo && x <= hi && y >= lo && y <= hi && (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}
const disc = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax, dy = by - ay
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2
}
const nodes = [[64, 36], [38, 86], [90, 86]]
paint(roundedSquare, [49, 46, 129])
for (const [a, b] of [[0, 1], [0, 2], [1, 2]]) paint(segment(...nodes[a], ...nodes[b], 7), [165, 180, 252])
for (const [x, y] of nodes) paint(disc(x, y, 15), [255, 255, 255])
paint(disc(64, 36, 6), [49, 46, 129])

const raw = Buffer.alloc(size * (size * 4 + 1))
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0
  Buffer.from(px.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1)
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0 }
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type), data])
  const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body))
  return Buffer.concat([len, body, sum])
}
const ihdr = Buffer.alloc(13)
ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))
])
writeFileSync(new URL("../media/icon.png", import.meta.url), png)
console.log(`media/icon.png: ${png.length} bytes`)
