/**
 * The simulator's S3 object store: buckets and objects kept as files under one directory (the run's
 * temp space). Buckets exist implicitly (the first PutObject creates one). Each object is one file
 * named by its percent-encoded key, so keys that are prefixes of each other (`a`, `a/b`) never clash.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, stat, writeFile, rename } from 'node:fs/promises'
import { join } from 'node:path'

/** Metadata of one stored object. */
export interface ObjectInfo {
  key: string
  sizeBytes: number
  /** Quoted MD5 hex of the content, as S3 reports it for single-part uploads. */
  etag: string
  lastModified: Date
}

/** One page of a listing. */
export interface ObjectPage {
  objects: ObjectInfo[]
  /** Key to continue after, or `null` when this was the last page. */
  nextAfter: string | null
}

/** `s3://bucket/key` split into its parts, or `null` when it is not an S3 URI. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | null {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri)
  return match ? { bucket: match[1], key: match[2] } : null
}

const validBucket = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/** True when `name` is a valid S3 bucket name (3–63 lower-case letters, digits, dots, hyphens). */
export function isBucketName(name: string): boolean {
  return validBucket.test(name)
}

/** A directory-backed object store. */
export class ObjectStore {
  readonly #dir: string
  #writes = 0

  /** @param dir directory that holds one sub-directory per bucket (created on demand) */
  constructor(dir: string) {
    this.#dir = dir
  }

  #path(bucket: string, key: string): string {
    return join(this.#dir, bucket, encodeURIComponent(key))
  }

  /** Stores an object (atomically: temp file + rename), creating its bucket if needed. */
  async put(bucket: string, key: string, body: Uint8Array): Promise<ObjectInfo> {
    await mkdir(join(this.#dir, bucket), { recursive: true })
    const path = this.#path(bucket, key)
    const temp = join(this.#dir, bucket, `.tmp-${process.pid}-${this.#writes++}`)
    await writeFile(temp, body)
    await rename(temp, path)
    return { key, sizeBytes: body.length, etag: etagOf(body), lastModified: new Date() }
  }

  /** The object's bytes and metadata, or `null` when it does not exist. */
  async get(bucket: string, key: string): Promise<{ body: Buffer; info: ObjectInfo } | null> {
    try {
      const body = await readFile(this.#path(bucket, key))
      const info = await this.head(bucket, key)
      return info ? { body, info: { ...info, etag: etagOf(body) } } : null
    } catch {
      return null
    }
  }

  /** The object's metadata, or `null` when it does not exist. */
  async head(bucket: string, key: string): Promise<ObjectInfo | null> {
    try {
      const s = await stat(this.#path(bucket, key))
      if (!s.isFile()) return null
      const body = await readFile(this.#path(bucket, key))
      return { key, sizeBytes: s.size, etag: etagOf(body), lastModified: s.mtime }
    } catch {
      return null
    }
  }

  /** True when the bucket has been created (by a first PutObject). */
  async hasBucket(bucket: string): Promise<boolean> {
    try {
      return (await stat(join(this.#dir, bucket))).isDirectory()
    } catch {
      return false
    }
  }

  /** Objects whose key starts with `prefix`, in key order, after `startAfter`, at most `maxKeys`. */
  async list(bucket: string, prefix: string, startAfter: string, maxKeys: number): Promise<ObjectPage> {
    let names: string[]
    try {
      names = await readdir(join(this.#dir, bucket))
    } catch {
      return { objects: [], nextAfter: null }
    }
    const keys = names
      .filter(n => !n.startsWith('.tmp-'))
      .map(n => decodeURIComponent(n))
      .filter(k => k.startsWith(prefix) && k > startAfter)
      .sort()
    const page = keys.slice(0, maxKeys)
    const objects: ObjectInfo[] = []
    for (const key of page) {
      const info = await this.head(bucket, key)
      if (info) objects.push(info)
    }
    return { objects, nextAfter: keys.length > maxKeys ? page[page.length - 1] : null }
  }
}

function etagOf(body: Uint8Array): string {
  return `"${createHash('md5').update(body).digest('hex')}"`
}
