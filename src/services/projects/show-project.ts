import { asc, eq } from 'drizzle-orm';
import { raciActivities } from '../../db/schema';
import type { ServiceContext } from '../context';
import { resolveProject, type ProjectWithPartners } from './find-project';

export interface ProjectDetails extends ProjectWithPartners {
  activities: Array<typeof raciActivities.$inferSelect>;
}

export async function showProject({ ctx, input }: { ctx: ServiceContext; input: { slug: string | undefined; usage: string } }): Promise<ProjectDetails> {
  const found = await resolveProject(ctx, input.slug, 'seeProject', input.usage);
  const activities = await ctx.db.select().from(raciActivities).where(eq(raciActivities.projectId, found.project.id)).orderBy(asc(raciActivities.id));
  return { ...found, activities };
}
