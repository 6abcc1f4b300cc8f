import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { SYSTEM_ACTOR } from '../../src/admin/actor.ts';
import { MEDIA_SIZE_LIMITS, saveMedia } from '../../src/media/store.ts';
import { seedTinyCity } from '../helpers/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

interface Upload { name: string; bytes: Buffer; field?: string }

/** A multipart/form-data body as a browser would send it. */
async function multipart(files: Upload[]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const f of files) form.append(f.field ?? 'file', new Blob([new Uint8Array(f.bytes)], { type: 'application/octet-stream' }), f.name);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

/** A fake MP4: an `ftyp` box (isom) followed by filler; enough for type detection and byte ranges. */
function fakeMp4(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  bytes.writeUInt32BE(24, 0);
  bytes.write('ftypisom', 4, 'latin1');
  bytes.write('isomiso2mp41', 12, 'latin1');
  for (let i = 24; i < size; i++) bytes[i] = i % 251;
  return bytes;
}

describe('media store and component photos', () => {
  let p: TestPlatform;
  let admin: Record<string, string>;
  let collector1: Record<string, string>;
  let districtAdmin: Record<string, string>;
  let citizen: Record<string, string>;
  let jpeg: Buffer; // 400×200 stored with EXIF orientation 6 (shown 200×400), GPS and capture time
  let png: Buffer;  // 64×48 with transparency

  before(async () => {
    p = await startTestPlatform({ seed: seedTinyCity });
    admin = await p.loginAs('admin');
    collector1 = await p.loginAs('collector1');
    districtAdmin = await p.loginAs('district_admin');
    citizen = await p.loginAs('citizen1');
    jpeg = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#2a7' } })
      .withMetadata({ orientation: 6 })
      .withExifMerge({
        IFD2: { DateTimeOriginal: '2026:03:01 10:20:30' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 0/1 720/100', GPSLongitudeRef: 'E', GPSLongitude: '119/1 0/1 360/100' },
      })
      .jpeg().toBuffer();
    png = await sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } }).png().toBuffer();
  });
  after(async () => { await p?.close(); });

  const upload = async (url: string, headers: Record<string, string>, files: Upload[]) => {
    const body = await multipart(files);
    return p.request({ method: 'POST', url, headers: { ...headers, ...body.headers }, payload: body.payload });
  };
  const get = (url: string, headers: Record<string, string>) => p.request({ method: 'GET', url, headers });
  /** Raw bytes of a response (the helper parses JSON, which binary bodies are not). */
  const getBytes = async (url: string, headers: Record<string, string>) => {
    const res = await p.app.inject({ method: 'GET', url, headers });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
  };
  const mediaRows = async () => (await p.db.maybeOne<{ n: number }>('select count(*)::int as n from media'))!.n;

  describe('upload and download', () => {
    it('stores a JPEG and a PNG by content and gives them back byte for byte', async () => {
      const res = await upload('/api/media', collector1, [{ name: 'site.jpg', bytes: jpeg }, { name: 'sign.png', bytes: png }]);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const [j, g] = res.body;
      assert.equal(j.contentType, 'image/jpeg');
      assert.deepEqual([j.width, j.height], [200, 400], 'EXIF orientation applied');
      assert.equal(j.sizeBytes, jpeg.length);
      assert.match(j.hash, /^[0-9a-f]{64}$/);
      assert.equal(j.url, `/api/media/${j.hash}`);
      assert.equal(j.thumbnailUrl, `/api/media/${j.hash}/thumbnail`);
      assert.deepEqual(j.exif, { lon: 119.001, lat: 34.002, takenAt: '2026-03-01T02:20:30.000Z' });
      assert.deepEqual([g.contentType, g.width, g.height, g.exif], ['image/png', 64, 48, null]);

      for (const [info, original] of [[j, jpeg], [g, png]] as const) {
        const back = await getBytes(info.url, collector1);
        assert.equal(back.status, 200);
        assert.ok(back.bytes.equals(original), 'byte-identical');
        assert.equal(back.headers['content-type'], info.contentType);
        assert.equal(back.headers.etag, `"${info.hash}"`);
        assert.equal(back.headers['cache-control'], 'private, max-age=31536000, immutable');
      }
    });

    it('makes a JPEG thumbnail, longest side 320 px, upright', async () => {
      const [j, g] = (await upload('/api/media', admin, [{ name: 'a.jpg', bytes: jpeg }, { name: 'b.png', bytes: png }])).body;
      const thumb = await getBytes(j.thumbnailUrl, admin);
      assert.equal(thumb.status, 200);
      assert.equal(thumb.headers['content-type'], 'image/jpeg');
      const meta = await sharp(thumb.bytes).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.deepEqual([meta.width, meta.height], [160, 320]);
      const small = await sharp((await getBytes(g.thumbnailUrl, admin)).bytes).metadata();
      assert.deepEqual([small.format, small.width, small.height], ['jpeg', 64, 48], 'small images are not enlarged');
    });

    it('stores the same bytes once: same hash, one row, one audit entry', async () => {
      const first = await upload('/api/media', admin, [{ name: 'x.png', bytes: png }]);
      const again = await upload('/api/media', collector1, [{ name: 'copy-of-x.png', bytes: png }]);
      assert.equal(first.body[0].hash, again.body[0].hash);
      const direct = await p.db.transaction((tx) => saveMedia(tx, SYSTEM_ACTOR, png, 'from-code.png'));
      assert.equal(direct.hash, first.body[0].hash);
      const rows = await p.db.maybeOne<{ n: number }>('select count(*)::int as n from media where hash = $1', [first.body[0].hash]);
      assert.equal(rows!.n, 1);
      const audits = await p.db.query(`select 1 from audit_log where entity = 'media' and entity_id = $1`, [first.body[0].hash]);
      assert.equal(audits.length, 1);
    });

    it('refuses what is not an accepted image or video, judged by content', async () => {
      const before = await mediaRows();
      const text = await upload('/api/media', admin, [{ name: 'photo.jpg', bytes: Buffer.from('这不是照片，只是文字。\n') }]);
      assert.deepEqual([text.status, text.body.code], [400, 'UNSUPPORTED_MEDIA_TYPE']);
      assert.match(text.body.message, /不支持的文件类型（photo\.jpg）/);
      const broken = await upload('/api/media', admin, [{ name: 'broken.jpg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]) }]);
      assert.deepEqual([broken.status, broken.body.code], [400, 'INVALID_IMAGE']);
      const heic = Buffer.alloc(2000, 1);
      heic.writeUInt32BE(24, 0);
      heic.write('ftypheicmif1heicmiaf', 4, 'latin1');
      const undecodable = await upload('/api/media', admin, [{ name: 'IMG_0001.HEIC', bytes: heic }]);
      assert.deepEqual([undecodable.status, undecodable.body.code], [400, 'UNSUPPORTED_MEDIA_TYPE']);
      assert.match(undecodable.body.message, /HEIC/);
      const empty = await upload('/api/media', admin, [{ name: 'empty.png', bytes: Buffer.alloc(0) }]);
      assert.deepEqual([empty.status, empty.body.code], [400, 'EMPTY_FILE']);
      // one bad file refuses the whole upload: the good one beside it is not stored either
      const fresh = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#123456' } }).png().toBuffer();
      const mixed = await upload('/api/media', admin, [{ name: 'ok.png', bytes: fresh }, { name: 'notes.jpg', bytes: Buffer.from('hello') }]);
      assert.equal(mixed.status, 400);
      assert.equal(await mediaRows(), before);
    });

    it('refuses images over 15 MB', async () => {
      const big = Buffer.alloc(MEDIA_SIZE_LIMITS.image + 1);
      big.set([0xff, 0xd8, 0xff, 0xe0]);
      const res = await upload('/api/media', admin, [{ name: 'huge.jpg', bytes: big }]);
      assert.deepEqual([res.status, res.body.code], [400, 'FILE_TOO_LARGE']);
      assert.match(res.body.message, /图片超过 15 MB/);
    });

    it('refuses requests that are not a proper upload', async () => {
      const json = await p.request({ method: 'POST', url: '/api/media', headers: admin, payload: { file: 'x' } });
      assert.deepEqual([json.status, json.body.code], [400, 'NOT_MULTIPART']);
      const misnamed = await upload('/api/media', admin, [{ name: 'a.png', bytes: png, field: 'photo' }]);
      assert.deepEqual([misnamed.status, misnamed.body.code], [400, 'UNEXPECTED_FIELD']);
      const anonymous = await upload('/api/media', {}, [{ name: 'a.png', bytes: png }]);
      assert.equal(anonymous.status, 401);
    });

    it('lets any logged-in actor upload and read, nobody else read', async () => {
      const res = await upload('/api/media', citizen, [{ name: 'pothole.jpg', bytes: jpeg }]);
      assert.equal(res.status, 201);
      assert.equal((await getBytes(res.body[0].url, citizen)).status, 200);
      assert.equal((await get(res.body[0].url, {})).status, 401);
    });

    it('answers 404 for an unknown hash and 400 for a malformed one', async () => {
      const unknown = await get(`/api/media/${'0'.repeat(64)}`, admin);
      assert.deepEqual([unknown.status, unknown.body.code], [404, 'NOT_FOUND']);
      assert.equal((await get(`/api/media/${'0'.repeat(64)}/thumbnail`, admin)).status, 404);
      for (const bad of ['abc', 'G'.repeat(64), `${'0'.repeat(64)}0`]) {
        const res = await get(`/api/media/${bad}`, admin);
        assert.deepEqual([res.status, res.body.code], [400, 'VALIDATION'], bad);
      }
      assert.equal((await get('/api/media/xyz/thumbnail', admin)).status, 400);
    });

    it('answers 304 when the client already has the file', async () => {
      const [j] = (await upload('/api/media', admin, [{ name: 'a.jpg', bytes: jpeg }])).body;
      const same = await getBytes(j.url, { ...admin, 'if-none-match': `"${j.hash}"` });
      assert.equal(same.status, 304);
      assert.equal(same.bytes.length, 0);
      assert.equal(same.headers.etag, `"${j.hash}"`);
      const listed = await getBytes(j.url, { ...admin, 'if-none-match': `"other", W/"${j.hash}"` });
      assert.equal(listed.status, 304);
      const other = await getBytes(j.url, { ...admin, 'if-none-match': '"other"' });
      assert.equal(other.status, 200);
      const thumb = await getBytes(j.thumbnailUrl, admin);
      assert.equal((await getBytes(j.thumbnailUrl, { ...admin, 'if-none-match': thumb.headers.etag as string })).status, 304);
    });

    it('stores videos and serves byte ranges (206) for seeking', async () => {
      const video = fakeMp4(200_000);
      const res = await upload('/api/media', collector1, [{ name: 'clip.mp4', bytes: video }]);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const v = res.body[0];
      assert.deepEqual([v.contentType, v.width, v.height, v.thumbnailUrl, v.exif], ['video/mp4', null, null, null, null]);
      const whole = await getBytes(v.url, collector1);
      assert.equal(whole.headers['accept-ranges'], 'bytes');
      assert.ok(whole.bytes.equals(video));

      const part = await getBytes(v.url, { ...collector1, range: 'bytes=1000-1999' });
      assert.equal(part.status, 206);
      assert.equal(part.headers['content-range'], `bytes 1000-1999/${video.length}`);
      assert.equal(part.headers['content-type'], 'video/mp4');
      assert.ok(part.bytes.equals(video.subarray(1000, 2000)));
      const open = await getBytes(v.url, { ...collector1, range: `bytes=${video.length - 10}-` });
      assert.ok(open.bytes.equals(video.subarray(video.length - 10)));
      const suffix = await getBytes(v.url, { ...collector1, range: 'bytes=-500' });
      assert.equal(suffix.headers['content-range'], `bytes ${video.length - 500}-${video.length - 1}/${video.length}`);
      assert.ok(suffix.bytes.equals(video.subarray(video.length - 500)));
      const beyond = await getBytes(v.url, { ...collector1, range: `bytes=${video.length}-` });
      assert.equal(beyond.status, 416);
      assert.equal(beyond.headers['content-range'], `bytes */${video.length}`);
      assert.equal(JSON.parse(beyond.bytes.toString()).code, 'RANGE_NOT_SATISFIABLE');
      const stale = await getBytes(v.url, { ...collector1, range: 'bytes=0-9', 'if-range': '"old"' });
      assert.equal(stale.status, 200, 'If-Range that does not match sends the whole file');

      const noThumb = await get(`${v.url}/thumbnail`, collector1);
      assert.deepEqual([noThumb.status, noThumb.body.code], [404, 'NO_THUMBNAIL']);
    });

    it('takes a video right at the 100 MB limit, and refuses one byte more', async () => {
      const video = fakeMp4(MEDIA_SIZE_LIMITS.video);
      const res = await upload('/api/media', collector1, [{ name: 'long.mov', bytes: video }]);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const back = await getBytes(res.body[0].url, collector1);
      assert.ok(back.bytes.equals(video));
      const over = await upload('/api/media', collector1, [{ name: 'longer.mp4', bytes: fakeMp4(MEDIA_SIZE_LIMITS.video + 1) }]);
      assert.deepEqual([over.status, over.body.code], [400, 'FILE_TOO_LARGE']);
    });
  });

  describe('component photos', () => {
    let componentId: string;
    let photoHash: string;

    before(async () => {
      const created = await p.request({ method: 'POST', url: '/api/components', headers: admin,
        payload: { typeCode: '01001', position: { lon: 119.0002, lat: 34.0002 } } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      componentId = created.body.id;
    });

    const photoAudits = async (action: string) =>
      p.db.query<{ actor_name: string; after: any; before: any }>(
        `select actor_name, after, before from audit_log where entity = 'component' and entity_id = $1 and action = $2 order by id`,
        [componentId, action]);

    it('adds photos to a component, once each, audited', async () => {
      const res = await upload(`/api/components/${componentId}/photos`, admin, [{ name: 'front.jpg', bytes: jpeg }]);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.id, componentId);
      assert.equal(res.body.photos.length, 1);
      const [photo] = res.body.photos;
      assert.equal(photo.contentType, 'image/jpeg');
      assert.equal(photo.addedBy, '测试admin');
      assert.ok(!Number.isNaN(Date.parse(photo.addedAt)));
      photoHash = photo.hash;

      const more = await upload(`/api/components/${componentId}/photos`, admin, [{ name: 'again.jpg', bytes: jpeg }, { name: 'side.png', bytes: png }]);
      assert.deepEqual(more.body.photos.map((x: any) => x.contentType), ['image/jpeg', 'image/png'], 'the same photo is not added twice');
      const shown = await get(`/api/components/${componentId}`, collector1);
      assert.deepEqual(shown.body.photos.map((x: any) => x.hash), more.body.photos.map((x: any) => x.hash));

      const audits = await photoAudits('add_photo');
      assert.equal(audits.length, 2);
      assert.deepEqual(audits[1].after.photos.map((x: any) => x.contentType), ['image/png']);
    });

    it('refuses videos, users without base.write, and components outside the district', async () => {
      const video = await upload(`/api/components/${componentId}/photos`, admin, [{ name: 'clip.mp4', bytes: fakeMp4(5000) }]);
      assert.deepEqual([video.status, video.body.code], [400, 'NOT_A_PHOTO']);
      const collector = await upload(`/api/components/${componentId}/photos`, collector1, [{ name: 'a.png', bytes: png }]);
      assert.deepEqual([collector.status, collector.body.code], [403, 'FORBIDDEN']);
      const fresh = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#abcdef' } }).jpeg().toBuffer();
      const otherDistrict = await upload(`/api/components/${componentId}/photos`, districtAdmin, [{ name: 'b.jpg', bytes: fresh }]);
      assert.equal(otherDistrict.status, 404, JSON.stringify(otherDistrict.body));
      const unknown = await upload('/api/components/37990201001000999/photos', admin, [{ name: 'b.jpg', bytes: fresh }]);
      assert.equal(unknown.status, 404);
      const shown = await get(`/api/components/${componentId}`, admin);
      assert.equal(shown.body.photos.length, 2);
      assert.equal((await photoAudits('add_photo')).length, 2);
    });

    it('removes a photo (base.write, in scope), audited; the file stays in the store', async () => {
      const url = `/api/components/${componentId}/photos/${photoHash}`;
      const outside = await p.request({ method: 'DELETE', url, headers: districtAdmin });
      assert.equal(outside.status, 404);
      const collector = await p.request({ method: 'DELETE', url, headers: collector1 });
      assert.equal(collector.status, 403);
      const res = await p.request({ method: 'DELETE', url, headers: admin });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.photos.map((x: any) => x.contentType), ['image/png']);
      const again = await p.request({ method: 'DELETE', url, headers: admin });
      assert.deepEqual([again.status, again.body.code], [404, 'NOT_FOUND']);
      const bad = await p.request({ method: 'DELETE', url: `/api/components/${componentId}/photos/nothex`, headers: admin });
      assert.equal(bad.status, 400);
      const audits = await photoAudits('delete_photo');
      assert.equal(audits.length, 1);
      assert.equal(audits[0].before.photo.hash, photoHash);
      assert.equal((await getBytes(`/api/media/${photoHash}`, admin)).status, 200);
    });
  });
});
