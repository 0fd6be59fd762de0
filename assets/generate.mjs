// Regenerates the committed binary assets from their sources: PNG icons from the SVGs (sharp) and
// the ring sound (a calm two-tone ring, synthesised here). Run: node assets/generate.mjs
import sharp from 'sharp';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const PNGS = [
  ['icon.svg', 'icon.png', 512],
  // The web client's favicon (linked from renderer/index.html): 16 CSS px tabs up to 4× density.
  ['icon.svg', 'favicon.png', 64],
  ['tray.svg', 'tray.png', 32],
  ['tray.svg', 'tray@2x.png', 64],
  ['tray-ringing.svg', 'tray-ringing.png', 32],
  ['tray-ringing.svg', 'tray-ringing@2x.png', 64],
];

for (const [svg, png, size] of PNGS) {
  await sharp(join(here, svg), { density: 384 }).resize(size, size).png({ compressionLevel: 9 }).toFile(join(here, png));
}

/**
 * Two soft tones (D5 then F#5 with a quiet octave partial), each with a 40 ms fade in and out so
 * nothing clicks, played twice, then silence: one 2.8 s cycle, looped by the renderer.
 */
export function ringSamples(rate = 22050) {
  const tone = (freq, seconds) => {
    const n = Math.round(rate * seconds);
    const fade = Math.round(rate * 0.04);
    return Array.from({ length: n }, (_, i) => {
      const env = Math.min(1, i / fade, (n - 1 - i) / fade);
      const t = i / rate;
      return env * (0.8 * Math.sin(2 * Math.PI * freq * t) + 0.2 * Math.sin(2 * Math.PI * 2 * freq * t));
    });
  };
  const silence = (seconds) => new Array(Math.round(rate * seconds)).fill(0);
  const pair = [...tone(587.33, 0.35), ...silence(0.05), ...tone(739.99, 0.35)];
  return [...pair, ...silence(0.2), ...pair, ...silence(1.1)];
}

export function wavFile(samples, rate = 22050, volume = 0.45) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s * volume)) * 32767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

await writeFile(join(here, 'ring.wav'), wavFile(ringSamples()));
console.log('assets: icon.png, favicon.png, tray*.png, ring.wav written');
