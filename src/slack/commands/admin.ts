import { addAdmin } from '../../services/admins/add-admin';
import { listAdmins } from '../../services/admins/list-admins';
import { removeAdmin } from '../../services/admins/remove-admin';
import { reinstateVendorMember } from '../../services/partners/reinstate-vendor-member';
import { adminReplies } from '../../messages/admin';
import { parseNoArguments, parseSingleUser } from './arg-helpers';
import { defineSubcommand } from './types';

const ADD = '/accord admin add @user';
const REMOVE = '/accord admin remove @user';
const LIST = '/accord admin list';
const REINSTATE = '/accord vendor reinstate @user';

export const adminSubcommands = [
  defineSubcommand({
    name: 'admin add',
    topic: 'admin',
    usage: ADD,
    parse: ({ args }) => parseSingleUser(args),
    async run(ctx, userId) {
      await addAdmin({ ctx, input: { userId } });
      return adminReplies.added(userId);
    },
  }),
  defineSubcommand({
    name: 'admin remove',
    topic: 'admin',
    usage: REMOVE,
    parse: ({ args }) => parseSingleUser(args),
    async run(ctx, userId) {
      await removeAdmin({ ctx, input: { userId } });
      return adminReplies.removed(userId);
    },
  }),
  defineSubcommand({
    name: 'admin list',
    topic: 'admin',
    usage: LIST,
    parse: ({ args }) => parseNoArguments(args, 'admin list'),
    async run(ctx) {
      return adminReplies.list(await listAdmins({ ctx }));
    },
  }),
  defineSubcommand({
    name: 'vendor reinstate',
    topic: 'admin',
    usage: REINSTATE,
    parse: ({ args }) => parseSingleUser(args),
    async run(ctx, userId) {
      await reinstateVendorMember({ ctx, input: { userId } });
      return adminReplies.reinstated(userId);
    },
  }),
];
