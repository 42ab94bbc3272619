import type { DomainHandlers } from '../handler-types.js';
import { createPackage } from './create.js';
import { hubLink, sendToLinkedHub, setHubLink } from './hub-link.js';

export const packageHandlers: DomainHandlers<'package.create' | 'package.hub' | 'package.setHub' | 'package.send'> = (archive) => ({
  'package.create': (args, ctx) => createPackage(archive, args, ctx),
  'package.hub': () => hubLink(archive.db),
  'package.setHub': (args) => setHubLink(archive.db, args),
  'package.send': ({ file }, ctx) => sendToLinkedHub(archive, file, ctx),
});
