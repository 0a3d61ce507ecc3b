import { eq } from 'drizzle-orm';
import { partners, projects, userLanguages } from '../../db/schema';
import type { Language } from '../../domain/language';
import { forbidden } from '../../errors';
import { languageRefusals } from '../../messages/language';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { findActivePartner } from '../partners/find-partner';
import { requirePermission } from '../permissions';
import { resolveActor } from '../resolve-actor';
import { resolveProject } from '../projects/find-project';

/** `auto`: no language of one's own; Accord chooses (src/domain/language.ts). */
export type LanguageChoice = Language | 'auto';

/**
 * `/accord language <code|auto>`: anyone may choose their own. Returns the language Accord now
 * answers them in (for `auto`, worked out again at once).
 */
export async function setOwnLanguage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { language: LanguageChoice };
}): Promise<{ language: Language }> {
  const now = ctx.clock.now();
  const userId = ctx.actor.userId;
  await ctx.db.transaction(async (tx) => {
    if (input.language === 'auto') await tx.delete(userLanguages).where(eq(userLanguages.userId, userId));
    else
      await tx
        .insert(userLanguages)
        .values({ userId, language: input.language, setAt: now })
        .onConflictDoUpdate({ target: userLanguages.userId, set: { language: input.language, setAt: now } });
    await recordAudit(tx, now, userId, {
      action: 'user.language_set',
      entityType: 'user',
      entityId: userId,
      data: { language: input.language },
    });
  });
  ctx.languageMemory.forget(userId);
  if (input.language !== 'auto') return { language: input.language };
  const again = await resolveActor(ctx, { userId, userTeam: ctx.actor.teamId, channelId: ctx.channelId });
  return { language: again.language };
}

/** `partner set <slug> lang=…`: a vendor admin sets the default of the partner's people. */
export async function setPartnerLanguage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; language: LanguageChoice };
}): Promise<{ name: string; language: Language | undefined }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = await findActivePartner(ctx.db, input.slug);
  const language = input.language === 'auto' ? null : input.language;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(partners).set({ language }).where(eq(partners.id, partner.id));
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'partner.language_set',
      entityType: 'partner',
      entityId: partner.id,
      data: { from: partner.language, to: language },
    });
  });
  ctx.languageMemory.clear();
  return { name: partner.name, language: language ?? undefined };
}

/**
 * `project set [project=<slug>] lang=…`: the language of the channel's shared messages. Vendor
 * admins and the project's owner may change it: it is what every partner in the channel reads.
 */
export async function setProjectLanguage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { project: string | undefined; language: LanguageChoice };
}): Promise<{ slug: string; language: Language | undefined }> {
  const { project } = await resolveProject(ctx, input.project, 'manageProjects');
  if (ctx.actor.role !== 'admin' && project.ownerUserId !== ctx.actor.userId)
    throw forbidden(languageRefusals.notOwner(project.ownerUserId));
  const language = input.language === 'auto' ? null : input.language;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(projects).set({ language }).where(eq(projects.id, project.id));
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'project.language_set',
      entityType: 'project',
      entityId: project.id,
      data: { from: project.language, to: language },
    });
  });
  ctx.languageMemory.clear();
  return { slug: project.slug, language: language ?? undefined };
}
