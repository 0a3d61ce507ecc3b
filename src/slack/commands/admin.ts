import { addAdmin } from '../../services/admins/add-admin';
import { listAdmins } from '../../services/admins/list-admins';
import { removeAdmin } from '../../services/admins/remove-admin';
import { reinstateVendorMember } from '../../services/partners/reinstate-vendor-member';
import { mentionUser } from '../../messages/mrkdwn';
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
    summary: 'make a vendor user an Accord admin',
    parse: ({ args }) => parseSingleUser(args),
    async run(ctx, userId) {
      await addAdmin({ ctx, input: { userId } });
      return { text: `:white_check_mark: ${mentionUser(userId)} is now an Accord admin.` };
    },
  }),
  defineSubcommand({
    name: 'admin remove',
    topic: 'admin',
    usage: REMOVE,
    summary: 'take admin rights away from someone added in Slack',
    parse: ({ args }) => parseSingleUser(args),
    async run(ctx, userId) {
      await removeAdmin({ ctx, input: { userId } });
      return { text: `:white_check_mark: ${mentionUser(userId)} is no longer an Accord admin.` };
    },
  }),
  defineSubcommand({
    name: 'admin list',
    topic: 'admin',
    usage: LIST,
    summary: 'who the Accord admins are and where their rights come from',
    parse: ({ args }) => parseNoArguments(args, 'admin list'),
    async run(ctx) {
      const entries = await listAdmins({ ctx });
      if (entries.length === 0) return { text: 'There are no Accord admins yet. Set ACCORD_ADMIN_USER_IDS to name the first ones.' };
      const lines = entries.map((a) =>
        a.source === 'config'
          ? `• ${mentionUser(a.userId)} — from ACCORD_ADMIN_USER_IDS`
          : `• ${mentionUser(a.userId)} — added by ${mentionUser(a.addedBy ?? '')} on ${a.addedAt?.toISOString().slice(0, 10) ?? '?'}`,
      );
      return { text: `*Accord admins (${entries.length})*\n${lines.join('\n')}` };
    },
  }),
  defineSubcommand({
    name: 'vendor reinstate',
    topic: 'admin',
    usage: REINSTATE,
    summary: 'make someone of the vendor workspace who left a partner a vendor member again (until then they are a guest)',
    parse: ({ args }) => parseSingleUser(args),
    async run(ctx, userId) {
      await reinstateVendorMember({ ctx, input: { userId } });
      return { text: `:white_check_mark: ${mentionUser(userId)} is a vendor member again: they can create projects, set RACI and schedule check-ins, and see every partner's scores and statements.` };
    },
  }),
];
