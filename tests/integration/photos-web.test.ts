import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, PHOTO_MAX_BYTES, type PhotoUploaded } from '../../signaling/protocol.js';
import { request, requestOk, signIn, signInAndConnect, type ClientSocket } from '../support/clients.js';
import { availableSpecialist, callRequest, closeAll } from '../support/calls.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let webRoot: string;
const sockets: ClientSocket[] = [];
const tokens: Record<string, string> = {};

beforeAll(async () => {
  webRoot = await mkdtemp(join(tmpdir(), 'oncall-web-'));
  await mkdir(join(webRoot, 'assets'));
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>OnCall test page</title>');
  await writeFile(join(webRoot, 'assets', 'app-abc123.js'), 'console.log("hi")');
  server = await startTestServer({ webRoot });
  for (const u of ['dr.wright', 'nurse.ali', 'gp.evans', 'dr.patel', 'dr.shah', 'dr.chen']) tokens[u] = (await signIn(server.url, u, 'oncall-demo')).token;
});
afterAll(async () => {
  closeAll(...sockets);
  await server.close();
  await rm(webRoot, { recursive: true, force: true });
});

/** A JPEG with identifying EXIF and a 90° orientation flag, as a phone would take it. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 32, channels: 3, background: '#c33' } })
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { ImageDescription: 'Patient Jane Doe NHS 9434765919', Artist: 'Ward 3 phone' } } })
    .toBuffer();
}

async function upload(token: string | undefined, data: Buffer | Uint8Array, type = 'image/jpeg', field = 'photo') {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(data)], { type }), 'photo.bin');
  return fetch(server.url + API.photos, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

const getPhoto = (id: string, token?: string) =>
  fetch(`${server.url}${API.photos}/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('photos', () => {
  it('re-encodes to JPEG, turned upright, with every bit of metadata stripped', async () => {
    const original = await phonePhoto();
    expect(original.includes('Jane Doe')).toBe(true);
    const res = await upload(tokens['dr.wright'], original);
    expect(res.status).toBe(201);
    const body = (await res.json()) as PhotoUploaded;
    expect(body).toMatchObject({ width: 32, height: 64 });
    const stored = Buffer.from(await (await getPhoto(body.photoId, tokens['dr.wright'])).arrayBuffer());
    expect(stored.length).toBe(body.bytes);
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 32, height: 64 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(stored.includes('Jane Doe')).toBe(false);
    expect(stored.includes('Ward 3')).toBe(false);
  });

  it('refuses other formats, undecodable files, oversize files and a missing token with clear errors', async () => {
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    const asGif = await upload(tokens['dr.wright'], gif, 'image/gif');
    expect(asGif.status).toBe(415);
    expect(((await asGif.json()) as { error: { message: string } }).error.message).toMatch(/JPEG or PNG/);
    const disguised = await upload(tokens['dr.wright'], gif, 'image/png');
    expect(disguised.status).toBe(415);
    const text = await upload(tokens['dr.wright'], Buffer.from('not an image at all'), 'image/jpeg');
    expect(text.status).toBe(415);
    const big = await upload(tokens['dr.wright'], Buffer.alloc(PHOTO_MAX_BYTES + 1024, 1), 'image/jpeg');
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/8 MB/) });
    const wrongField = await upload(tokens['dr.wright'], await phonePhoto(), 'image/jpeg', 'picture');
    expect(wrongField.status).toBe(400);
    expect((await upload(undefined, await phonePhoto())).status).toBe(401);
    const json = await fetch(server.url + API.photos, { method: 'POST', headers: { authorization: `Bearer ${tokens['dr.wright']}`, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
  });

  it('is visible to the caller, the line while waiting, then only the answering specialist', async () => {
    const { photoId } = (await (await upload(tokens['dr.wright'], await phonePhoto())).json()) as PhotoUploaded;
    const { photoId: alisPhoto } = (await (await upload(tokens['nurse.ali'], await phonePhoto())).json()) as PhotoUploaded;
    // Unattached: the uploader only.
    expect((await getPhoto(photoId, tokens['dr.patel'])).status).toBe(403);
    expect((await getPhoto(alisPhoto, tokens['dr.wright'])).status).toBe(403);

    const caller = (await signInAndConnect(server.url, 'dr.wright')).socket;
    sockets.push(caller);
    const stolen = await request(caller, 'call:request', callRequest('line-cardiology', { photoId: alisPhoto }));
    expect(stolen).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const call = await requestOk(caller, 'call:request', callRequest('line-cardiology', { photoId }));
    expect(call.photoId).toBe(photoId);
    const reuse = await request((await signInAndConnect(server.url, 'dr.wright')).socket, 'call:request', callRequest('line-haematology', { photoId }));
    expect(reuse.ok).toBe(false);

    const ok = await getPhoto(photoId, tokens['dr.patel']);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect(ok.headers.get('cache-control')).toContain('no-store');
    expect((await getPhoto(photoId, tokens['dr.shah'])).status).toBe(200);
    expect((await getPhoto(photoId, tokens['dr.chen'])).status).toBe(403); // not on the line
    expect((await getPhoto(photoId, tokens['gp.evans'])).status).toBe(403); // third user
    expect((await getPhoto(photoId)).status).toBe(401);
    expect((await getPhoto('no-such-photo', tokens['dr.wright'])).status).toBe(404);

    const patel = (await availableSpecialist(server.url, 'dr.patel')).socket;
    sockets.push(patel);
    await requestOk(patel, 'call:accept', { callId: call.id });
    expect((await getPhoto(photoId, tokens['dr.patel'])).status).toBe(200);
    expect((await getPhoto(photoId, tokens['dr.wright'])).status).toBe(200);
    expect((await getPhoto(photoId, tokens['dr.shah'])).status).toBe(403); // no longer waiting
    await requestOk(caller, 'call:hangup', { callId: call.id });
  });
});

describe('web client', () => {
  it('serves index.html at / and for client routes, with a strict CSP that allows the same-origin socket', async () => {
    for (const path of ['/', '/caller/waiting']) {
      const res = await fetch(server.url + path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('OnCall test page');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    }
    const asset = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    const api404 = await fetch(`${server.url}/api/nothing-here`);
    expect(api404.status).toBe(404);
    expect(await api404.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('explains when the client is not built', async () => {
    const bare = await startTestServer({ webRoot: join(webRoot, 'missing') });
    const res = await fetch(bare.url + '/');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/build:web/);
    await bare.close();
  });
});
