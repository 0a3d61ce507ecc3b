import type { WebApiMethod } from '../args';
import { auth } from './auth';
import { chat } from './chat';
import { connect } from './connect';
import { conversations } from './conversations';
import { files } from './files';
import { pins } from './pins';
import { users } from './users';
import { views } from './views';

/**
 * The Web API methods the stand-in answers, by name, one file per family. A method not here gets
 * `unknown_method`. apps.connections.open is the server's: it takes the app-level token, not the
 * bot's.
 */
export const webApiMethods: ReadonlyMap<string, WebApiMethod> = new Map(
  Object.entries({ ...auth, ...chat, ...conversations, ...connect, ...users, ...views, ...files, ...pins }),
);
